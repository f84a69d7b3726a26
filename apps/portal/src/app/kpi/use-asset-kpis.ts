import { useMemo } from 'react';
import { useQuery } from 'urql';
import { apiErrorFromUrql, type ApiError } from '../api/graphql-http';
import { assetKpisQuery, type KpiBucket } from '../api/operations';
import { totalKpis, type KpiTotals } from './kpi-totals';

export type AssetKpisState =
  | { status: 'loading' }
  | { status: 'error'; error: ApiError }
  | { status: 'success'; buckets: KpiBucket[]; totals: KpiTotals };

// An asset's hourly KPIs (a machine's own, or the API's roll-up of everything below it) with the
// totals for the whole range, summed from time elements, never averaged.
export function useAssetKpis(assetId: string, from: Date | null, to: Date | null): AssetKpisState {
  const [result] = useQuery({
    query: assetKpisQuery,
    variables: { assetId, from: from?.toISOString() ?? '', to: to?.toISOString() ?? '' },
    pause: from === null || to === null,
  });
  return useMemo((): AssetKpisState => {
    if (result.error) return { status: 'error', error: apiErrorFromUrql(result.error) };
    if (!result.data) return { status: 'loading' };
    const buckets = [...result.data.assetKpis].sort(
      (a, b) => Date.parse(a.bucketStart) - Date.parse(b.bucketStart),
    );
    return { status: 'success', buckets, totals: totalKpis(buckets) };
  }, [result.data, result.error]);
}
