import { Text } from '@mantine/core';
import { useQuery } from 'urql';
import { formatRatio } from '../format/format';
import { totalKpis } from '../kpi/kpi-totals';
import { currentShiftKpisQuery } from './drill-operations';

// One line for the sites overview: the shift in progress so far, summed like every other total.
export function CurrentShiftLine({ assetId }: { assetId: string }) {
  const [result] = useQuery({ query: currentShiftKpisQuery, variables: { assetId } });
  if (result.error)
    return (
      <Text size="sm" c="red">
        The current shift could not be loaded: {result.error.message}
      </Text>
    );
  if (!result.data) return null;
  const buckets = result.data.currentShiftKpis;
  if (buckets.length === 0)
    return (
      <Text size="sm" c="dimmed">
        No shift in progress.
      </Text>
    );
  const t = totalKpis(buckets);
  return (
    <Text size="sm">
      Current shift so far: OEE <b>{formatRatio(t.oee)}</b> (availability {formatRatio(t.availability)},
      performance {formatRatio(t.effectiveness)}, quality {formatRatio(t.quality)})
    </Text>
  );
}
