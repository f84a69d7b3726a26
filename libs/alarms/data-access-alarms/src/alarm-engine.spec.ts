import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { Database } from '@convergent/platform-data-access-db';
import {
  createTenantFixture,
  createTestDatabase,
  type TenantFixture,
  type TestDatabase,
} from '@convergent/platform-data-access-testing';
import type { AlarmSample } from '@convergent/shared-util-contracts';
import { AlarmCommands } from './alarm-commands';
import { AlarmEngine } from './alarm-engine';
import { AlarmHousekeeping } from './alarm-housekeeping';

const MIN = 60_000;
const T0 = Date.UTC(2026, 10, 25, 8, 0);

// Against a real database: rules inherited down the asset tree, state surviving a restart,
// one open alarm per rule and asset, history, and the notification outbox.
describe('AlarmEngine', () => {
  let testDb: TestDatabase;
  let owner: Client;
  let f: TenantFixture;
  let userId: string;
  let channelId: string;

  const sample = (minute: number, temperature: number): AlarmSample => ({
    tenantId: f.tenantId,
    machineId: f.machineId,
    ts: T0 + minute * MIN,
    values: { temperature },
  });

  async function addRule(
    target: { assetId?: string; assetKind?: string },
    definition: object,
  ): Promise<string> {
    const id = randomUUID();
    await owner.query(
      `INSERT INTO alarm_rules (id, tenant_id, asset_id, asset_kind, name, severity, condition) VALUES ($1, $2, $3, $4, $5, 'major', $6)`,
      [
        id,
        f.tenantId,
        target.assetId ?? null,
        target.assetKind ?? null,
        `rule ${id.slice(0, 4)}`,
        definition,
      ],
    );
    return id;
  }

  const alarmsOf = async (ruleId: string) =>
    (
      await owner.query<{ id: string; state: string; severity: string; occurrences: number }>(
        'SELECT id, state, severity, occurrences FROM alarms WHERE rule_id = $1 ORDER BY raised_at',
        [ruleId],
      )
    ).rows;

  beforeAll(async () => {
    testDb = await createTestDatabase();
    f = await createTenantFixture(testDb.ownerUrl);
    owner = new Client({ connectionString: testDb.ownerUrl });
    await owner.connect();
    userId = randomUUID();
    await owner.query(`INSERT INTO users (id, email, display_name) VALUES ($1, $2, 'Olga Operator')`, [
      userId,
      `${userId}@example.test`,
    ]);
    channelId = randomUUID();
    await owner.query(
      `INSERT INTO notification_channels (id, tenant_id, kind, name, target, secret) VALUES ($1, $2, 'webhook', 'ops', 'http://127.0.0.1:9/hook', 's3cret')`,
      [channelId, f.tenantId],
    );
    await owner.query(
      `INSERT INTO notification_subscriptions (id, tenant_id, channel_id, site_id, min_severity) VALUES ($1, $2, $3, $4, 'major')`,
      [randomUUID(), f.tenantId, channelId, f.siteId],
    );
  });

  afterAll(async () => {
    await owner?.end();
    await testDb?.drop();
  });

  it('applies a line rule to its machine, raises after the duration, survives a restart and clears with hysteresis', async () => {
    const ruleId = await addRule(
      { assetId: f.lineId },
      {
        v: 1,
        severity: 'major',
        condition: { kind: 'threshold', metric: 'temperature', op: '>', value: 80, hysteresis: 5 },
        forMs: 5 * MIN,
      },
    );
    const first = new Database({ url: testDb.appUrl, poolSize: 2 });
    const before = await new AlarmEngine(first).evaluateSamples([0, 1, 2, 3].map((m) => sample(m, 85)));
    await first.close();
    expect(before.alarmEvents).toBe(0);
    expect(await alarmsOf(ruleId)).toEqual([]);

    // A new process: the condition's start (minute 0) was persisted, so minute 5 raises.
    const db = new Database({ url: testDb.appUrl, poolSize: 2 });
    const engine = new AlarmEngine(db);
    const raised = await engine.evaluateSamples([sample(4, 86), sample(5, 86)]);
    expect(raised.changed).toHaveLength(1);
    expect(raised.deliveries).toHaveLength(1);
    expect(await alarmsOf(ruleId)).toEqual([
      expect.objectContaining({ state: 'active_unacknowledged', occurrences: 1 }),
    ]);

    // The same job retried plus a value inside the hysteresis band (75..80): minute 4 is older than
    // the state and dropped, minute 5 is the same instant again, and nothing new is emitted.
    const retried = await engine.evaluateSamples([sample(4, 86), sample(5, 86), sample(6, 78)]);
    expect(retried.alarmEvents).toBe(0);
    expect(retried.ignored).toBe(1);
    const cleared = await engine.evaluateSamples([sample(7, 74)]);
    expect(cleared.alarmEvents).toBe(1);
    const [alarm] = await alarmsOf(ruleId);
    expect(alarm?.state).toBe('cleared_unacknowledged');

    // Raised again before anyone acknowledged: the same alarm, a second occurrence.
    await engine.evaluateSamples([8, 9, 10, 11, 12, 13].map((m) => sample(m, 90)));
    expect(await alarmsOf(ruleId)).toEqual([
      expect.objectContaining({ id: alarm?.id, state: 'active_unacknowledged', occurrences: 2 }),
    ]);

    const commands = new AlarmCommands(db, () => T0 + 14 * MIN);
    await commands.apply(
      f.tenantId,
      userId,
      alarm!.id,
      { type: 'acknowledge', comment: 'checking the fan' },
      { userId },
    );
    await expect(
      commands.apply(f.tenantId, userId, alarm!.id, { type: 'acknowledge' }, { userId }),
    ).rejects.toMatchObject({ code: 'CONFLICT', message: 'the alarm is already acknowledged' });
    await commands.apply(
      f.tenantId,
      userId,
      alarm!.id,
      { type: 'clear', comment: 'fan replaced' },
      { userId },
    );
    const history = await owner.query<{
      action: string;
      to_state: string;
      user_id: string | null;
      comment: string | null;
    }>(
      'SELECT action, to_state, user_id, comment FROM alarm_history WHERE alarm_id = $1 ORDER BY at, to_state',
      [alarm!.id],
    );
    expect(history.rows.map((h) => [h.action, h.to_state, h.user_id === userId, h.comment])).toEqual([
      ['raise', 'active_unacknowledged', false, null],
      ['clear', 'cleared_unacknowledged', false, null],
      ['raise', 'active_unacknowledged', false, null],
      ['acknowledge', 'active_acknowledged', true, 'checking the fan'],
      ['clear', 'cleared_acknowledged', true, 'fan replaced'],
    ]);
    const audit = await owner.query<{ action: string }>(
      `SELECT action FROM audit_log WHERE entity_id = $1 ORDER BY at`,
      [alarm!.id],
    );
    expect(audit.rows.map((a) => a.action)).toEqual(['alarm.acknowledge', 'alarm.clear']);
    await owner.query('UPDATE alarm_rules SET enabled = false WHERE id = $1', [ruleId]);
    await db.close();
  });

  it('fires a no-data rule on ticks when the gateway goes silent, escalates, and reminds subscribers', async () => {
    const ruleId = await addRule(
      { assetKind: 'machine' },
      {
        v: 1,
        severity: 'major',
        condition: { kind: 'noData', silentForMs: 10 * MIN },
        escalation: [{ afterMs: 20 * MIN, severity: 'critical' }],
      },
    );
    await owner.query('UPDATE notification_subscriptions SET repeat_every_ms = $1 WHERE channel_id = $2', [
      15 * MIN,
      channelId,
    ]);
    const db = new Database({ url: testDb.appUrl, poolSize: 2 });
    const engine = new AlarmEngine(db);
    const housekeeping = new AlarmHousekeeping(db);
    expect(await housekeeping.tenants()).toContain(f.tenantId);
    await engine.evaluateSamples([sample(100, 20)]);
    for (let m = 101; m < 110; m++) expect((await engine.tick(f.tenantId, T0 + m * MIN)).alarmEvents).toBe(0);
    expect((await engine.tick(f.tenantId, T0 + 110 * MIN)).alarmEvents).toBe(1);
    expect(await alarmsOf(ruleId)).toEqual([expect.objectContaining({ severity: 'major' })]);
    await engine.tick(f.tenantId, T0 + 129 * MIN);
    expect(await alarmsOf(ruleId)).toEqual([expect.objectContaining({ severity: 'major' })]);
    await engine.tick(f.tenantId, T0 + 130 * MIN);
    expect(await alarmsOf(ruleId)).toEqual([expect.objectContaining({ severity: 'critical' })]);

    // Reminders: one per 15-minute period while active, however many ticks fall in it.
    const reminders = [
      await housekeeping.reminders(f.tenantId, T0 + 126 * MIN),
      await housekeeping.reminders(f.tenantId, T0 + 127 * MIN),
      await housekeeping.reminders(f.tenantId, T0 + 141 * MIN),
    ].map((r) => r.length);
    expect(reminders).toEqual([1, 0, 1]);
    const events = await owner.query<{ event: string }>(
      `SELECT d.event FROM notification_deliveries d JOIN alarms a ON a.id = d.alarm_id WHERE a.rule_id = $1 ORDER BY d.created_at`,
      [ruleId],
    );
    expect(events.rows.map((e) => e.event)).toEqual([
      'alarm.raised',
      'alarm.escalated',
      'alarm.reminder',
      'alarm.reminder',
    ]);
    // Data again: the alarm clears.
    const back = await engine.evaluateSamples([sample(142, 21)]);
    expect(back.alarmEvents).toBe(1);
    expect(await alarmsOf(ruleId)).toEqual([expect.objectContaining({ state: 'cleared_unacknowledged' })]);
    await db.close();
  });
});
