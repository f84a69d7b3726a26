import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

// The gateway's message sequence number, which the cloud de-duplicates on together with the gateway
// name: it must only ever grow, across restarts too. Writing the file for every message would wear
// out a gateway's flash storage, so numbers are reserved in blocks: the file always holds a value no
// lower than any number handed out, and a crash costs at most a gap (gaps are harmless, repeats
// are not: the cloud would drop them as duplicates).

export class SequenceStoreError extends Error {
  override readonly name = 'SequenceStoreError';
}

export interface SequenceStoreOptions {
  blockSize?: number;
  // Only for a gateway without a sequence file; see open().
  now?: () => number;
}

export class SequenceStore {
  private closed = false;

  private constructor(
    private readonly filePath: string,
    private nextValue: number,
    private reservedUntil: number,
    private readonly blockSize: number,
  ) {}

  // Without a file (a new gateway, or one whose disk was wiped) the sequence starts at the current
  // time in microseconds rather than 0: a wiped gateway then still continues above every number it
  // used before, instead of having its new messages dropped as duplicates of old ones.
  static open(filePath: string, options: SequenceStoreOptions = {}): SequenceStore {
    const blockSize = options.blockSize ?? 100;
    if (!Number.isInteger(blockSize) || blockSize < 1)
      throw new RangeError('blockSize must be a positive integer');
    let start: number;
    let text: string | undefined;
    try {
      text = readFileSync(filePath, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    if (text === undefined) {
      start = Math.floor((options.now ?? Date.now)()) * 1000;
    } else {
      start = parseStoredValue(text, filePath);
    }
    mkdirSync(dirname(filePath), { recursive: true });
    const store = new SequenceStore(filePath, start, start, blockSize);
    store.persist(start);
    return store;
  }

  next(): number {
    if (this.closed) throw new SequenceStoreError(`the sequence store ${this.filePath} is closed`);
    if (this.nextValue >= this.reservedUntil) {
      this.reservedUntil = this.nextValue + this.blockSize;
      this.persist(this.reservedUntil);
    }
    const value = this.nextValue;
    this.nextValue += 1;
    return value;
  }

  // On a clean shutdown the exact next value is kept, so a restart leaves no gap.
  close(): void {
    if (this.closed) return;
    this.persist(this.nextValue);
    this.closed = true;
  }

  private persist(next: number): void {
    const temporary = `${this.filePath}.tmp`;
    writeFileSync(temporary, `${JSON.stringify({ next })}\n`, { mode: 0o600 });
    renameSync(temporary, this.filePath);
  }
}

function parseStoredValue(text: string, filePath: string): number {
  let next: unknown;
  try {
    next = (JSON.parse(text) as { next?: unknown }).next;
  } catch {
    next = undefined;
  }
  if (typeof next !== 'number' || !Number.isSafeInteger(next) || next < 0) {
    // Guessing here could repeat numbers the cloud has already seen; let a person decide.
    throw new SequenceStoreError(
      `the sequence file ${filePath} is unreadable (expected {"next": <integer>}): ` +
        'delete it to continue with a time-based sequence above any earlier one',
    );
  }
  return next;
}
