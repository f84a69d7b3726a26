import { useEffect, useMemo } from 'react';
import { useQuery } from 'urql';
import { apiErrorFromUrql, type ApiError } from '../api/graphql-http';
import type { KpiBucket } from '../api/operations';
import { useLiveRefresh } from '../api/use-live-refresh';
import { useRefetchEachMinute } from '../api/use-refetch-each-minute';
import { totalKpis, type KpiTotals } from '../kpi/kpi-totals';
import { currentShiftKpisChangedSubscription, currentShiftKpisQuery } from './drill-operations';

export type CurrentShiftState =
  | { status: 'loading' }
  | { status: 'error'; error: ApiError }
  // No buckets: no shift is running below the asset.
  | { status: 'success'; buckets: KpiBucket[]; totals: KpiTotals };

// The shift in progress of an asset so far, summed over its machines from time elements (the
// API rolls machines up per shift start; the shifts of sites in different zones are summed the
// same way). Asked again after each live update and every minute, so a shift that starts or ends
// while the page is open shows without a reload.
export function useCurrentShift(assetId: string): CurrentShiftState {
  const [result, reexecute] = useQuery({ query: currentShiftKpisQuery, variables: { assetId } });
  const liveVariables = useMemo(() => ({ assetId }), [assetId]);
  const events = useLiveRefresh(currentShiftKpisChangedSubscription, liveVariables);
  useEffect(() => {
    if (events > 0) reexecute({ requestPolicy: 'network-only' });
  }, [events, reexecute]);
  useRefetchEachMinute(reexecute);
  return useMemo((): CurrentShiftState => {
    if (result.error) return { status: 'error', error: apiErrorFromUrql(result.error) };
    if (!result.data) return { status: 'loading' };
    const buckets = result.data.currentShiftKpis;
    return { status: 'success', buckets, totals: totalKpis(buckets) };
  }, [result]);
}
