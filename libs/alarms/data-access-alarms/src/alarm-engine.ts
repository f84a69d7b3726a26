import {
  applyAlarmEvent,
  evaluate,
  initialRuleState,
  type AlarmEvent,
  type EvaluationInput,
  type RuleState,
} from '@convergent/alarms-util-rules';
import type { Database, SqlTransaction } from '@convergent/platform-data-access-db';
import type { AlarmChanged, AlarmSample } from '@convergent/shared-util-contracts';
import { saveAlarm, toRecord, type AlarmRow } from './alarm-row';
import { enqueueDeliveries, type DeliveryRef } from './notification-outbox';
import { alarmPayload, type NotificationEvent } from './notification-payload';
import { RuleCache, targetsForAssets, timeBasedTargets, type RuleTarget } from './rule-targets';

export interface EngineOutcome {
  evaluations: number;
  // Inputs older than what a rule had already seen (late data, or a retried job's earlier part).
  ignored: number;
  alarmEvents: number;
  changed: AlarmChanged[];
  deliveries: DeliveryRef[];
}

const emptyOutcome = (): EngineOutcome => ({
  evaluations: 0,
  ignored: 0,
  alarmEvents: 0,
  changed: [],
  deliveries: [],
});

function merge(into: EngineOutcome, from: EngineOutcome): EngineOutcome {
  into.evaluations += from.evaluations;
  into.ignored += from.ignored;
  into.alarmEvents += from.alarmEvents;
  into.changed.push(...from.changed);
  into.deliveries.push(...from.deliveries);
  return into;
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

const EVENT_NAMES: Record<AlarmEvent['type'], NotificationEvent> = {
  raised: 'alarm.raised',
  escalated: 'alarm.escalated',
  repeated: 'alarm.repeated',
  cleared: 'alarm.cleared',
};

// Evaluates alarm rules for samples and ticks, with the rule state persisted per rule and asset.
// Each tenant's work is one transaction that locks the states it reads (in a fixed order, so two
// jobs for the same machines wait for each other instead of deadlocking) and writes states, alarms,
// history and notification deliveries together: a retried job finds the state already advanced,
// and its inputs are either dropped as older or re-evaluated as the same instant, which emits
// nothing new. Notification jobs and live events are the caller's, after commit.
export class AlarmEngine {
  private readonly cache = new RuleCache();

  constructor(private readonly db: Database) {}

  async evaluateSamples(samples: readonly AlarmSample[]): Promise<EngineOutcome> {
    const outcome = emptyOutcome();
    for (const [tenantId, tenantSamples] of groupBy(samples, (s) => s.tenantId)) {
      const result = await this.db.withSqlTransaction(async (sql) => {
        await sql.setTenant(tenantId);
        const byMachine = groupBy(tenantSamples, (s) => s.machineId);
        const targets = await targetsForAssets(sql, this.cache, [...byMachine.keys()]);
        const inputs = new Map<string, EvaluationInput[]>();
        for (const [machineId, list] of byMachine) {
          inputs.set(
            machineId,
            [...list]
              .sort((a, b) => a.ts - b.ts)
              .map((s) => ({
                kind: 'sample' as const,
                ts: s.ts,
                ...(s.values ? { values: s.values } : {}),
                ...(s.state ? { machineState: s.state } : {}),
              })),
          );
        }
        return this.run(sql, tenantId, targets, (t) => inputs.get(t.assetId) ?? []);
      });
      merge(outcome, result);
    }
    return outcome;
  }

  // Moves every time-based rule of the tenant to `now` without data.
  async tick(tenantId: string, now: number): Promise<EngineOutcome> {
    return this.db.withSqlTransaction(async (sql) => {
      await sql.setTenant(tenantId);
      const targets = await timeBasedTargets(sql, this.cache);
      return this.run(sql, tenantId, targets, () => [{ kind: 'tick', ts: now }]);
    });
  }

  private async run(
    sql: SqlTransaction,
    tenantId: string,
    targets: RuleTarget[],
    inputsOf: (target: RuleTarget) => EvaluationInput[],
  ): Promise<EngineOutcome> {
    const outcome = emptyOutcome();
    if (targets.length === 0) return outcome;
    const ordered = [...targets].sort((a, b) =>
      a.ruleId === b.ruleId ? a.assetId.localeCompare(b.assetId) : a.ruleId.localeCompare(b.ruleId),
    );
    const states = await lockStates(sql, tenantId, ordered);
    const updates: Array<{ target: RuleTarget; state: RuleState }> = [];
    for (const target of ordered) {
      const stored = states.get(`${target.ruleId}|${target.assetId}`);
      let state =
        stored !== undefined && stored.version === target.ruleVersion
          ? stored.state
          : initialRuleState(target.rule);
      const events: AlarmEvent[] = [];
      for (const input of inputsOf(target)) {
        const result = evaluate(target.rule, state, input);
        outcome.evaluations += 1;
        if (result.ignored !== null) outcome.ignored += 1;
        state = result.state;
        events.push(...result.events);
      }
      updates.push({ target, state });
      for (const event of events) merge(outcome, await applyEvent(sql, tenantId, target, event));
    }
    await saveStates(sql, updates);
    return outcome;
  }
}

async function lockStates(
  sql: SqlTransaction,
  tenantId: string,
  targets: RuleTarget[],
): Promise<Map<string, { version: number; state: RuleState }>> {
  const ruleIds = targets.map((t) => t.ruleId);
  const assetIds = targets.map((t) => t.assetId);
  // Create missing rows first so that every state can be locked, including a pair's first one.
  await sql.execute(
    `INSERT INTO alarm_rule_states (rule_id, asset_id, tenant_id, rule_version, state)
     SELECT r, a, $3, v, s FROM unnest($1::uuid[], $2::uuid[], $4::int[], $5::jsonb[]) AS t(r, a, v, s)
     ON CONFLICT DO NOTHING`,
    [
      ruleIds,
      assetIds,
      tenantId,
      targets.map((t) => t.ruleVersion),
      targets.map((t) => JSON.stringify(initialRuleState(t.rule))),
    ],
  );
  const rows = await sql.query<{ rule_id: string; asset_id: string; rule_version: number; state: RuleState }>(
    `SELECT s.rule_id, s.asset_id, s.rule_version, s.state FROM alarm_rule_states s
     JOIN unnest($1::uuid[], $2::uuid[]) AS t(r, a) ON s.rule_id = t.r AND s.asset_id = t.a
     ORDER BY s.rule_id, s.asset_id FOR UPDATE OF s`,
    [ruleIds, assetIds],
  );
  return new Map(
    rows.map((r) => [`${r.rule_id}|${r.asset_id}`, { version: r.rule_version, state: r.state }]),
  );
}

async function saveStates(
  sql: SqlTransaction,
  updates: Array<{ target: RuleTarget; state: RuleState }>,
): Promise<void> {
  if (updates.length === 0) return;
  await sql.execute(
    `UPDATE alarm_rule_states s SET state = u.s, rule_version = u.v, updated_at = clock_timestamp()
     FROM unnest($1::uuid[], $2::uuid[], $3::int[], $4::jsonb[]) AS u(r, a, v, s)
     WHERE s.rule_id = u.r AND s.asset_id = u.a`,
    [
      updates.map((u) => u.target.ruleId),
      updates.map((u) => u.target.assetId),
      updates.map((u) => u.target.ruleVersion),
      updates.map((u) => JSON.stringify(u.state)),
    ],
  );
}

async function applyEvent(
  sql: SqlTransaction,
  tenantId: string,
  target: RuleTarget,
  event: AlarmEvent,
): Promise<EngineOutcome> {
  const outcome = emptyOutcome();
  outcome.alarmEvents = 1;
  const [open] = await sql.query<AlarmRow>(
    `SELECT * FROM alarms WHERE rule_id = $1 AND asset_id = $2 AND state <> 'cleared_acknowledged' FOR UPDATE`,
    [target.ruleId, target.assetId],
  );
  const result = applyAlarmEvent(open ? toRecord(open) : null, event);
  // The lifecycle refuses nothing the evaluator emits in order; a refusal means a user closed the
  // alarm in between, and the event has nothing left to change.
  if (!result.ok || result.alarm === null) return outcome;
  if (result.entry === null && !result.notify && open !== undefined) return outcome;
  const row = await saveAlarm(
    sql,
    open?.id ?? null,
    { tenantId, ruleId: target.ruleId, assetId: target.assetId, siteId: target.siteId },
    result.alarm,
    result.entry,
  );
  outcome.changed.push({
    type: 'alarm.changed',
    tenantId,
    siteId: target.siteId ?? '',
    at: new Date(event.ts).toISOString(),
    assetId: target.assetId,
    alarmId: row.id,
  });
  if (result.notify) {
    outcome.deliveries.push(
      ...(await enqueueDeliveries(sql, {
        tenantId,
        siteId: target.siteId,
        severity: row.severity,
        alarmId: row.id,
        dedupKey: `${row.id}:${event.type}:${event.ts}`,
        payload: alarmPayload(EVENT_NAMES[event.type], event.ts, row, {
          ruleName: target.ruleName,
          assetName: target.assetName,
        }),
      })),
    );
  }
  return outcome;
}
