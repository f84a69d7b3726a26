import {
  closeSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  readSync,
  readdirSync,
  renameSync,
  statSync,
  unlinkSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';

// The gateway's store-and-forward queue: an append-only log of the messages it has made, on disk
// before anything is published, so neither a broker outage nor a power cut loses them.
//
// - Records live in segment files `<first offset>.seg`: [u32 length][u32 crc32][JSON {t, p}] each.
//   A torn record at the end of the last segment (power cut mid-write) is cut off on open.
// - `commit.json` holds the first offset not yet acknowledged (PUBACK) and the number of records
//   dropped so far. Acknowledged segments are deleted; a crash between an acknowledgement and its
//   commit costs a re-send, which the cloud de-duplicates by sequence number.
// - Bounded: past `maxBytes` the oldest segment goes, acknowledged or not, and its unacknowledged
//   records are counted as dropped.
// Plain files and fsync, no native module: the gateway image has no compiler.

export interface LogRecord {
  offset: number;
  topic: string;
  payload: string;
}

export type FsyncPolicy = 'always' | 'never' | { intervalMs: number };

export interface MessageLogOptions {
  maxBytes?: number;
  segmentBytes?: number;
  fsync?: FsyncPolicy;
  // The commit file is rewritten at most this often (and on close): a write per acknowledgement
  // would wear out flash; a crash in between only re-sends what the cloud de-duplicates.
  commitWriteIntervalMs?: number;
  now?: () => number;
}

export interface MessageLogStats {
  // Records waiting for their acknowledgement.
  depth: number;
  bytes: number;
  dropped: number;
  nextOffset: number;
  committed: number;
}

interface Segment {
  base: number;
  path: string;
  // Byte position of each record in the file.
  positions: number[];
  size: number;
}

const HEADER = 8;
const SEGMENT_SUFFIX = '.seg';
const DEFAULT_MAX_BYTES = 256 * 1024 * 1024;

export class MessageLogError extends Error {
  override readonly name = 'MessageLogError';
}

export class MessageLog {
  private readonly segments: Segment[] = [];
  private fd: number | undefined;
  private committed = 0;
  private dropped = 0;
  private lastSync = 0;
  private lastCommitWrite = 0;
  private writtenCommit = -1;
  private readonly commitWriteIntervalMs: number;
  private dirty = false;
  private readonly maxBytes: number;
  private readonly segmentBytes: number;
  private readonly fsyncPolicy: FsyncPolicy;
  private readonly now: () => number;
  private readonly commitPath: string;

  private constructor(
    private readonly dir: string,
    options: MessageLogOptions,
  ) {
    this.maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
    this.segmentBytes = options.segmentBytes ?? Math.max(4096, Math.min(8 * 1024 * 1024, this.maxBytes / 8));
    if (!(this.maxBytes >= this.segmentBytes * 2))
      throw new RangeError('maxBytes must hold at least two segments');
    this.fsyncPolicy = options.fsync ?? 'always';
    this.now = options.now ?? Date.now;
    this.commitWriteIntervalMs = options.commitWriteIntervalMs ?? 1_000;
    this.commitPath = join(dir, 'commit.json');
  }

  static open(dir: string, options: MessageLogOptions = {}): MessageLog {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const log = new MessageLog(dir, options);
    log.load();
    return log;
  }

  get nextOffset(): number {
    const last = this.segments[this.segments.length - 1];
    return last === undefined ? this.committed : last.base + last.positions.length;
  }

  get firstUnacked(): number {
    return this.committed;
  }

  stats(): MessageLogStats {
    return {
      depth: this.nextOffset - this.committed,
      bytes: this.segments.reduce((sum, segment) => sum + segment.size, 0),
      dropped: this.dropped,
      nextOffset: this.nextOffset,
      committed: this.committed,
    };
  }

  // Durable per the fsync policy once this returns; the offsets of the records in order.
  append(messages: readonly { topic: string; payload: string }[]): number[] {
    const offsets: number[] = [];
    for (const message of messages) {
      const body = Buffer.from(JSON.stringify({ t: message.topic, p: message.payload }), 'utf8');
      const record = Buffer.allocUnsafe(HEADER + body.length);
      record.writeUInt32LE(body.length, 0);
      record.writeUInt32LE(crc32(body), 4);
      body.copy(record, HEADER);
      const segment = this.writableSegment(record.length);
      writeSync(this.requireFd(), record, 0, record.length, segment.size);
      segment.positions.push(segment.size);
      segment.size += record.length;
      offsets.push(segment.base + segment.positions.length - 1);
    }
    this.dirty = this.dirty || offsets.length > 0;
    this.syncIfDue();
    this.enforceLimit();
    return offsets;
  }

  // undefined when the record was dropped or acknowledged meanwhile.
  read(offset: number): LogRecord | undefined {
    if (offset < this.committed) return undefined;
    const segment = this.segmentOf(offset);
    if (segment === undefined) return undefined;
    const index = offset - segment.base;
    const position = segment.positions[index];
    if (position === undefined) return undefined;
    const end = segment.positions[index + 1] ?? segment.size;
    const buffer = Buffer.allocUnsafe(end - position);
    const fd = openSync(segment.path, 'r');
    try {
      readSync(fd, buffer, 0, buffer.length, position);
    } finally {
      closeSync(fd);
    }
    const body = JSON.parse(buffer.subarray(HEADER).toString('utf8')) as { t: string; p: string };
    return { offset, topic: body.t, payload: body.p };
  }

  // Everything below `offset` is acknowledged: deletes the segments that hold nothing else.
  commit(offset: number): void {
    if (offset <= this.committed) return;
    this.committed = Math.min(offset, this.nextOffset);
    while (this.segments.length > 1) {
      const first = this.segments[0];
      const second = this.segments[1];
      if (first === undefined || second === undefined || second.base > this.committed) break;
      unlinkSync(first.path);
      this.segments.shift();
    }
    if (this.now() - this.lastCommitWrite >= this.commitWriteIntervalMs) this.writeCommit();
  }

  // Writes the commit file if acknowledgements arrived since it was last written.
  persistCommit(): void {
    if (this.commitDirty()) this.writeCommit();
  }

  // Forces appended records to disk (used on shutdown whatever the policy).
  sync(): void {
    if (this.fd !== undefined && this.dirty) fsyncSync(this.fd);
    this.dirty = false;
    this.lastSync = this.now();
  }

  close(): void {
    this.sync();
    this.writeCommit();
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }

  private load(): void {
    this.readCommit();
    const bases = readdirSync(this.dir)
      .filter((name) => name.endsWith(SEGMENT_SUFFIX))
      .map((name) => Number(name.slice(0, -SEGMENT_SUFFIX.length)))
      .filter((base) => Number.isSafeInteger(base))
      .sort((a, b) => a - b);
    for (const base of bases) {
      const path = this.segmentPath(base);
      const data = readFileSync(path);
      const positions: number[] = [];
      let position = 0;
      while (position + HEADER <= data.length) {
        const length = data.readUInt32LE(position);
        const end = position + HEADER + length;
        if (
          end > data.length ||
          crc32(data.subarray(position + HEADER, end)) !== data.readUInt32LE(position + 4)
        )
          break;
        positions.push(position);
        position = end;
      }
      // A torn tail: only the last segment can have one; the records before it are intact.
      if (position < data.length) writeFileSync(path, data.subarray(0, position));
      this.segments.push({ base, path, positions, size: position });
    }
    const first = this.segments[0];
    // Records dropped while the commit file lagged behind: nothing to send below the first segment.
    if (first !== undefined && first.base > this.committed) this.committed = first.base;
    if (this.segments.length === 0) this.startSegment(this.committed);
    else this.fd = openSync(this.segments[this.segments.length - 1]?.path ?? '', 'r+');
  }

  private readCommit(): void {
    let text: string;
    try {
      text = readFileSync(this.commitPath, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw error;
    }
    const parsed = JSON.parse(text) as { committed?: unknown; dropped?: unknown };
    if (
      !Number.isSafeInteger(parsed.committed) ||
      !Number.isSafeInteger(parsed.dropped) ||
      (parsed.committed as number) < 0
    )
      throw new MessageLogError(`${this.commitPath} is damaged: delete the buffer folder to start it afresh`);
    this.committed = parsed.committed as number;
    this.dropped = parsed.dropped as number;
  }

  private commitDirty(): boolean {
    return this.committed !== this.writtenCommit;
  }

  private writeCommit(): void {
    this.lastCommitWrite = this.now();
    this.writtenCommit = this.committed;
    const temporary = `${this.commitPath}.tmp`;
    writeFileSync(temporary, JSON.stringify({ committed: this.committed, dropped: this.dropped }), {
      mode: 0o600,
    });
    renameSync(temporary, this.commitPath);
  }

  private writableSegment(recordBytes: number): Segment {
    const last = this.segments[this.segments.length - 1];
    if (last !== undefined && (last.size === 0 || last.size + recordBytes <= this.segmentBytes)) return last;
    this.sync();
    return this.startSegment(this.nextOffset);
  }

  private startSegment(base: number): Segment {
    if (this.fd !== undefined) closeSync(this.fd);
    const segment: Segment = { base, path: this.segmentPath(base), positions: [], size: 0 };
    this.fd = openSync(segment.path, 'w', 0o600);
    this.segments.push(segment);
    return segment;
  }

  private enforceLimit(): void {
    let bytes = this.stats().bytes;
    while (bytes > this.maxBytes && this.segments.length > 1) {
      const oldest = this.segments.shift();
      if (oldest === undefined) break;
      const end = oldest.base + oldest.positions.length;
      if (end > this.committed) {
        this.dropped += end - Math.max(oldest.base, this.committed);
        this.committed = end;
      }
      unlinkSync(oldest.path);
      bytes -= oldest.size;
      this.writeCommit();
    }
  }

  private syncIfDue(): void {
    const policy = this.fsyncPolicy;
    if (policy === 'never') return;
    if (policy === 'always' || this.now() - this.lastSync >= policy.intervalMs) this.sync();
  }

  private segmentOf(offset: number): Segment | undefined {
    for (let index = this.segments.length - 1; index >= 0; index -= 1) {
      const segment = this.segments[index];
      if (segment !== undefined && segment.base <= offset) return segment;
    }
    return undefined;
  }

  private segmentPath(base: number): string {
    return join(this.dir, `${String(base).padStart(16, '0')}${SEGMENT_SUFFIX}`);
  }

  private requireFd(): number {
    if (this.fd === undefined) throw new MessageLogError('the message log is closed');
    return this.fd;
  }
}

// Whether a file in the buffer folder is one of the log's own (decommission removes only these).
export function isMessageLogFile(name: string): boolean {
  return name.endsWith(SEGMENT_SUFFIX) || name === 'commit.json' || name === 'commit.json.tmp';
}

export function directorySize(dir: string): number {
  try {
    return readdirSync(dir).reduce((sum, name) => sum + statSync(join(dir, name)).size, 0);
  } catch {
    return 0;
  }
}
