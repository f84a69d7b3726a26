import {
  countFailures,
  countsToIncrements,
  machineResult,
  quantitiesFromIncrements,
  shiftWindows,
  timeElementsForBucket,
  type Interval,
  type KpiResult,
} from '@convergent/shared-util-kpi';
import type { MachineHourInputs } from './machine-hour-inputs.repository';

// A state that is not repeated for this long becomes unknown time: the edge agent re-sends the
// current state well within it, so silence means the gateway or the machine link is gone.
export const STALE_STATE_AFTER_MS = 15 * 60_000;

const DAY = 86_400_000;

// Pure: one machine-hour's KPI result from its inputs. An hour in progress is computed "so far":
// its time elements cover the elapsed part only, so availability means the same as for a closed hour.
export function computeMachineHour(inputs: MachineHourInputs, fullHour: Interval, now: Date): KpiResult {
  if (now <= fullHour.start)
    throw new RangeError(`the hour starting ${fullHour.start.toISOString()} has not begun`);
  const hour = { start: fullHour.start, end: new Date(Math.min(now.getTime(), fullHour.end.getTime())) };
  const plannedOperation: Interval[] = [];
  const plannedStops: Interval[] = [...inputs.oneOffPlannedStops];
  if (inputs.calendar) {
    // Night shifts that started yesterday reach into this hour, so expand the schedule by a day.
    const schedule = shiftWindows(
      inputs.calendar,
      { start: new Date(hour.start.getTime() - DAY), end: new Date(hour.end.getTime() + DAY) },
      inputs.timeZone,
    );
    plannedOperation.push(...schedule.shifts);
    plannedStops.push(...schedule.plannedStops);
  } else {
    plannedOperation.push(hour);
  }
  const timeInput = {
    bucket: hour,
    plannedOperation,
    plannedStops,
    samples: inputs.samples,
    dataUntil: hour.end,
    staleAfterMs: STALE_STATE_AFTER_MS,
  };
  const increments = [...inputs.increments, ...countsToIncrements(inputs.cumulative, { modulus: 2 ** 32 })];
  return machineResult({
    time: timeElementsForBucket(timeInput),
    quantities: quantitiesFromIncrements(increments, hour),
    idealCycleTimeMs: inputs.idealCycleTimeMs,
    failures: countFailures(timeInput),
  });
}
