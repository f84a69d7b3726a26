import { Text } from '@mantine/core';
import { useQuery } from 'urql';
import { formatHour } from '../format/format';
import { nextShiftStartQuery } from './drill-operations';

// Off shift: when the next one starts, in the site's zone. Asked once the asset is off shift.
export function NextShift({ assetId, timeZone }: { assetId: string; timeZone: string }) {
  const [result] = useQuery({ query: nextShiftStartQuery, variables: { assetId } });
  if (result.error)
    return (
      <Text size="sm" c="red">
        When the next shift starts could not be loaded: {result.error.message}
      </Text>
    );
  if (!result.data) return null;
  const next = result.data.nextShiftStart;
  return (
    <Text size="sm" c="dimmed">
      {next
        ? `The next shift starts ${formatHour(new Date(next), timeZone)}.`
        : 'No shift is planned within the next week.'}
    </Text>
  );
}
