import { Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { LiveEvent } from '@convergent/shared-util-contracts';
import { LiveEventSubscriber } from '@convergent/platform-data-access-queue';
import { PushIterator } from './push-iterator';

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
    const iterator = new PushIterator<T>(
      () => buffered.shift(),
      () => {
        stop();
        buffered.length = 0;
      },
    );
    const stop = this.subscriber.listen((event) => {
      if (iterator.ended || !accept(event) || iterator.offer(event)) return;
      buffered.push(event);
      if (buffered.length > MAX_BUFFERED) buffered.shift();
    });
    return iterator;
  }
}
