import { Stack, Table, Text, Title } from '@mantine/core';
import { useMemo } from 'react';
import { EChart } from '../charts/e-chart';
import { Empty } from '../feedback';
import type { SensorSeries } from './machine-operations';
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

// One chart per metric, and the range's figures per metric in a table for exact values.
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
  if (series.length === 0) return <Empty>No sensor readings in this range.</Empty>;
  return (
    <Stack gap="md">
      {series.map((s) => (
        <div key={s.metric}>
          <Title order={3} size="h5">
            {s.metric}
          </Title>
          <SensorChart series={s} bucketMs={bucketMs} from={from} to={to} timeZone={timeZone} />
        </div>
      ))}
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
          {series.map((s) => (
            <Table.Tr key={s.metric}>
              <Table.Td>{s.metric}</Table.Td>
              <Table.Td>{number.format(Math.min(...s.points.map((p) => p.min)))}</Table.Td>
              <Table.Td>{number.format(Math.max(...s.points.map((p) => p.max)))}</Table.Td>
              <Table.Td>{number.format(s.points.at(-1)?.avg ?? Number.NaN)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Text size="xs" c="dimmed">
        Each point is the readings of{' '}
        {bucketMs >= 60_000 ? `${bucketMs / 60_000} min` : `${bucketMs / 1000} s`}; gaps are times without
        readings.
      </Text>
    </Stack>
  );
}
