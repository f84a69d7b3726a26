import { MAX_ITEMS_PER_MESSAGE, type TelemetryMessage } from '@convergent/shared-util-contracts';

type TelemetryPoint = TelemetryMessage['points'][number];
import { passesDeadband, type DeadbandRule, type LastSent } from './signals/deadband';

// Samples of one machine waiting for the next publish: deadband-filtered per metric, and handed out
// in messages of at most MAX_ITEMS_PER_MESSAGE points, so a machine costs one telemetry publish per
// interval however many tags it has.

export class TelemetryBatch {
  private points: TelemetryPoint[] = [];
  private readonly lastSent = new Map<string, LastSent>();

  add(ts: number, metric: string, value: number, rule: DeadbandRule): void {
    if (!Number.isFinite(value)) return;
    if (!passesDeadband(this.lastSent.get(metric), value, ts, rule)) return;
    this.lastSent.set(metric, { value, ts });
    this.points.push({ ts, metric, value });
  }

  take(): TelemetryPoint[][] {
    const chunks: TelemetryPoint[][] = [];
    for (let index = 0; index < this.points.length; index += MAX_ITEMS_PER_MESSAGE)
      chunks.push(this.points.slice(index, index + MAX_ITEMS_PER_MESSAGE));
    this.points = [];
    return chunks;
  }
}
