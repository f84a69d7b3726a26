import {
  numberArrayLiteral,
  textArrayLiteral,
  type Granularity,
  type TenantTx,
} from '@convergent/platform-data-access-db';
import type { Interval, KpiResult } from '@convergent/shared-util-kpi';
import type { PlannedBucket } from './kpi-buckets';
import type { SqlRunner } from './sql-runner';

export interface BucketResult {
  bucket: PlannedBucket;
  result: KpiResult;
  final: boolean;
}

export interface MachineBucketResult extends BucketResult {
  machineId: string;
}

// Column, PostgreSQL type and value of one bucket's row, for the bulk upsert below. The columns
// travel as array literals built in one pass (numberArrayLiteral), and instants as epoch
// milliseconds turned back into timestamptz in SQL: a backfill writes close to a million rows, and
// the driver's own array encoding, with a date text per instant, was a tenth of its CPU.
type BulkColumn =
  | [string, 'granularity' | 'text', (r: BucketResult) => string | null]
  | [string, 'timestamptz' | 'float8' | 'int' | 'boolean', (r: BucketResult) => number | null];
const BULK_COLUMNS: BulkColumn[] = [
  ['granularity', 'granularity', (r) => r.bucket.granularity],
  ['bucket_start', 'timestamptz', (r) => r.bucket.start.getTime()],
  ['bucket_end', 'timestamptz', (r) => r.bucket.end.getTime()],
  ['shift_name', 'text', (r) => r.bucket.shiftName],
  ['pot_ms', 'float8', (r) => r.result.time.pot],
  ['pdt_ms', 'float8', (r) => r.result.time.pdt],
  ['apt_ms', 'float8', (r) => r.result.time.apt],
  ['asut_ms', 'float8', (r) => r.result.time.asut],
  ['adet_ms', 'float8', (r) => r.result.time.adet],
  ['unknown_ms', 'float8', (r) => r.result.time.unknown],
  ['down_ms', 'float8', (r) => r.result.time.down],
  ['produced_quantity', 'int', (r) => r.result.quantities.pq],
  ['scrap_quantity', 'int', (r) => r.result.quantities.sq],
  ['rework_quantity', 'int', (r) => r.result.quantities.rq],
  ['ideal_production_ms', 'float8', (r) => r.result.idealProductionMs],
  ['ideal_good_ms', 'float8', (r) => r.result.idealGoodMs],
  ['failure_count', 'int', (r) => r.result.failures ?? 0],
  ['availability', 'float8', (r) => r.result.kpis.availability],
  ['effectiveness', 'float8', (r) => r.result.kpis.effectiveness],
  ['quality', 'float8', (r) => r.result.kpis.quality],
  ['oee', 'float8', (r) => r.result.kpis.oee],
  ['final', 'boolean', (r) => (r.final ? 1 : 0)],
];
const BULK_NAMES = BULK_COLUMNS.map(([c]) => c);
const ARRAY_TYPE: Record<BulkColumn[1], string> = {
  granularity: 'granularity[]',
  text: 'text[]',
  timestamptz: 'float8[]',
  float8: 'float8[]',
  int: 'int[]',
  boolean: 'int[]',
};
const SELECTED: Record<BulkColumn[1], (column: string) => string> = {
  granularity: (c) => c,
  text: (c) => c,
  timestamptz: (c) => `to_timestamp(${c} / 1000)`,
  float8: (c) => c,
  int: (c) => c,
  boolean: (c) => `${c} = 1`,
};
const INSERT_SQL = `INSERT INTO kpi_results (tenant_id, computed_at, asset_id, ${BULK_NAMES.join(', ')})
  SELECT $1::uuid, $2::timestamptz, u.asset_id, ${BULK_COLUMNS.map(([c, type]) =>
    SELECTED[type](`u.${c}`),
  ).join(', ')}
  FROM unnest($3::uuid[], ${BULK_COLUMNS.map(([, type], i) => `$${i + 4}::${ARRAY_TYPE[type]}`).join(', ')})
    AS u(asset_id, ${BULK_NAMES.join(', ')})`;
const UPSERT_SQL = `${INSERT_SQL}
  ON CONFLICT (asset_id, granularity, bucket_start) DO UPDATE SET computed_at = EXCLUDED.computed_at, ${BULK_NAMES.filter(
    (c) => c !== 'granularity' && c !== 'bucket_start',
  )
    .map((c) => `${c} = EXCLUDED.${c}`)
    .join(', ')}`;

// 'upsert' replaces a stored bucket; 'insert' fails on one (unique violation), and costs
// PostgreSQL less per row than ON CONFLICT's speculative insertion.
export type KpiWriteMode = 'insert' | 'upsert';

function columnLiteral([, type, value]: BulkColumn, rows: readonly BucketResult[]): string {
  return type === 'granularity' || type === 'text'
    ? textArrayLiteral(rows.map(value))
    : numberArrayLiteral(rows.map(value as (r: BucketResult) => number | null));
}

export interface StoredKpi {
  assetId: string;
  granularity: Granularity;
  bucketStart: Date;
  bucketEnd: Date;
  shiftName: string | null;
  potMs: number;
  pdtMs: number;
  aptMs: number;
  asutMs: number;
  adetMs: number;
  unknownMs: number;
  producedQuantity: number;
  scrapQuantity: number;
  reworkQuantity: number;
  downMs: number;
  failureCount: number;
  idealProductionMs: number | null;
  idealGoodMs: number | null;
  availability: number | null;
  effectiveness: number | null;
  quality: number | null;
  oee: number | null;
  final: boolean;
  computedAt: Date;
}

// KPI results are upserted by (asset, granularity, bucket): a retried or duplicated job writes
// the same row again instead of adding one.
export class KpiResultRepository {
  // Many buckets of one machine in one statement (a backfill writes hundreds per machine). All rows
  // share computedAt, the transaction's time, so no hour written here looks newer than its day.
  async upsertMany(
    sql: SqlRunner,
    tenantId: string,
    assetId: string,
    rows: readonly BucketResult[],
    computedAt: Date,
  ): Promise<number> {
    return this.upsertMachines(
      sql,
      tenantId,
      rows.map((r) => ({ ...r, machineId: assetId })),
      computedAt,
    );
  }

  // The same for the buckets of many machines (a backfill window), in one statement.
  async upsertMachines(
    sql: SqlRunner,
    tenantId: string,
    rows: readonly MachineBucketResult[],
    computedAt: Date,
    mode: KpiWriteMode = 'upsert',
  ): Promise<number> {
    if (rows.length === 0) return 0;
    return sql.execute(mode === 'upsert' ? UPSERT_SQL : INSERT_SQL, [
      tenantId,
      computedAt,
      textArrayLiteral(rows.map((r) => r.machineId)),
      ...BULK_COLUMNS.map((column) => columnLiteral(column, rows)),
    ]);
  }

  // The machine results a roll-up of the asset's subtree is made of (the asset itself when it is a
  // machine), in bucket order.
  async listSubtreeMachines(
    tx: TenantTx,
    assetId: string,
    granularity: Granularity,
    range: Interval,
  ): Promise<StoredKpi[]> {
    return this.subtree(tx, assetId, granularity, { bucketStart: { gte: range.start, lt: range.end } });
  }

  // The machine results whose bucket contains the instant: the shifts in progress ("so far").
  async listSubtreeMachinesAt(
    tx: TenantTx,
    assetId: string,
    granularity: Granularity,
    at: Date,
  ): Promise<StoredKpi[]> {
    return this.subtree(tx, assetId, granularity, { bucketStart: { lte: at }, bucketEnd: { gt: at } });
  }

  private async subtree(
    tx: TenantTx,
    assetId: string,
    granularity: Granularity,
    buckets: { bucketStart: { gte?: Date; lt?: Date; lte?: Date }; bucketEnd?: { gt: Date } },
  ): Promise<StoredKpi[]> {
    return tx.kpiResult.findMany({
      where: {
        granularity,
        ...buckets,
        asset: { kind: 'machine', ancestors: { has: assetId }, archivedAt: null },
      },
      orderBy: [{ bucketStart: 'asc' }, { assetId: 'asc' }],
      select: {
        assetId: true,
        granularity: true,
        bucketStart: true,
        bucketEnd: true,
        shiftName: true,
        potMs: true,
        pdtMs: true,
        aptMs: true,
        asutMs: true,
        adetMs: true,
        unknownMs: true,
        producedQuantity: true,
        scrapQuantity: true,
        reworkQuantity: true,
        downMs: true,
        failureCount: true,
        idealProductionMs: true,
        idealGoodMs: true,
        availability: true,
        effectiveness: true,
        quality: true,
        oee: true,
        final: true,
        computedAt: true,
      },
    });
  }
}
