import {
  columnArrayLiterals,
  type ConflictMode,
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

// Columns and PostgreSQL types of a bucket's row, for the bulk writes below; rowValues gives a row's
// values in this order. The columns travel as array literals built in one pass over the rows
// (columnArrayLiterals), and instants as epoch milliseconds turned back into timestamptz in SQL: a
// backfill writes close to a million rows, and the driver's own array encoding, with a date text
// per instant, was a tenth of its CPU.
type BulkType = 'uuid' | 'granularity' | 'text' | 'timestamptz' | 'float8' | 'int' | 'boolean';
const BULK_COLUMNS: Array<[string, BulkType]> = [
  ['asset_id', 'uuid'],
  ['granularity', 'granularity'],
  ['bucket_start', 'timestamptz'],
  ['bucket_end', 'timestamptz'],
  ['shift_name', 'text'],
  ['pot_ms', 'float8'],
  ['pdt_ms', 'float8'],
  ['apt_ms', 'float8'],
  ['asut_ms', 'float8'],
  ['adet_ms', 'float8'],
  ['unknown_ms', 'float8'],
  ['down_ms', 'float8'],
  ['produced_quantity', 'int'],
  ['scrap_quantity', 'int'],
  ['rework_quantity', 'int'],
  ['ideal_production_ms', 'float8'],
  ['ideal_good_ms', 'float8'],
  ['failure_count', 'int'],
  ['availability', 'float8'],
  ['effectiveness', 'float8'],
  ['quality', 'float8'],
  ['oee', 'float8'],
  ['final', 'boolean'],
];

function rowValues({ machineId, bucket, result, final }: MachineBucketResult): Array<string | number | null> {
  const { time, quantities, kpis } = result;
  return [
    machineId,
    bucket.granularity,
    bucket.start.getTime(),
    bucket.end.getTime(),
    bucket.shiftName,
    time.pot,
    time.pdt,
    time.apt,
    time.asut,
    time.adet,
    time.unknown,
    time.down,
    quantities.pq,
    quantities.sq,
    quantities.rq,
    result.idealProductionMs,
    result.idealGoodMs,
    result.failures ?? 0,
    kpis.availability,
    kpis.effectiveness,
    kpis.quality,
    kpis.oee,
    final ? 1 : 0,
  ];
}

const BULK_NAMES = BULK_COLUMNS.map(([c]) => c);
const BULK_KINDS = BULK_COLUMNS.map(([, type]) =>
  type === 'uuid' || type === 'granularity' || type === 'text' ? 'text' : 'number',
);
const ARRAY_TYPE: Record<BulkType, string> = {
  uuid: 'uuid[]',
  granularity: 'granularity[]',
  text: 'text[]',
  timestamptz: 'float8[]',
  float8: 'float8[]',
  int: 'int[]',
  boolean: 'int[]',
};
const SELECTED: Record<BulkType, (column: string) => string> = {
  uuid: (c) => c,
  granularity: (c) => c,
  text: (c) => c,
  timestamptz: (c) => `to_timestamp(${c} / 1000)`,
  float8: (c) => c,
  int: (c) => c,
  boolean: (c) => `${c} = 1`,
};
const INSERT_SQL = `INSERT INTO kpi_results (tenant_id, computed_at, ${BULK_NAMES.join(', ')})
  SELECT $1::uuid, $2::timestamptz, ${BULK_COLUMNS.map(([c, type]) => SELECTED[type](`u.${c}`)).join(', ')}
  FROM unnest(${BULK_COLUMNS.map(([, type], i) => `$${i + 3}::${ARRAY_TYPE[type]}`).join(', ')})
    AS u(${BULK_NAMES.join(', ')})`;
const UPSERT_SQL = `${INSERT_SQL}
  ON CONFLICT (asset_id, granularity, bucket_start) DO UPDATE SET computed_at = EXCLUDED.computed_at, ${BULK_NAMES.filter(
    (c) => c !== 'asset_id' && c !== 'granularity' && c !== 'bucket_start',
  )
    .map((c) => `${c} = EXCLUDED.${c}`)
    .join(', ')}`;

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
    // 'stored' replaces a stored bucket; 'new' fails on one (see writeNewFirst).
    mode: ConflictMode = 'stored',
  ): Promise<number> {
    if (rows.length === 0) return 0;
    return sql.execute(mode === 'stored' ? UPSERT_SQL : INSERT_SQL, [
      tenantId,
      computedAt,
      ...columnArrayLiterals(rows, BULK_KINDS, rowValues),
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
