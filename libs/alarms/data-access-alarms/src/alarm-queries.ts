import type { AlarmState, Severity } from '@convergent/alarms-util-rules';
import type { Database, PageRequest, Paged, SqlTransaction } from '@convergent/platform-data-access-db';
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

// How a keyset page of a raw query is ordered: by `sortColumn` of `alias`, then its id, the
// cursor row's values read back from `table` (cursors carry only the id).
interface KeysetOrder {
  table: string;
  alias: string;
  sortColumn: string;
  descending: boolean;
}

// The page after the cursor row and the count of the whole filter, in one transaction.
async function keysetPage<T>(
  sql: SqlTransaction,
  query: { select: string; from: string; order: KeysetOrder },
  where: Where,
  request: PageRequest,
): Promise<Paged<T>> {
  const { table, alias, sortColumn, descending } = query.order;
  const [count] = await sql.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM ${query.from} ${where.toString()}`,
    where.values,
  );
  const direction = descending ? 'DESC' : 'ASC';
  if (request.afterId)
    where.add(
      (p) =>
        `(${alias}.${sortColumn}, ${alias}.id) ${descending ? '<' : '>'} (SELECT ${sortColumn}, id FROM ${table} WHERE id = ${p}::uuid)`,
      request.afterId,
    );
  const rows = await sql.query<T & object>(
    `SELECT ${query.select} FROM ${query.from} ${where.toString()}
     ORDER BY ${alias}.${sortColumn} ${direction}, ${alias}.id ${direction} LIMIT ${request.take + 1}`,
    where.values,
  );
  return { rows, totalCount: count?.n ?? 0 };
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

  async history(scope: ReadScope, alarmId: string, request: PageRequest): Promise<Paged<HistoryRow>> {
    if ((await this.find(scope, alarmId)) === null) return { rows: [], totalCount: 0 };
    const where = new Where();
    where.add((p) => `h.alarm_id = ${p}::uuid`, alarmId);
    return this.read(scope, (sql) =>
      keysetPage<HistoryRow>(
        sql,
        {
          select:
            'h.id, h.at, h.action, h.from_state, h.to_state, h.severity, h.user_id, h.comment, h.message',
          from: 'alarm_history h',
          order: { table: 'alarm_history', alias: 'h', sortColumn: 'at', descending: false },
        },
        where,
        request,
      ),
    );
  }

  async warnings(
    scope: ReadScope,
    filter: { siteId?: string; assetId?: string; openOnly: boolean },
    request: PageRequest,
  ): Promise<Paged<WarningRow>> {
    const where = new Where();
    visibleSites(where, scope, 'w.site_id');
    if (filter.siteId) where.add((p) => `w.site_id = ${p}::uuid`, assertId('siteId', filter.siteId));
    if (filter.assetId)
      where.add((p) => `${p}::uuid = ANY (x.ancestors || x.id)`, assertId('assetId', filter.assetId));
    if (filter.openOnly) where.parts.push('w.resolved_at IS NULL');
    return this.read(scope, (sql) =>
      keysetPage<WarningRow>(
        sql,
        {
          select: 'w.*, x.name AS asset_name',
          from: 'maintenance_warnings w JOIN assets x ON x.id = w.asset_id',
          order: { table: 'maintenance_warnings', alias: 'w', sortColumn: 'last_seen_at', descending: true },
        },
        where,
        request,
      ),
    );
  }

  async deliveries(
    scope: ReadScope,
    filter: { alarmId?: string; status?: string },
    request: PageRequest,
  ): Promise<Paged<DeliveryRow>> {
    const where = new Where();
    if (filter.alarmId) where.add((p) => `d.alarm_id = ${p}::uuid`, assertId('alarmId', filter.alarmId));
    if (filter.status) where.add((p) => `d.status = ${p}`, filter.status);
    return this.read(scope, (sql) =>
      keysetPage<DeliveryRow>(
        sql,
        {
          select: `d.id, d.channel_id, c.name AS channel_name, d.alarm_id, d.warning_id, d.event, d.status, d.attempts,
                   d.last_error, d.last_attempt_at, d.delivered_at, d.created_at`,
          from: 'notification_deliveries d JOIN notification_channels c ON c.id = d.channel_id',
          order: { table: 'notification_deliveries', alias: 'd', sortColumn: 'created_at', descending: true },
        },
        where,
        request,
      ),
    );
  }
}
