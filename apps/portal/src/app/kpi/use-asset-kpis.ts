import { useMemo, useRef } from 'react';
import { useQuery, type CombinedError } from 'urql';
import { apiErrorFromUrql, type ApiError } from '../api/graphql-http';
import { assetKpisQuery, type AssetKpisQuery, type KpiBucket } from '../api/operations';
import type { Granularity } from './granularity';
import { totalKpis, type KpiTotals } from './kpi-totals';

export type AssetKpisState =
  | { status: 'loading' }
  | { status: 'error'; error: ApiError }
  | { status: 'success'; buckets: KpiBucket[]; totals: KpiTotals };

type Success = Extract<AssetKpisState, { status: 'success' }>;

export interface ShownKpis {
  // Which figures these are: the asset and the start of the range.
  key: string;
  state: Success;
}

// What to show for an answer (or its absence). Pages ask again every minute with a later end; the
// figures already on screen stay until the new ones arrive instead of flashing to "loading". A
// different asset, range start or granularity is different figures, which do show loading.
// `answered` is the key of the figures in `data`: urql keeps the previous variables' data while
// new variables load, and hours must not show under a "by shift" caption meanwhile.
export function nextKpiState(
  key: string,
  result: { data?: AssetKpisQuery | undefined; error?: CombinedError | undefined; answered?: string },
  shown: ShownKpis | null,
): { state: AssetKpisState; shown: ShownKpis | null } {
  if (result.error) return { state: { status: 'error', error: apiErrorFromUrql(result.error) }, shown };
  if (result.data && (result.answered === undefined || result.answered === key)) {
    const buckets = [...result.data.assetKpis].sort(
      (a, b) => Date.parse(a.bucketStart) - Date.parse(b.bucketStart),
    );
    const state: Success = { status: 'success', buckets, totals: totalKpis(buckets) };
    return { state, shown: { key, state } };
  }
  if (shown?.key === key) return { state: shown.state, shown };
  return { state: { status: 'loading' }, shown };
}

function kpiKey(assetId: string, from: string, granularity: string): string {
  return `${assetId}@${from}/${granularity}`;
}

// An asset's KPIs by hour, shift or day (a machine's own, or the API's roll-up of everything below
// it) with the totals for the whole range, summed from time elements, never averaged.
export function useAssetKpis(
  assetId: string,
  from: Date | null,
  to: Date | null,
  granularity: Granularity = 'HOUR',
): AssetKpisState {
  const [result] = useQuery({
    query: assetKpisQuery,
    variables: { assetId, from: from?.toISOString() ?? '', to: to?.toISOString() ?? '', granularity },
    pause: from === null || to === null,
  });
  const shown = useRef<ShownKpis | null>(null);
  const key = kpiKey(assetId, from?.toISOString() ?? '', granularity);
  return useMemo(() => {
    const asked = result.operation?.variables;
    const answered = asked ? kpiKey(asked.assetId, asked.from, asked.granularity) : undefined;
    const next = nextKpiState(key, { data: result.data, error: result.error, answered }, shown.current);
    shown.current = next.shown;
    return next.state;
  }, [key, result]);
}
