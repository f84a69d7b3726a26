import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

// A machine's counter readings that are already published as increments, kept across restarts.
// Written only when they changed, atomically (rename).
export class CounterBaselineStore {
  private lastWritten = '';

  constructor(private readonly path: string) {}

  load(): Record<string, number> {
    try {
      const parsed = JSON.parse(readFileSync(this.path, 'utf8')) as Record<string, unknown>;
      this.lastWritten = JSON.stringify(parsed);
      return Object.fromEntries(
        Object.entries(parsed).filter(
          (entry): entry is [string, number] => Number.isSafeInteger(entry[1]) && (entry[1] as number) >= 0,
        ),
      );
    } catch {
      // None yet, or unreadable: the next readings set the baselines.
      return {};
    }
  }

  save(baselines: Record<string, number>): void {
    const text = JSON.stringify(baselines);
    if (text === this.lastWritten) return;
    mkdirSync(dirname(this.path), { recursive: true });
    writeFileSync(`${this.path}.tmp`, text, { mode: 0o600 });
    renameSync(`${this.path}.tmp`, this.path);
    this.lastWritten = text;
  }
}
