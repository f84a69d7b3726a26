import { parseRuleDefinition, type RuleDefinition } from '@convergent/alarms-util-rules';
import type { SqlTransaction } from '@convergent/platform-data-access-db';

// One rule applied to one asset: a rule on an asset covers its whole subtree, a rule on an asset
// kind covers every asset of that kind, and a rule with both covers that kind within the subtree.
export interface RuleTarget {
  ruleId: string;
  ruleName: string;
  ruleVersion: number;
  rule: RuleDefinition;
  assetId: string;
  assetName: string;
  siteId: string | null;
}

interface TargetRow {
  rule_id: string;
  rule_name: string;
  rule_version: number;
  condition: unknown;
  asset_id: string;
  asset_name: string;
  site_id: string | null;
}

const TARGETS_SQL = `
  SELECT r.id AS rule_id, r.name AS rule_name, r.version AS rule_version, r.condition,
         a.id AS asset_id, a.name AS asset_name, a.site_id
  FROM assets a
  JOIN alarm_rules r ON r.enabled AND r.tenant_id = a.tenant_id
   AND (r.asset_id IS NOT NULL OR r.asset_kind IS NOT NULL)
   AND (r.asset_id IS NULL OR r.asset_id = ANY (a.ancestors) OR r.asset_id = a.id)
   AND (r.asset_kind IS NULL OR r.asset_kind = a.kind)
  WHERE a.archived_at IS NULL`;

// Parsed definitions by rule id and version: a rule is parsed once per edit, not per sample.
export class RuleCache {
  private readonly parsed = new Map<string, RuleDefinition | null>();
  invalid = 0;

  definition(row: TargetRow): RuleDefinition | null {
    const key = `${row.rule_id}@${row.rule_version}`;
    if (!this.parsed.has(key)) {
      const result = parseRuleDefinition(row.condition);
      // A stored rule that no longer parses is skipped, not fatal: the API validates on save.
      if (!result.ok) this.invalid += 1;
      this.parsed.set(key, result.ok ? result.rule : null);
    }
    return this.parsed.get(key) ?? null;
  }
}

async function load(
  sql: SqlTransaction,
  cache: RuleCache,
  where: string,
  values: unknown[],
): Promise<RuleTarget[]> {
  const rows = await sql.query<TargetRow>(`${TARGETS_SQL} ${where}`, values);
  const out: RuleTarget[] = [];
  for (const row of rows) {
    const rule = cache.definition(row);
    if (rule === null) continue;
    out.push({
      ruleId: row.rule_id,
      ruleName: row.rule_name,
      ruleVersion: row.rule_version,
      rule,
      assetId: row.asset_id,
      assetName: row.asset_name,
      siteId: row.site_id,
    });
  }
  return out;
}

export function targetsForAssets(
  sql: SqlTransaction,
  cache: RuleCache,
  assetIds: string[],
): Promise<RuleTarget[]> {
  return load(sql, cache, 'AND a.id = ANY ($1::uuid[])', [assetIds]);
}

// Rules whose outcome can change with time alone need ticks; pure threshold rules without
// durations only change when a sample arrives.
export function isTimeBased(rule: RuleDefinition): boolean {
  const hasNoData = (c: RuleDefinition['condition']): boolean =>
    c.kind === 'noData' || ((c.kind === 'all' || c.kind === 'any') && c.conditions.some(hasNoData));
  return (
    (rule.forMs ?? 0) > 0 ||
    (rule.clearForMs ?? 0) > 0 ||
    (rule.escalation?.length ?? 0) > 0 ||
    rule.repeatEveryMs !== undefined ||
    hasNoData(rule.condition)
  );
}

export async function timeBasedTargets(sql: SqlTransaction, cache: RuleCache): Promise<RuleTarget[]> {
  return (await load(sql, cache, `AND a.kind = 'machine'`, [])).filter((t) => isTimeBased(t.rule));
}
