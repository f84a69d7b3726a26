import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SequenceStore, SequenceStoreError } from './sequence-store';

describe('SequenceStore', () => {
  let dir: string;
  let file: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cvg-seq-'));
    file = join(dir, 'agent', 'sequence.json');
  });

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('starts a new gateway at the current time in microseconds', () => {
    const store = SequenceStore.open(file, { now: () => 1_700_000_000_123 });
    expect(store.next()).toBe(1_700_000_000_123_000);
    expect(store.next()).toBe(1_700_000_000_123_001);
  });

  it('continues exactly where a clean shutdown left off', () => {
    const first = SequenceStore.open(file, { now: () => 1000 });
    const issued = [first.next(), first.next(), first.next()];
    first.close();

    const second = SequenceStore.open(file);
    expect(second.next()).toBe((issued[2] ?? 0) + 1);
  });

  it('never repeats a number after a crash, and writes once per block', async () => {
    const first = SequenceStore.open(file, { blockSize: 10, now: () => 1 });
    const issued = Array.from({ length: 15 }, () => first.next());
    // No close(): the process died. The file holds the end of the reserved block.
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ next: 1020 });

    const second = SequenceStore.open(file, { blockSize: 10 });
    expect(second.next()).toBeGreaterThan(Math.max(...issued));
  });

  it('refuses an unreadable file instead of guessing', async () => {
    SequenceStore.open(file).close();
    await writeFile(file, '{"next": "soon"}');
    expect(() => SequenceStore.open(file)).toThrow(SequenceStoreError);
    expect(() => SequenceStore.open(file)).toThrow(/delete it/);
  });
});
