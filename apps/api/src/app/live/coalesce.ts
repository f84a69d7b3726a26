import { PushIterator } from './push-iterator';

export interface CoalesceOptions<T> {
  // Whether an item counts at all (e.g. a database look-up); checked in arrival order.
  keep: (item: T) => Promise<boolean>;
  // How long the first kept item of a batch waits for the rest of its burst.
  settleMs: number;
  // The least time between two batches.
  windowMs: number;
}

// Turns a stream of items into a stream of batches of distinct items, so that a burst (every
// machine of a line recomputed in the same minute) reaches a client as one update, and a client
// gets at most one update per window however busy the source. A consumer slower than the window
// finds everything that arrived meanwhile merged into one waiting batch: memory stays bounded by
// the number of distinct items.
export function coalesce<T>(
  source: AsyncIterableIterator<T>,
  { keep, settleMs, windowMs }: CoalesceOptions<T>,
): AsyncIterableIterator<T[]> {
  let pending = new Set<T>();
  let ready: Set<T> | undefined;
  let timer: NodeJS.Timeout | undefined;
  let lastBatchAt = -Infinity;

  const batches = new PushIterator<T[]>(
    () => {
      const batch = ready;
      ready = undefined;
      return batch && [...batch];
    },
    async () => {
      clearTimeout(timer);
      await source.return?.();
    },
  );

  const release = () => {
    timer = undefined;
    lastBatchAt = Date.now();
    const batch = pending;
    pending = new Set();
    if (!batches.offer([...batch])) ready = new Set([...(ready ?? []), ...batch]);
  };

  void (async () => {
    try {
      for await (const item of source) {
        // A failed look-up drops the item: the next minute's recomputation announces it again.
        if (batches.ended || !(await keep(item).catch(() => false)) || batches.ended) continue;
        pending.add(item);
        timer ??= setTimeout(release, Math.max(settleMs, lastBatchAt + windowMs - Date.now()));
      }
    } finally {
      await batches.return();
    }
  })();

  return batches;
}

// Each value of `source` mapped through `map`, keeping the source's return() so that a client
// leaving ends the subscription at once (an async generator would wait for the next value).
export function mapAsync<T, R>(
  source: AsyncIterableIterator<T>,
  map: (value: T) => Promise<R>,
): AsyncIterableIterator<R> {
  const end = async (): Promise<IteratorResult<R>> => {
    await source.return?.();
    return { value: undefined, done: true };
  };
  return {
    next: async () => {
      const result = await source.next();
      return result.done ? { value: undefined, done: true } : { value: await map(result.value), done: false };
    },
    return: end,
    throw: end,
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
