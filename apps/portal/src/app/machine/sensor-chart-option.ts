import type { EChartsCoreOption } from '../charts/echarts';
import { formatClock, formatDateTime, formatHour } from '../format/format';
import type { SensorSeries } from './machine-operations';

const DAY_MS = 86_400_000;
type Point = SensorSeries['points'][number];
type Value = 'min' | 'avg' | 'max';

// [time, value] pairs with an empty value wherever a bucket has no readings, so the line breaks
// at a gap instead of drawing a straight line across it.
export function seriesWithGaps(
  points: readonly Point[],
  value: Value,
  bucketMs: number,
): Array<[number, number | null]> {
  const out: Array<[number, number | null]> = [];
  let previous: number | null = null;
  for (const point of points) {
    const at = Date.parse(point.at);
    if (previous !== null && at - previous > bucketMs) out.push([previous + bucketMs, null]);
    out.push([at, point[value]]);
    previous = at;
  }
  return out;
}

// Axis labels in the site's zone (ECharts' own time axis would use the browser's).
export function timeLabel(ms: number, spanMs: number, timeZone: string): string {
  const at = new Date(ms);
  if (spanMs <= DAY_MS) return formatClock(at, timeZone);
  return spanMs <= 7 * DAY_MS ? formatHour(at, timeZone) : formatDateTime(at, timeZone);
}

const COLORS: Record<Value, string> = { avg: '#1c7ed6', min: '#a5d8ff', max: '#a5d8ff' };
const NAMES: Record<Value, string> = { avg: 'average', min: 'minimum', max: 'maximum' };

export function sensorChartOption(
  series: SensorSeries,
  bucketMs: number,
  from: Date,
  to: Date,
  timeZone: string,
): EChartsCoreOption {
  const span = to.getTime() - from.getTime();
  return {
    animation: false,
    grid: { left: 56, right: 12, top: 24, bottom: 32 },
    legend: { top: 0, right: 0, data: ['average', 'minimum', 'maximum'] },
    tooltip: {
      trigger: 'axis',
      axisPointer: {
        label: { formatter: ({ value }: { value: number }) => formatDateTime(new Date(value), timeZone) },
      },
    },
    xAxis: {
      type: 'value',
      min: from.getTime(),
      max: to.getTime(),
      axisLabel: { formatter: (value: number) => timeLabel(value, span, timeZone), hideOverlap: true },
    },
    yAxis: { type: 'value', scale: true },
    series: (['avg', 'min', 'max'] as const).map((value) => ({
      type: 'line',
      name: NAMES[value],
      data: seriesWithGaps(series.points, value, bucketMs),
      showSymbol: false,
      connectNulls: false,
      lineStyle: { width: value === 'avg' ? 2 : 1 },
      color: COLORS[value],
    })),
  };
}
