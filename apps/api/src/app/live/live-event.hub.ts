import { Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { LiveEvent } from '@convergent/shared-util-contracts';
import { LiveEventSubscriber } from '@convergent/platform-data-access-queue';

// Buffers at most this many undelivered events per subscription; a client that cannot keep up
// loses the oldest (live views catch up from their next query, see LiveEventPublisher).
const MAX_BUFFERED = 1000;

// The process's one Redis subscription, shared by every GraphQL subscription on this replica.
@Injectable()
export class LiveEventHub implements OnModuleInit, OnApplicationShutdown {
  constructor(private readonly subscriber: LiveEventSubscriber) {}

  async onModuleInit(): Promise<void> {
    await this.subscriber.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.subscriber.close();
  }

  // The events that pass `accept`, as the async iterator a GraphQL subscription returns.
  events<T extends LiveEvent>(accept: (event: LiveEvent) => event is T): AsyncIterableIterator<T> {
    const buffered: T[] = [];
    let waiting: ((result: IteratorResult<T>) => void) | undefined;
    let done = false;
    const stop = this.subscriber.listen((event) => {
      if (done || !accept(event)) return;
      if (waiting) {
        const resolve = waiting;
        waiting = undefined;
        resolve({ value: event, done: false });
      } else {
        buffered.push(event);
        if (buffered.length > MAX_BUFFERED) buffered.shift();
      }
    });
    const finish = (): Promise<IteratorResult<T>> => {
      done = true;
      stop();
      buffered.length = 0;
      waiting?.({ value: undefined, done: true });
      waiting = undefined;
      return Promise.resolve({ value: undefined, done: true });
    };
    return {
      next: () => {
        const event = buffered.shift();
        if (event) return Promise.resolve({ value: event, done: false });
        if (done) return Promise.resolve({ value: undefined, done: true });
        return new Promise((resolve) => (waiting = resolve));
      },
      return: finish,
      throw: finish,
      [Symbol.asyncIterator]() {
        return this;
      },
    };
  }
}
