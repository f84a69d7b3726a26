import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { QueueEvents } from 'bullmq';
import { Client } from 'pg';
import { parseConfig } from '@convergent/platform-util-config';
import { Database } from '@convergent/platform-data-access-db';
import { MachineBucketKpiService } from '@convergent/kpi-data-access-kpi';
import { JobQueues, LiveEventSubscriber, QueueConnection } from '@convergent/platform-data-access-queue';
import { machineBucketJobId, QUEUES, type LiveEvent } from '@convergent/shared-util-contracts';
import {
  createTenantFixture,
  createTestDatabase,
  eventually,
  MachineEventWriter,
  type TenantFixture,
  type TestDatabase,
} from '@convergent/platform-data-access-testing';
import { workerConfigSchema } from './worker-config';
import { WorkerModule } from './worker.module';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const REDIS_URL = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';

describe('KPI buckets in the worker (real Redis and PostgreSQL)', () => {
  let testDb: TestDatabase;
  let owner: Client;
  let f: TenantFixture;
  let app: INestApplicationContext;
  let queues: JobQueues;
  let events: QueueEvents;
  let writer: MachineEventWriter;
  const prefix = `oee-${randomUUID().slice(0, 8)}`;
  // A whole UTC day two days ago; the fixture's site is in UTC with one 24-hour shift.
  const day = { start: new Date(Math.floor(Date.now() / DAY) * DAY - 2 * DAY), end: new Date(0) };
  day.end = new Date(day.start.getTime() + DAY);
  const at = (h: number, m = 0) => new Date(day.start.getTime() + h * HOUR + m * MINUTE);
  const dayJobId = () => machineBucketJobId(f.machineId, 'day', day.start);

  async function dayRows(start: Date) {
    const { rows } = await owner.query<{
      availability: number;
      oee: number;
      final: boolean;
      computed_at: Date;
      bucket_end: Date;
    }>(
      `SELECT availability, oee, final, computed_at, bucket_end FROM kpi_results WHERE asset_id = $1 AND granularity = 'day' AND bucket_start = $2`,
      [f.machineId, start],
    );
    return rows;
  }
  const dayRow = async () => (await dayRows(day.start))[0];

  beforeAll(async () => {
    testDb = await createTestDatabase();
    f = await createTenantFixture(testDb.ownerUrl, { idealCycleTimeMs: 1500 });
    owner = new Client({ connectionString: testDb.ownerUrl });
    await owner.connect();
    writer = new MachineEventWriter(owner, f);
    // Running all day, but the gateway was cut off from 10:00 to 12:00: that is unknown time.
    await writer.states(at(-1), at(10), 'running');
    await writer.states(at(12), at(24), 'running');
    await writer.count(at(9), 'produced', 20_000);
    const config = parseConfig(workerConfigSchema, {
      DATABASE_URL: testDb.appUrl,
      REDIS_URL,
      QUEUE_PREFIX: prefix,
      KPI_SWEEP_EVERY_MS: '300',
      LOG_LEVEL: 'warn',
    });
    app = await NestFactory.createApplicationContext(WorkerModule.forConfig(config), { logger: ['error'] });
    app.enableShutdownHooks();
    queues = new JobQueues(REDIS_URL, prefix);
    events = new QueueEvents(QUEUES.kpi, {
      connection: new QueueConnection(REDIS_URL, prefix).connection,
      prefix,
    });
    await events.waitUntilReady();
  });

  afterAll(async () => {
    await events?.close();
    await queues?.close();
    await app?.close();
    await owner?.end();
    await testDb?.drop();
  });

  it("publishes a machine's live shift so far as a kpi.updated event once it sends data", async () => {
    const subscriber = new LiveEventSubscriber(REDIS_URL, prefix);
    await subscriber.start();
    const received: LiveEvent[] = [];
    subscriber.listen((event) => received.push(event));
    try {
      await writer.states(new Date(Date.now() - 60_000), new Date(), 'running', 30_000);
      await queues.add('kpi.live-shifts', {});
      const event = await eventually(
        'a kpi.updated event',
        async () => received.find((e) => e.type === 'kpi.updated' && e.machineId === f.machineId),
        20_000,
      );
      // The fixture's calendar is one 24-hour shift from UTC midnight.
      const today = new Date(Math.floor(Date.now() / DAY) * DAY);
      expect(event).toMatchObject({
        tenantId: f.tenantId,
        siteId: f.siteId,
        granularity: 'shift',
        bucketStart: today.toISOString(),
      });
      // The open day so far is stored beside it, not final, so "today" has figures before midnight.
      expect(await dayRows(today)).toEqual([
        expect.objectContaining({ final: false, bucket_end: new Date(today.getTime() + DAY) }),
      ]);
    } finally {
      await subscriber.close();
    }
  });

  it('recomputes the finalized day exactly once, and its availability and OEE change as expected', async () => {
    await queues.add(
      'kpi.machine-bucket',
      {
        tenantId: f.tenantId,
        machineId: f.machineId,
        granularity: 'day',
        bucketStart: day.start.toISOString(),
        bucketEnd: day.end.toISOString(),
        shiftName: 'Day',
      },
      { jobId: dayJobId() },
    );
    const before = await eventually(
      'the final day result',
      async () => {
        const row = await dayRow();
        return row?.final ? row : undefined;
      },
      20_000,
    );
    // The 09:55 state holds for its 15 minutes of validity, then the gap is unknown.
    expect(before.availability).toBeCloseTo((22 * 60 + 10) / (24 * 60), 12);
    expect(before.oee).toBeCloseTo((1.5 * 20_000) / (DAY / 1000), 12);

    let recomputations = 0;
    events.on('completed', ({ jobId }) => {
      if (jobId === dayJobId()) recomputations += 1;
    });
    // The gateway's buffer arrives: running through the gap and 4,000 more parts. Ingest writes
    // events and marks their hours in one transaction; the marks are past the sweep's grace.
    await writer.states(at(10), at(12), 'running');
    await writer.count(at(11), 'produced', 4_000);
    await owner.query(
      `INSERT INTO kpi_dirty_hours (tenant_id, machine_id, hour_start, marked_at) VALUES ($1, $2, $3, now() - interval '1 minute'), ($1, $2, $4, now() - interval '1 minute')`,
      [f.tenantId, f.machineId, at(10), at(11)],
    );

    const after = await eventually(
      'the day recomputed',
      async () => {
        const row = await dayRow();
        return row && row.computed_at > before.computed_at ? row : undefined;
      },
      20_000,
    );
    expect(after.final).toBe(true);
    expect(after.availability).toBe(1);
    expect(after.oee).toBeCloseTo((1.5 * 24_000) / (DAY / 1000), 12);
    // Several more sweeps find nothing stale: the day was computed once.
    await new Promise((r) => setTimeout(r, 2_000));
    expect(recomputations).toBe(1);
    expect((await dayRow())?.computed_at).toEqual(after.computed_at);
  }, 40_000);

  it('replaces the live day so far with the final day once it closes, in one row', async () => {
    // What the live job stored at 09:00 that day (the worker runs on the real clock).
    const db = new Database({ url: testDb.appUrl, poolSize: 1 });
    try {
      await new MachineBucketKpiService(db, () => at(9)).live(f.tenantId, f.machineId);
    } finally {
      await db.close();
    }
    const open = await dayRows(day.start);
    expect(open).toEqual([expect.objectContaining({ final: false, availability: 1 })]);
    expect(open[0]?.oee).toBeLessThan((1.5 * 24_000) / (DAY / 1000));

    // The finalizer's job once the day closed.
    await queues.add(
      'kpi.machine-bucket',
      {
        tenantId: f.tenantId,
        machineId: f.machineId,
        granularity: 'day',
        bucketStart: day.start.toISOString(),
        bucketEnd: day.end.toISOString(),
        shiftName: 'Day',
      },
      { jobId: `${dayJobId()}-closing` },
    );
    const closed = await eventually(
      'the final day replacing the live one',
      async () => {
        const rows = await dayRows(day.start);
        return rows.length === 1 && rows[0]?.final ? rows : undefined;
      },
      20_000,
    );
    expect(closed[0]?.oee).toBeCloseTo((1.5 * 24_000) / (DAY / 1000), 12);
  }, 40_000);
});
