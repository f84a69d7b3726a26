import { randomUUID } from 'node:crypto';
import type { LiveEvent } from '@convergent/shared-util-contracts';
import { LiveEventPublisher, LiveEventSubscriber } from './live-events';

const redisUrl = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';

// Against the real Redis, under a prefix of the test's own so parallel suites do not cross.
describe('live events over Redis', () => {
  const prefix = `test-${randomUUID()}`;
  const publisher = new LiveEventPublisher(redisUrl, prefix);
  const subscriber = new LiveEventSubscriber(redisUrl, prefix);
  const otherPrefix = new LiveEventPublisher(redisUrl, `test-${randomUUID()}`);

  beforeAll(() => subscriber.start());
  afterAll(async () => {
    await Promise.all([publisher.close(), subscriber.close(), otherPrefix.close()]);
  });

  it('delivers every tenant’s events, in order, to a subscriber of the same prefix only', async () => {
    const received: LiveEvent[] = [];
    const twoArrived = new Promise<void>((resolve) =>
      subscriber.listen((event) => {
        received.push(event);
        if (received.length === 2) resolve();
      }),
    );
    const base = { siteId: 's-1', at: '2026-11-25T10:00:00.000Z' };
    await otherPrefix.publish([
      { ...base, type: 'machine.state', tenantId: 't-x', machineId: 'm-x', state: 'down' },
    ]);
    await publisher.publish([
      { ...base, type: 'machine.state', tenantId: 't-a', machineId: 'm-1', state: 'running' },
      { ...base, type: 'gateway.presence', tenantId: 't-b', gatewayId: 'g-1', online: false },
    ]);
    await twoArrived;
    expect(received.map((event) => [event.type, event.tenantId])).toEqual([
      ['machine.state', 't-a'],
      ['gateway.presence', 't-b'],
    ]);
  });
});
