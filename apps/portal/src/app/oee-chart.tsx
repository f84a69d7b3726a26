import { formatClock, formatHour, formatRatio } from './format';
import type { KpiBucket } from './operations';

const WIDTH = 360;
const HEIGHT = 150;
const PAD = { top: 8, right: 4, bottom: 18, left: 34 };
const PLOT_W = WIDTH - PAD.left - PAD.right;
const PLOT_H = HEIGHT - PAD.top - PAD.bottom;

export interface OeeChartProps {
  buckets: readonly Pick<KpiBucket, 'bucketStart' | 'bucketEnd' | 'oee' | 'final'>[];
  rangeStart: Date;
  rangeEnd: Date;
  timeZone: string;
  titleId: string;
}

// One bar per hour, placed by time so a missing hour shows as a gap. The table under the chart
// carries the same numbers for screen readers and for reading exact values.
export function OeeChart({ buckets, rangeStart, rangeEnd, timeZone, titleId }: OeeChartProps) {
  const start = rangeStart.getTime();
  const span = Math.max(rangeEnd.getTime() - start, 1);
  const x = (t: number) => PAD.left + ((t - start) / span) * PLOT_W;
  // Above 100 % (PRU set too high) the bar is cut at the top and marked; the table shows the value.
  const y = (v: number) => PAD.top + PLOT_H * (1 - Math.min(Math.max(v, 0), 1));
  const baseline = PAD.top + PLOT_H;

  return (
    <svg
      className="oee-chart"
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      role="img"
      aria-labelledby={titleId}
      focusable="false"
    >
      <title id={titleId}>OEE per hour, last 24 hours (values in the table below)</title>
      {[0, 0.5, 1].map((v) => (
        <g key={v} className="grid">
          <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(v)} y2={y(v)} />
          <text x={PAD.left - 4} y={y(v)} dy="0.32em" textAnchor="end">
            {`${v * 100} %`}
          </text>
        </g>
      ))}
      {buckets.map((b) => {
        const left = x(b.bucketStart.getTime());
        const width = Math.max(x(b.bucketEnd.getTime()) - left - 1, 1);
        const label = `${formatHour(b.bucketStart, timeZone)}: OEE ${formatRatio(b.oee)}${b.final ? '' : ' (provisional)'}`;
        if (b.oee === null) {
          return (
            <rect
              key={b.bucketStart.getTime()}
              className="bar bar-none"
              x={left}
              y={baseline - 2}
              width={width}
              height={2}
            >
              <title>{label}</title>
            </rect>
          );
        }
        const top = y(b.oee);
        return (
          <rect
            key={b.bucketStart.getTime()}
            className={`bar${b.final ? '' : ' bar-provisional'}${b.oee > 1 ? ' bar-over' : ''}`}
            x={left}
            y={top}
            width={width}
            height={Math.max(baseline - top, 0)}
          >
            <title>{label}</title>
          </rect>
        );
      })}
      {ticks(start, span).map((t) => (
        <text key={t} className="tick" x={x(t)} y={HEIGHT - 4} textAnchor="middle">
          {formatClock(new Date(t), timeZone)}
        </text>
      ))}
    </svg>
  );
}

// Every sixth hour from the start of the range (which starts on a local hour).
function ticks(start: number, span: number): number[] {
  const out: number[] = [];
  for (let t = start; t < start + span; t += 6 * 3_600_000) out.push(t);
  return out;
}
