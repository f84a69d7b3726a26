import { useMemo } from 'react';
import type { KpiBucket } from '../api/operations';
import { formatClock, formatDuration, formatHour, formatRatio } from '../format/format';
import { bucketLabel, granularityUnit, type Granularity } from '../kpi/granularity';
import { EChart } from './e-chart';
import type { EChartsCoreOption } from './echarts';

const HOUR_MS = 3_600_000;

export interface KpiChartProps {
  buckets: readonly KpiBucket[];
  from: Date;
  to: Date;
  timeZone: string;
  granularity: Granularity;
}

interface Slot {
  start: number;
  label: string;
  bucket: KpiBucket | undefined;
}

// One slot per hour of the range, so an hour without figures shows as a gap, labelled in the
// site's time zone (ECharts' own time axis would use the browser's).
function hourlySlots(buckets: readonly KpiBucket[], from: Date, to: Date, timeZone: string): Slot[] {
  const byStart = new Map(buckets.map((b) => [Date.parse(b.bucketStart), b]));
  const first = Math.min(from.getTime(), ...byStart.keys());
  const starts: number[] = [];
  for (let t = first; t < to.getTime(); t += HOUR_MS) starts.push(t);
  const multiDay = starts.length > 24;
  return starts.map((start) => ({
    start,
    label: multiDay ? formatHour(new Date(start), timeZone) : formatClock(new Date(start), timeZone),
    bucket: byStart.get(start),
  }));
}

// Shifts and days differ in length and a site may have none of them on some days: one slot per
// bucket the API has, named like the table's rows.
function slotsOf({ buckets, from, to, timeZone, granularity }: KpiChartProps): Slot[] {
  if (granularity === 'HOUR') return hourlySlots(buckets, from, to, timeZone);
  return buckets.map((bucket) => ({
    start: Date.parse(bucket.bucketStart),
    label: bucketLabel(bucket, granularity, timeZone),
    bucket,
  }));
}

const COLORS = {
  oee: '#1c7ed6',
  provisional: '#a5d8ff',
  run: '#37b24d',
  setup: '#f59f00',
  stop: '#f03e3e',
  unknown: '#adb5bd',
};

export function OeeHistoryChart(props: KpiChartProps) {
  const { buckets, from, to, timeZone, granularity } = props;
  const option = useMemo((): EChartsCoreOption => {
    const slots = slotsOf({ buckets, from, to, timeZone, granularity });
    return {
      animation: false,
      grid: { left: 48, right: 12, top: 16, bottom: 32 },
      tooltip: {
        trigger: 'axis',
        valueFormatter: (value: unknown) =>
          typeof value === 'number' ? formatRatio(value) : formatRatio(null),
      },
      xAxis: { type: 'category', data: slots.map((s) => s.label) },
      yAxis: {
        type: 'value',
        min: 0,
        max: (extent: { max: number }) => Math.max(1, extent.max),
        axisLabel: { formatter: (v: number) => formatRatio(v) },
      },
      series: [
        {
          name: 'OEE',
          type: 'bar',
          data: slots.map((s) => ({
            value: s.bucket?.oee ?? null,
            itemStyle: { color: s.bucket && !s.bucket.final ? COLORS.provisional : COLORS.oee },
          })),
        },
      ],
    };
  }, [buckets, from, to, timeZone, granularity]);
  return (
    <EChart
      option={option}
      height={240}
      label={`OEE per ${granularityUnit(granularity)} in ${timeZone}; lighter bars are provisional. Values are in the table below.`}
    />
  );
}

// Where the planned time went, bucket by bucket: running, changeover, unplanned stops, no data.
export function TimeBreakdownChart(props: KpiChartProps) {
  const { buckets, from, to, timeZone, granularity } = props;
  const option = useMemo((): EChartsCoreOption => {
    const slots = slotsOf({ buckets, from, to, timeZone, granularity });
    const minutes = (pick: (b: KpiBucket) => number) =>
      slots.map((s) => (s.bucket ? Math.round(pick(s.bucket) / 60_000) : null));
    const series = [
      ['Running', COLORS.run, (b: KpiBucket) => b.runTimeMs],
      ['Changeover', COLORS.setup, (b: KpiBucket) => b.setupTimeMs],
      ['Unplanned stop', COLORS.stop, (b: KpiBucket) => b.unplannedStopTimeMs],
      ['No data', COLORS.unknown, (b: KpiBucket) => b.unknownTimeMs],
    ] as const;
    return {
      animation: false,
      grid: { left: 48, right: 12, top: 36, bottom: 32 },
      legend: { top: 0 },
      tooltip: {
        trigger: 'axis',
        valueFormatter: (value: unknown) =>
          typeof value === 'number' ? formatDuration(value * 60_000) : '—',
      },
      xAxis: { type: 'category', data: slots.map((s) => s.label) },
      yAxis: { type: 'value', min: 0, axisLabel: { formatter: '{value} min' } },
      series: series.map(([name, color, pick]) => ({
        name,
        type: 'bar',
        stack: 'time',
        itemStyle: { color },
        data: minutes(pick),
      })),
    };
  }, [buckets, from, to, timeZone, granularity]);
  return (
    <EChart
      option={option}
      height={240}
      label={`Minutes running, in changeover, stopped and without data per ${granularityUnit(granularity)} in ${timeZone}.`}
    />
  );
}
