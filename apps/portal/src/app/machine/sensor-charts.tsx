import { Button, Checkbox, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { EChart } from '../charts/e-chart';
import { Empty } from '../feedback';
import type { SensorSeries } from './machine-operations';
import { parseMetricChoice, shownMetrics, toggleMetric, withMetricChoice } from './metric-choice';
import { sensorChartOption } from './sensor-chart-option';

const number = new Intl.NumberFormat(undefined, { maximumFractionDigits: 2 });

function SensorChart({
  series,
  bucketMs,
  from,
  to,
  timeZone,
}: {
  series: SensorSeries;
  bucketMs: number;
  from: Date;
  to: Date;
  timeZone: string;
}) {
  const option = useMemo(
    () => sensorChartOption(series, bucketMs, from, to, timeZone),
    [series, bucketMs, from, to, timeZone],
  );
  return (
    <EChart option={option} height={200} label={`${series.metric}: minimum, average and maximum over time`} />
  );
}

// Which metrics to chart, as boxes to tick (keyboard: Tab and Space), kept in the address bar.
function MetricPicker({ available, shown }: { available: readonly string[]; shown: readonly string[] }) {
  const [search, setSearch] = useSearchParams();
  const chosen = parseMetricChoice(search);
  const choose = (next: readonly string[] | null) =>
    setSearch(withMetricChoice(search, next), { replace: true });
  return (
    <Group component="fieldset" gap="sm" align="center" m={0} p={0} style={{ border: 0 }}>
      <Text component="legend" size="sm" fw={600} mb={4}>
        Metrics to chart ({shown.length} of {available.length})
      </Text>
      {available.map((metric) => (
        <Checkbox
          key={metric}
          label={metric}
          checked={shown.includes(metric)}
          onChange={() => choose(toggleMetric(available, chosen, metric))}
        />
      ))}
      {shown.length < available.length && (
        <Button variant="subtle" size="compact-sm" onClick={() => choose([...available])}>
          Show all
        </Button>
      )}
    </Group>
  );
}

// One chart per chosen metric, and the range's figures per metric in a table for exact values.
export function SensorCharts({
  series,
  bucketMs,
  from,
  to,
  timeZone,
}: {
  series: readonly SensorSeries[];
  bucketMs: number;
  from: Date;
  to: Date;
  timeZone: string;
}) {
  const [search] = useSearchParams();
  if (series.length === 0) return <Empty>No sensor readings in this range.</Empty>;
  const available = series.map((s) => s.metric);
  const shown = new Set(shownMetrics(available, parseMetricChoice(search)));
  const charted = series.filter((s) => shown.has(s.metric));
  return (
    <Stack gap="md">
      <MetricPicker available={available} shown={[...shown]} />
      {charted.length === 0 && <Empty>No metric chosen: tick one above to chart it.</Empty>}
      {charted.map((s) => (
        <div key={s.metric}>
          <Title order={3} size="h5">
            {s.metric}
          </Title>
          <SensorChart series={s} bucketMs={bucketMs} from={from} to={to} timeZone={timeZone} />
        </div>
      ))}
      {charted.length > 0 && (
        <Table aria-label="Sensor readings in the range" striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Metric</Table.Th>
              <Table.Th>Minimum</Table.Th>
              <Table.Th>Maximum</Table.Th>
              <Table.Th>Latest average</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {charted.map((s) => (
              <Table.Tr key={s.metric}>
                <Table.Td>{s.metric}</Table.Td>
                <Table.Td>{number.format(Math.min(...s.points.map((p) => p.min)))}</Table.Td>
                <Table.Td>{number.format(Math.max(...s.points.map((p) => p.max)))}</Table.Td>
                <Table.Td>{number.format(s.points.at(-1)?.avg ?? Number.NaN)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Text size="xs" c="dimmed">
        Each point is the readings of{' '}
        {bucketMs >= 60_000 ? `${bucketMs / 60_000} min` : `${bucketMs / 1000} s`}; gaps are times without
        readings.
      </Text>
    </Stack>
  );
}
