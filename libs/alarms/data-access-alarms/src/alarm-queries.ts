import type { AlarmState, Severity } from '@convergent/alarms-util-rules';
import type { Database, SqlTransaction } from '@convergent/platform-data-access-db';
import { DomainError } from '@convergent/shared-util-contracts';
import type { AlarmRow } from './alarm-row';
import { assertId } from './ids';

// Who is reading: the tenant and the sites the reader may see (null: all of them).
export interface ReadScope {
  tenantId: string;
  siteIds: readonly string[] | null;
}

export interface AlarmFilter {
  severities?: Severity[];
  states?: AlarmState[];
  siteId?: string;
  // The asset and everything below it.
  assetId?: string;
  from?: Date;
  to?: Date;
}

export interface AlarmListItem extends AlarmRow {
  rule_name: string | null;
  asset_name: string;
  updated_at: Date;
}

export interface AlarmPage {
  nodes: AlarmListItem[];
  // Opaque; pass as `after` for the next page. Null on the last page.
  nextCursor: string | null;
}

export interface HistoryRow {
  id: string;
  at: Date;
  action: string;
  from_state: AlarmState | null;
  to_state: AlarmState;
  severity: Severity;
  user_id: string | null;
  comment: string | null;
  message: string | null;
}

export interface WarningRow {
  id: string;
  asset_id: string;
  asset_name: string;
  site_id: string | null;
  kind: 'anomaly' | 'trend';
  metric: string;
  severity: Severity;
  message: string;
  evidence: unknown;
  occurrences: number;
  first_seen_at: Date;
  last_seen_at: Date;
  predicted_at: Date | null;
  resolved_at: Date | null;
}

export interface DeliveryRow {
  id: string;
  channel_id: string;
  channel_name: string;
  alarm_id: string | null;
  warning_id: string | null;
  event: string;
  status: string;
  attempts: number;
  last_error: string | null;
  last_attempt_at: Date | null;
  delivered_at: Date | null;
  created_at: Date;
}

export const MAX_PAGE = 200;

function encodeCursor(row: AlarmRow): string {
  return Buffer.from(JSON.stringify([row.raised_at.toISOString(), row.id])).toString('base64url');
}

function decodeCursor(cursor: string): [Date, string] {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [string, string];
    const date = new Date(at);
    if (typeof id !== 'string' || Number.isNaN(date.getTime())) throw new Error('shape');
    return [date, id];
  } catch {
    throw new DomainError(
      'BAD_USER_INPUT',
      'the cursor is not one this API returned: start again without "after"',
    );
  }
}

// Conditions and values grow together, so placeholders always match.
class Where {
  readonly parts: string[] = [];
  readonly values: unknown[] = [];
  add(sql: (...placeholders: string[]) => string, ...values: unknown[]): void {
    const placeholders = values.map((value) => `$${this.values.push(value)}`);
    this.parts.push(sql(...placeholders));
  }
  toString(): string {
    return this.parts.length === 0 ? '' : `WHERE ${this.parts.join(' AND ')}`;
  }
}

function visibleSites(where: Where, scope: ReadScope, column: string): void {
  if (scope.siteIds !== null) where.add((p) => `${column} = ANY (${p}::uuid[])`, [...scope.siteIds]);
}

// Read side of alarms for the API, filtered by the reader's site visibility.
export class AlarmQueries {
  constructor(private readonly db: Database) {}

  private read<T>(scope: ReadScope, work: (sql: SqlTransaction) => Promise<T>): Promise<T> {
    return this.db.withSqlTransaction(async (sql) => {
      await sql.setTenant(scope.tenantId);
      return work(sql);
    });
  }

  async list(
    scope: ReadScope,
    filter: AlarmFilter,
    first: number,
    after?: string | null,
  ): Promise<AlarmPage> {
    if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE) {
      throw new DomainError('BAD_USER_INPUT', `first must be between 1 and ${MAX_PAGE}`);
    }
    if (filter.from && filter.to && filter.to <= filter.from) {
      throw new DomainError('BAD_USER_INPUT', '"to" must be after "from"');
    }
    const where = new Where();
    visibleSites(where, scope, 'a.site_id');
    if (filter.severities?.length) where.add((p) => `a.severity = ANY (${p}::severity[])`, filter.severities);
    if (filter.states?.length) where.add((p) => `a.state = ANY (${p}::alarm_state[])`, filter.states);
    if (filter.siteId) where.add((p) => `a.site_id = ${p}::uuid`, assertId('siteId', filter.siteId));
    if (filter.assetId)
      where.add((p) => `${p}::uuid = ANY (x.ancestors || x.id)`, assertId('assetId', filter.assetId));
    if (filter.from) where.add((p) => `a.raised_at >= ${p}`, filter.from);
    if (filter.to) where.add((p) => `a.raised_at < ${p}`, filter.to);
    if (after) {
      const [at, id] = decodeCursor(after);
      where.add((p, q) => `(a.raised_at, a.id) < (${p}::timestamptz, ${q}::uuid)`, at, id);
    }
    return this.read(scope, async (sql) => {
      const rows = await sql.query<AlarmListItem>(
        `SELECT a.*, r.name AS rule_name, x.name AS asset_name FROM alarms a
         JOIN assets x ON x.id = a.asset_id LEFT JOIN alarm_rules r ON r.id = a.rule_id
         ${where.toString()} ORDER BY a.raised_at DESC, a.id DESC LIMIT ${first + 1}`,
        where.values,
      );
      const nodes = rows.slice(0, first);
      const last = nodes[nodes.length - 1];
      return { nodes, nextCursor: rows.length > first && last ? encodeCursor(last) : null };
    });
  }

  async find(scope: ReadScope, alarmId: string): Promise<AlarmListItem | null> {
    const where = new Where();
    where.add((p) => `a.id = ${p}::uuid`, assertId('alarm id', alarmId));
    visibleSites(where, scope, 'a.site_id');
    return this.read(scope, async (sql) => {
      const [row] = await sql.query<AlarmListItem>(
        `SELECT a.*, r.name AS rule_name, x.name AS asset_name FROM alarms a
         JOIN assets x ON x.id = a.asset_id LEFT JOIN alarm_rules r ON r.id = a.rule_id ${where.toString()}`,
        where.values,
      );
      return row ?? null;
    });
  }

  async history(scope: ReadScope, alarmId: string): Promise<HistoryRow[]> {
    if ((await this.find(scope, alarmId)) === null) return [];
    return this.read(scope, (sql) =>
      sql.query<HistoryRow>(
        `SELECT id, at, action, from_state, to_state, severity, user_id, comment, message
         FROM alarm_history WHERE alarm_id = $1 ORDER BY at, id`,
        [alarmId],
      ),
    );
  }

  async warnings(
    scope: ReadScope,
    filter: { siteId?: string; assetId?: string; openOnly: boolean },
    first: number,
  ): Promise<WarningRow[]> {
    if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE) {
      throw new DomainError('BAD_USER_INPUT', `first must be between 1 and ${MAX_PAGE}`);
    }
    const where = new Where();
    visibleSites(where, scope, 'w.site_id');
    if (filter.siteId) where.add((p) => `w.site_id = ${p}::uuid`, assertId('siteId', filter.siteId));
    if (filter.assetId)
      where.add((p) => `${p}::uuid = ANY (x.ancestors || x.id)`, assertId('assetId', filter.assetId));
    if (filter.openOnly) where.parts.push('w.resolved_at IS NULL');
    return this.read(scope, (sql) =>
      sql.query<WarningRow>(
        `SELECT w.*, x.name AS asset_name FROM maintenance_warnings w JOIN assets x ON x.id = w.asset_id
         ${where.toString()} ORDER BY w.last_seen_at DESC, w.id LIMIT ${first}`,
        where.values,
      ),
    );
  }

  async deliveries(
    scope: ReadScope,
    filter: { alarmId?: string; status?: string },
    first: number,
  ): Promise<DeliveryRow[]> {
    if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE) {
      throw new DomainError('BAD_USER_INPUT', `first must be between 1 and ${MAX_PAGE}`);
    }
    const where = new Where();
    if (filter.alarmId) where.add((p) => `d.alarm_id = ${p}::uuid`, assertId('alarmId', filter.alarmId));
    if (filter.status) where.add((p) => `d.status = ${p}`, filter.status);
    return this.read(scope, (sql) =>
      sql.query<DeliveryRow>(
        `SELECT d.id, d.channel_id, c.name AS channel_name, d.alarm_id, d.warning_id, d.event, d.status, d.attempts,
                d.last_error, d.last_attempt_at, d.delivered_at, d.created_at
         FROM notification_deliveries d JOIN notification_channels c ON c.id = d.channel_id
         ${where.toString()} ORDER BY d.created_at DESC, d.id LIMIT ${first}`,
        where.values,
      ),
    );
  }
}
