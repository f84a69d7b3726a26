import { useMemo } from 'react';
import type { ParetoEntry } from '../drill/drill-operations';
import { paretoLabel, waterfallBars, type LossStep } from '../drill/loss-steps';
import { formatDuration } from '../format/format';
import { EChart } from './e-chart';
import type { EChartsCoreOption } from './echarts';

const HOURS = 3_600_000;
const hours = (ms: number | null) => (ms === null ? null : ms / HOURS);

export function LossWaterfallChart({ steps }: { steps: readonly LossStep[] }) {
  const option = useMemo((): EChartsCoreOption => {
    const bars = waterfallBars(steps);
    return {
      grid: { left: 48, right: 16, top: 16, bottom: 72 },
      tooltip: {
        trigger: 'axis',
        formatter: (items: { dataIndex: number }[]) => {
          const step = steps[items[0]?.dataIndex ?? 0];
          return step ? `${step.label}: ${step.ms === null ? 'unknown' : formatDuration(step.ms)}` : '';
        },
      },
      xAxis: { type: 'category', data: steps.map((s) => s.label), axisLabel: { rotate: 35, interval: 0 } },
      yAxis: { type: 'value', name: 'h' },
      series: [
        {
          type: 'bar',
          stack: 'w',
          silent: true,
          itemStyle: { color: 'transparent' },
          data: bars.map((b) => hours(b.base)),
        },
        {
          type: 'bar',
          stack: 'w',
          data: bars.map((b, i) => ({
            value: hours(b.value),
            itemStyle: { color: steps[i]?.kind === 'total' ? '#1c7ed6' : '#f03e3e' },
          })),
        },
      ],
    };
  }, [steps]);
  return (
    <EChart
      option={option}
      height={300}
      label="Loss waterfall: planned busy time down to fully productive time, in hours"
    />
  );
}

export function DowntimeParetoChart({ entries }: { entries: readonly ParetoEntry[] }) {
  const option = useMemo(
    (): EChartsCoreOption => ({
      grid: { left: 48, right: 16, top: 16, bottom: 72 },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: entries.map(paretoLabel), axisLabel: { rotate: 35, interval: 0 } },
      yAxis: { type: 'value', name: 'h' },
      series: [
        {
          type: 'bar',
          name: 'Unplanned stop time',
          data: entries.map((e) => hours(e.durationMs)),
          itemStyle: { color: '#f03e3e' },
        },
      ],
    }),
    [entries],
  );
  return (
    <EChart
      option={option}
      height={280}
      label="Downtime Pareto: unplanned stop time by reason, largest first, in hours"
    />
  );
}
