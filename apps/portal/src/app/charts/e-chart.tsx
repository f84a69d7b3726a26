import { Box } from '@mantine/core';
import { useEffect, useRef } from 'react';
import { echarts, type EChartsCoreOption } from './echarts';

export interface EChartProps {
  option: EChartsCoreOption;
  height: number;
  // What the chart shows, for screen readers; the exact values are in a table next to it.
  label: string;
}

// One ECharts instance per element, resized with its container and disposed with the component.
export function EChart({ option, height, label }: EChartProps) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<ReturnType<typeof echarts.init> | null>(null);

  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    // The SVG renderer: crisp on phones, and charts render in the unit tests' DOM too.
    const instance = echarts.init(element, null, {
      renderer: 'svg',
      height,
      ...(element.clientWidth === 0 ? { width: 600 } : {}),
    });
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(element);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, [height]);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  return <Box ref={ref} h={height} role="img" aria-label={label} data-chart="echarts" />;
}
