import {
  chooseSeason,
  hourOfDay,
  describeCrossing,
  detectAnomalies,
  estimateCrossing,
  ruleLimits,
  type AnomalyEvidence,
  type CrossingEstimate,
  type Point,
} from '@convergent/alarms-util-anomaly';
import type { Severity } from '@convergent/alarms-util-rules';
import { offsetMs } from '@convergent/shared-util-kpi';
import type { Database, SqlTransaction } from '@convergent/platform-data-access-db';
import { enqueueDeliveries, type DeliveryRef } from './notification-outbox';
import { RuleCache, targetsForAssets } from './rule-targets';

export interface MaintenanceScanOptions {
  // Baseline window for anomalies and regression window for trends.
  windowMs: number;
  // Telemetry is reduced to the median of each bucket before scoring: robust and bounded in size.
  bucketMs: number;
  // Only buckets newer than this are scored: the interval since the previous scan.
  scanEveryMs: number;
  // How far ahead a trend crossing is worth a warning.
  horizonMs: number;
  // An anomaly warning with no new finding for this long is resolved.
  quietAfterMs: number;
}

export interface ScanOutcome {
  series: number;
  anomalies: number;
  forecasts: number;
  deliveries: DeliveryRef[];
}

interface Finding {
  assetId: string;
  assetName: string;
  siteId: string | null;
  kind: 'anomaly' | 'trend';
  metric: string;
  severity: Severity;
  message: string;
  evidence: AnomalyEvidence | CrossingEstimate;
  predictedAt: number | null;
}

const fmt = (v: number): string => String(Number(v.toPrecision(4)));

// Scans each machine's recent telemetry for anomalies against its learned baseline and for trends
// heading to the limits of the alarm rules that cover it, and keeps one open maintenance warning
// per machine, kind and metric.
export class MaintenanceScan {
  private readonly cache = new RuleCache();

  constructor(
    private readonly db: Database,
    private readonly options: MaintenanceScanOptions,
  ) {}

  async scan(tenantId: string, now: number): Promise<ScanOutcome> {
    return this.db.withSqlTransaction(async (sql) => {
      await sql.setTenant(tenantId);
      const outcome: ScanOutcome = { series: 0, anomalies: 0, forecasts: 0, deliveries: [] };
      const series = await this.recentSeries(sql, now);
      const machines = [...new Set([...series.keys()].map((k) => k.split('|')[0] ?? ''))];
      const targets = await targetsForAssets(sql, this.cache, machines);
      const assets = await sql.query<{
        id: string;
        name: string;
        site_id: string | null;
        time_zone: string | null;
      }>(
        `SELECT a.id, a.name, a.site_id, s.time_zone FROM assets a LEFT JOIN assets s ON s.id = a.site_id
         WHERE a.id = ANY ($1::uuid[])`,
        [machines],
      );
      const assetById = new Map(assets.map((a) => [a.id, a]));
      const findings: Finding[] = [];
      const noForecast: Array<[string, string]> = [];
      for (const [key, points] of series) {
        const [assetId = '', metric = ''] = key.split('|');
        const asset = assetById.get(assetId);
        if (!asset) continue;
        outcome.series += 1;
        const base = { assetId, assetName: asset.name, siteId: asset.site_id, metric };
        // Hour of day in the plant's time, where the data follows it.
        const seasonOf = chooseSeason(points, [hourOfDay(offsetMs(now, asset.time_zone ?? 'UTC') / 60_000)]);
        for (const e of detectAnomalies(points, {
          ...(seasonOf ? { seasonOf } : {}),
          windowMs: this.options.windowMs,
          scoreFrom: now - this.options.scanEveryMs,
          minSamples: Math.min(30, Math.floor(this.options.windowMs / this.options.bucketMs / 4)),
        })) {
          outcome.anomalies += 1;
          findings.push({
            ...base,
            kind: 'anomaly',
            severity: e.peak.score >= 10 ? 'minor' : 'warning',
            message:
              `${metric} at ${fmt(e.peak.observed)}, expected ${fmt(e.expectedRange.low)}..${fmt(e.expectedRange.high)} ` +
              `(score ${fmt(e.peak.score)})`,
            evidence: e,
            predictedAt: null,
          });
        }
        const limits = targets
          .filter((t) => t.assetId === assetId)
          .flatMap((t) => ruleLimits(t.rule))
          .filter((l) => l.metric === metric);
        const recent = points.filter((p) => p.ts >= now - this.options.windowMs);
        const crossings = limits
          .map((limit) => estimateCrossing(recent, limit, { horizonMs: this.options.horizonMs }))
          .filter((c): c is CrossingEstimate => c !== null)
          .sort((a, b) => a.at - b.at);
        const first = crossings[0];
        if (first === undefined) {
          noForecast.push([assetId, metric]);
          continue;
        }
        outcome.forecasts += 1;
        findings.push({
          ...base,
          kind: 'trend',
          severity: first.at - now <= 86_400_000 ? 'minor' : 'warning',
          message: describeCrossing(first, now),
          evidence: first,
          predictedAt: first.at,
        });
      }
      for (const finding of findings)
        outcome.deliveries.push(...(await this.upsert(sql, tenantId, finding, now)));
      await this.resolve(sql, noForecast, now);
      return outcome;
    });
  }

  private async recentSeries(sql: SqlTransaction, now: number): Promise<Map<string, Point[]>> {
    const { windowMs, bucketMs, scanEveryMs } = this.options;
    const rows = await sql.query<{ machine_id: string; metric: string; bucket: Date; value: number }>(
      `SELECT t.machine_id, t.metric, date_bin(make_interval(secs => $3 / 1000.0), t.ts, 'epoch') AS bucket,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY t.value) AS value
       FROM telemetry_points t
       WHERE t.ts >= $1 AND t.ts < $2 AND (t.machine_id, t.metric) IN (
         SELECT DISTINCT machine_id, metric FROM telemetry_points WHERE ts >= $4 AND ts < $2)
       GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
      [new Date(now - 2 * windowMs), new Date(now), bucketMs, new Date(now - scanEveryMs)],
    );
    const series = new Map<string, Point[]>();
    for (const r of rows) {
      const key = `${r.machine_id}|${r.metric}`;
      const point = { ts: r.bucket.getTime(), value: r.value };
      const list = series.get(key);
      if (list) list.push(point);
      else series.set(key, [point]);
    }
    return series;
  }

  private async upsert(
    sql: SqlTransaction,
    tenantId: string,
    f: Finding,
    now: number,
  ): Promise<DeliveryRef[]> {
    const [row] = await sql.query<{ id: string; inserted: boolean }>(
      `INSERT INTO maintenance_warnings (id, tenant_id, asset_id, site_id, kind, metric, severity, message, evidence,
         first_seen_at, last_seen_at, predicted_at)
       VALUES (gen_random_uuid(), $1, $2, $3, $4, $5, $6, $7, $8, $9, $9, $10)
       ON CONFLICT (asset_id, kind, metric) WHERE resolved_at IS NULL DO UPDATE SET
         severity = EXCLUDED.severity, message = EXCLUDED.message, evidence = EXCLUDED.evidence,
         last_seen_at = EXCLUDED.last_seen_at, predicted_at = EXCLUDED.predicted_at,
         occurrences = maintenance_warnings.occurrences + 1
       RETURNING id, (xmax = 0) AS inserted`,
      [
        tenantId,
        f.assetId,
        f.siteId,
        f.kind,
        f.metric,
        f.severity,
        f.message,
        JSON.stringify(f.evidence),
        new Date(now),
        f.predictedAt === null ? null : new Date(f.predictedAt),
      ],
    );
    // Only a new warning notifies; later findings refresh its evidence.
    if (row === undefined || !row.inserted) return [];
    return enqueueDeliveries(sql, {
      tenantId,
      siteId: f.siteId,
      severity: f.severity,
      warningId: row.id,
      dedupKey: `warning:${row.id}`,
      payload: {
        event: 'maintenance.warning',
        occurredAt: new Date(now).toISOString(),
        tenantId,
        warning: {
          id: row.id,
          assetId: f.assetId,
          assetName: f.assetName,
          siteId: f.siteId,
          kind: f.kind,
          metric: f.metric,
          severity: f.severity,
          message: f.message,
          predictedAt: f.predictedAt === null ? null : new Date(f.predictedAt).toISOString(),
          evidence: f.evidence,
        },
      },
    });
  }

  private async resolve(
    sql: SqlTransaction,
    noForecast: Array<[string, string]>,
    now: number,
  ): Promise<void> {
    await sql.execute(
      `UPDATE maintenance_warnings w SET resolved_at = $3
       FROM unnest($1::uuid[], $2::text[]) AS n(a, m)
       WHERE w.resolved_at IS NULL AND w.kind = 'trend' AND w.asset_id = n.a AND w.metric = n.m`,
      [noForecast.map(([a]) => a), noForecast.map(([, m]) => m), new Date(now)],
    );
    await sql.execute(
      `UPDATE maintenance_warnings SET resolved_at = $1
       WHERE resolved_at IS NULL AND kind = 'anomaly' AND last_seen_at < $2`,
      [new Date(now), new Date(now - this.options.quietAfterMs)],
    );
  }
}
