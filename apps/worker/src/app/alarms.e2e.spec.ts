import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { Client } from 'pg';
import { SMTPServer } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';
import { parseConfig } from '@convergent/platform-util-config';
import { Database } from '@convergent/platform-data-access-db';
import { JobQueues } from '@convergent/platform-data-access-queue';
import {
  createTenantFixture,
  createTestDatabase,
  type TenantFixture,
  type TestDatabase,
} from '@convergent/platform-data-access-testing';
import { EventBatchRepository, emptyBatch } from '@convergent/telemetry-data-access-events';
import { signWebhook } from '@convergent/alarms-data-access-alarms';
import { workerConfigSchema } from './worker-config';
import { WorkerModule } from './worker.module';

const redisUrl = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';
const SECRET = 'whsec-test';

interface Received {
  deliveryId: string;
  body: string;
  timestamp: string;
  signature: string;
}

// A receiver that fails the first attempts of each delivery with 503 and accepts the next one,
// and de-duplicates by delivery id as the docs ask receivers to.
function webhookReceiver(failFirst: number) {
  const attempts: Received[] = [];
  const accepted = new Map<string, unknown>();
  let resolveAccepted: () => void = () => undefined;
  const firstAccepted = new Promise<void>((resolve) => (resolveAccepted = resolve));
  const server: Server = createServer((req: IncomingMessage, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      const deliveryId = String(req.headers['x-convergent-delivery']);
      attempts.push({
        deliveryId,
        body,
        timestamp: String(req.headers['x-convergent-timestamp']),
        signature: String(req.headers['x-convergent-signature']),
      });
      const tries = attempts.filter((a) => a.deliveryId === deliveryId).length;
      if (tries <= failFirst) {
        res.writeHead(503).end('busy');
        return;
      }
      if (!accepted.has(deliveryId)) accepted.set(deliveryId, JSON.parse(body));
      resolveAccepted();
      res.writeHead(204).end();
    });
  });
  return { server, attempts, accepted, firstAccepted };
}

function smtpReceiver() {
  const mails: ParsedMail[] = [];
  let resolveMail: () => void = () => undefined;
  const firstMail = new Promise<void>((resolve) => (resolveMail = resolve));
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          mails.push(mail);
          resolveMail();
          callback();
        })
        .catch((error: Error) => callback(error));
    },
  });
  return { server, mails, firstMail };
}

const listen = (
  server: { listen(port: number, host: string, cb: () => void): unknown },
  address: () => AddressInfo,
) => new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve(address().port)));

// The whole path in one worker process against real PostgreSQL and Redis: telemetry written as
// ingest writes it, the evaluation job ingest enqueues after its flush, an alarm raised, and
// notifications delivered over HTTP (after retries) and SMTP.
describe('alarms end to end in the worker', () => {
  let testDb: TestDatabase;
  let owner: Client;
  let f: TenantFixture;
  let app: INestApplicationContext;
  let queues: JobQueues;
  let db: Database;
  const prefix = `test-${randomUUID()}`;
  const hook = webhookReceiver(2);
  const smtp = smtpReceiver();

  beforeAll(async () => {
    testDb = await createTestDatabase();
    f = await createTenantFixture(testDb.ownerUrl);
    owner = new Client({ connectionString: testDb.ownerUrl });
    await owner.connect();
    const hookPort = await listen(hook.server, () => hook.server.address() as AddressInfo);
    const smtpPort = await listen(smtp.server, () => smtp.server.server.address() as AddressInfo);
    const webhookId = randomUUID();
    const emailId = randomUUID();
    await owner.query(
      `INSERT INTO notification_channels (id, tenant_id, kind, name, target, secret) VALUES
         ($1, $3, 'webhook', 'Maintenance system', $4, $5), ($2, $3, 'email', 'Shift lead', 'lead@plant.test', NULL)`,
      [webhookId, emailId, f.tenantId, `http://127.0.0.1:${hookPort}/alarms`, SECRET],
    );
    await owner.query(
      `INSERT INTO notification_subscriptions (id, tenant_id, channel_id, site_id, min_severity) VALUES
         (gen_random_uuid(), $1, $2, $3, 'major'), (gen_random_uuid(), $1, $4, NULL, 'critical')`,
      [f.tenantId, webhookId, f.siteId, emailId],
    );
    await owner.query(
      `INSERT INTO alarm_rules (id, tenant_id, asset_id, name, severity, condition) VALUES (gen_random_uuid(), $1, $2, 'Spindle overheating', 'critical', $3)`,
      [
        f.tenantId,
        f.siteId,
        {
          v: 1,
          severity: 'critical',
          condition: { kind: 'threshold', metric: 'spindle_temp', op: '>', value: 90 },
        },
      ],
    );
    const config = parseConfig(workerConfigSchema, {
      DATABASE_URL: testDb.appUrl,
      REDIS_URL: redisUrl,
      QUEUE_PREFIX: prefix,
      SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
      NOTIFY_BACKOFF_MS: '100',
      ALARM_TICK_EVERY_MS: '600000',
    });
    app = await NestFactory.createApplicationContext(WorkerModule.forConfig(config), { logger: false });
    queues = new JobQueues(redisUrl, prefix);
    db = new Database({ url: testDb.appUrl, poolSize: 2 });
  }, 180_000);

  afterAll(async () => {
    await app?.close();
    for (const name of ['kpi', 'maintenance', 'alarms', 'notifications'] as const)
      await queues.queue(name).obliterate({ force: true });
    await queues.close();
    await db.close();
    await new Promise((resolve) => hook.server.close(resolve));
    await new Promise((resolve) => smtp.server.close(() => resolve(undefined)));
    await owner.end();
    await testDb.drop();
  });

  it('raises the alarm from written telemetry and delivers it by webhook after retries, once, and by e-mail', async () => {
    const ts = new Date(Date.now() - 60_000);
    await new EventBatchRepository(db).write({
      ...emptyBatch(),
      telemetry: [
        {
          tenantId: f.tenantId,
          machineId: f.machineId,
          gatewayId: f.gatewayId,
          seq: 1,
          points: [{ ts: ts.getTime(), metric: 'spindle_temp', value: 97.5 }],
        },
      ],
    });
    await queues.add('alarms.evaluate', {
      samples: [
        { tenantId: f.tenantId, machineId: f.machineId, ts: ts.getTime(), values: { spindle_temp: 97.5 } },
      ],
    });

    await Promise.all([hook.firstAccepted, smtp.firstMail]);

    const alarms = await owner.query<{ id: string; state: string; severity: string; message: string }>(
      'SELECT id, state, severity, message FROM alarms WHERE tenant_id = $1',
      [f.tenantId],
    );
    expect(alarms.rows).toEqual([
      expect.objectContaining({
        state: 'active_unacknowledged',
        severity: 'critical',
        message: 'spindle_temp > 90 (is 97.5)',
      }),
    ]);
    const alarmId = alarms.rows[0]!.id;

    // Three attempts of one delivery (503, 503, 204), every one signed, accepted once by its id.
    expect(hook.attempts).toHaveLength(3);
    const deliveryId = hook.attempts[0]!.deliveryId;
    expect(new Set(hook.attempts.map((a) => a.deliveryId))).toEqual(new Set([deliveryId]));
    for (const a of hook.attempts) expect(a.signature).toBe(signWebhook(SECRET, Number(a.timestamp), a.body));
    const alarmFields: unknown = expect.objectContaining({
      id: alarmId,
      ruleName: 'Spindle overheating',
      assetName: 'Press 1',
      severity: 'critical',
      value: 97.5,
    });
    expect([...hook.accepted.values()]).toEqual([
      expect.objectContaining({
        deliveryId,
        event: 'alarm.raised',
        tenantId: f.tenantId,
        alarm: alarmFields,
      }),
    ]);
    // The worker records the attempt after the receiver has answered: wait for it.
    const recorded = async () =>
      (
        await owner.query<{ status: string; attempts: number; last_error: string | null }>(
          'SELECT status, attempts, last_error FROM notification_deliveries WHERE id = $1',
          [deliveryId],
        )
      ).rows;
    for (let i = 0; i < 50 && (await recorded())[0]?.status !== 'delivered'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(await recorded()).toEqual([{ status: 'delivered', attempts: 3, last_error: null }]);

    // A late duplicate of the job (the tick's lost-job sweep, a Redis replay) sends nothing more.
    await queues.add(
      'notifications.deliver',
      { tenantId: f.tenantId, deliveryId },
      { jobId: `again-${deliveryId}` },
    );
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(hook.attempts).toHaveLength(3);

    expect(smtp.mails).toHaveLength(1);
    const mail = smtp.mails[0]!;
    expect(mail.subject).toBe('[critical] raised: Spindle overheating on Press 1');
    expect(mail.to).toMatchObject({ text: 'lead@plant.test' });
    expect(mail.text).toContain('spindle_temp > 90 (is 97.5)');
    expect(mail.text).toContain('Severity: critical, state: active_unacknowledged, occurrences: 1');
    expect(mail.headers.get('x-convergent-delivery')).toMatch(/^[0-9a-f-]{36}$/);
  }, 30_000);
});
