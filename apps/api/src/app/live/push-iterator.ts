// The async iterator a GraphQL subscription returns, fed by pushes: a value goes straight to a
// consumer waiting for it, otherwise the owner buffers it by its own policy and `take` hands
// the buffer out. return() ends it at once, even while a consumer waits (an async generator
// would only end at its next value).
export class PushIterator<T> implements AsyncIterableIterator<T> {
  private waiting: ((result: IteratorResult<T>) => void) | undefined;
  private done = false;

  constructor(
    private readonly take: () => T | undefined,
    private readonly onEnd: () => Promise<void> | void,
  ) {}

  get ended(): boolean {
    return this.done;
  }

  // Hands the value to a waiting consumer; false when none waits (the owner buffers it).
  offer(value: T): boolean {
    const resolve = this.waiting;
    if (!resolve) return false;
    this.waiting = undefined;
    resolve({ value, done: false });
    return true;
  }

  next(): Promise<IteratorResult<T>> {
    const value = this.take();
    if (value !== undefined) return Promise.resolve({ value, done: false });
    if (this.done) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => (this.waiting = resolve));
  }

  async return(): Promise<IteratorResult<T>> {
    if (!this.done) {
      this.done = true;
      this.waiting?.({ value: undefined, done: true });
      this.waiting = undefined;
      await this.onEnd();
    }
    return { value: undefined, done: true };
  }

  throw(): Promise<IteratorResult<T>> {
    return this.return();
  }

  [Symbol.asyncIterator](): this {
    return this;
  }
}
