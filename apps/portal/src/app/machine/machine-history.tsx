import { Group, SegmentedControl, Stack, TextInput, Title } from '@mantine/core';
import { lazy, Suspense, useMemo, useState } from 'react';
import { useQuery } from 'urql';
import { apiErrorFromUrql } from '../api/graphql-http';
import { currentShiftKpisQuery } from '../drill/drill-operations';
import { Empty, ErrorMessage, Loading } from '../feedback';
import { localDateTime } from '../format/time-zone';
import { resolveHistoryRange, type HistoryChoice, type HistoryPreset } from './history-range';
import { machineSensorSeriesQuery, machineStateTimelineQuery } from './machine-operations';
import { StateTimeline } from './state-timeline';

const SensorCharts = lazy(async () => ({ default: (await import('./sensor-charts')).SensorCharts }));

// Points per metric: about one per two pixels of a wide chart.
const MAX_POINTS = 600;

const PRESETS: Array<{ value: HistoryPreset; label: string }> = [
  { value: 'last-hour', label: 'Last hour' },
  { value: 'shift', label: 'Shift' },
  { value: 'last-24h', label: '24 h' },
  { value: 'last-7-days', label: '7 days' },
  { value: 'custom', label: 'Custom' },
];

const isPreset = (value: string): value is HistoryPreset => PRESETS.some((p) => p.value === value);

// The machine's recent past on its page: a state timeline and its sensor charts over one range,
// chosen here, in the site's time zone.
export function MachineHistory({
  machineId,
  now,
  timeZone,
}: {
  machineId: string;
  now: Date;
  timeZone: string;
}) {
  const [choice, setChoice] = useState<HistoryChoice>(() => ({
    preset: 'last-hour',
    from: localDateTime(new Date(now.getTime() - 8 * 3_600_000), timeZone),
    to: localDateTime(now, timeZone),
  }));
  const [shift] = useQuery({ query: currentShiftKpisQuery, variables: { assetId: machineId } });
  const shiftStarts = shift.data?.currentShiftKpis.map((b) => Date.parse(b.bucketStart)) ?? [];
  const shiftStart = shiftStarts.length ? new Date(Math.min(...shiftStarts)) : null;
  const range = resolveHistoryRange(choice, now, timeZone, shiftStart);
  return (
    <section aria-labelledby="history-heading">
      <Title order={2} size="h3" id="history-heading" mb="xs">
        Machine history
      </Title>
      <Stack gap="md">
        <Group align="flex-end" gap="sm" wrap="wrap">
          <SegmentedControl
            aria-label="History range"
            data={PRESETS}
            value={choice.preset}
            onChange={(value) => {
              if (isPreset(value)) setChoice({ ...choice, preset: value });
            }}
          />
          {choice.preset === 'custom' && (
            <>
              <TextInput
                type="datetime-local"
                label={`Start (${timeZone})`}
                value={choice.from}
                onChange={(e) => setChoice({ ...choice, from: e.currentTarget.value })}
                error={!range.ok}
              />
              <TextInput
                type="datetime-local"
                label={`End (${timeZone})`}
                value={choice.to}
                onChange={(e) => setChoice({ ...choice, to: e.currentTarget.value })}
                error={range.ok ? undefined : range.problem}
              />
            </>
          )}
        </Group>
        {range.ok ? (
          <HistoryViews machineId={machineId} from={range.from} to={range.to} timeZone={timeZone} />
        ) : choice.preset === 'custom' ? null : (
          <Empty>{range.problem}</Empty>
        )}
      </Stack>
    </section>
  );
}

function HistoryViews({
  machineId,
  from,
  to,
  timeZone,
}: {
  machineId: string;
  from: Date;
  to: Date;
  timeZone: string;
}) {
  const variables = useMemo(
    () => ({ machineId, from: from.toISOString(), to: to.toISOString() }),
    [machineId, from, to],
  );
  const [timeline] = useQuery({ query: machineStateTimelineQuery, variables });
  const [sensors] = useQuery({
    query: machineSensorSeriesQuery,
    variables: { ...variables, maxPoints: MAX_POINTS },
  });
  return (
    <>
      <div>
        <Title order={3} size="h4" mb="xs">
          States
        </Title>
        {timeline.error ? (
          <ErrorMessage
            title="The state timeline could not be loaded."
            error={apiErrorFromUrql(timeline.error)}
          />
        ) : !timeline.data ? (
          <Loading label="Loading the machine's states…" />
        ) : (
          <StateTimeline
            intervals={timeline.data.machineStateTimeline}
            from={from}
            to={to}
            timeZone={timeZone}
          />
        )}
      </div>
      <div>
        <Title order={3} size="h4" mb="xs">
          Sensors
        </Title>
        {sensors.error ? (
          <ErrorMessage
            title="The sensor readings could not be loaded."
            error={apiErrorFromUrql(sensors.error)}
          />
        ) : !sensors.data ? (
          <Loading label="Loading the sensor readings…" />
        ) : (
          <Suspense fallback={<Loading label="Loading the charts…" />}>
            <SensorCharts
              series={sensors.data.machineSensorSeries.series}
              bucketMs={sensors.data.machineSensorSeries.bucketMs}
              from={from}
              to={to}
              timeZone={timeZone}
            />
          </Suspense>
        )}
      </div>
    </>
  );
}
