import { kpisFromTotals, machineTotals, type KpiTotals, type Kpis } from './kpis';
import { sumQuantities, type Quantities } from './quantities';
import { sumTimeElements, type TimeElements } from './time-elements';

export interface MachineKpiInput {
  time: TimeElements;
  quantities: Quantities;
  idealCycleTimeMs: number | null;
  failures?: number | null;
}

export interface KpiResult extends KpiTotals {
  kpis: Kpis;
}

export function machineResult(input: MachineKpiInput): KpiResult {
  const totals = machineTotals(input.time, input.quantities, input.idealCycleTimeMs, input.failures ?? null);
  return { ...totals, kpis: kpisFromTotals(totals) };
}

function sumNullable(values: readonly (number | null)[]): number | null {
  let sum = 0;
  for (const value of values) {
    if (value === null) return null;
    sum += value;
  }
  return sum;
}

// Children are machines (with their PRU) or results of lower roll-ups, so line -> area -> site
// -> enterprise gives the same numbers as rolling all machines up at once. Percentages are never
// averaged: time, quantities and ideal times are summed and the formulas applied to the sums.
export function rollUp(children: readonly (MachineKpiInput | KpiTotals)[]): KpiResult {
  const totals = children.map((child) =>
    'idealCycleTimeMs' in child
      ? machineTotals(child.time, child.quantities, child.idealCycleTimeMs, child.failures ?? null)
      : child,
  );
  const sum: KpiTotals = {
    time: sumTimeElements(totals.map((t) => t.time)),
    quantities: sumQuantities(totals.map((t) => t.quantities)),
    idealProductionMs: sumNullable(totals.map((t) => t.idealProductionMs)),
    idealGoodMs: sumNullable(totals.map((t) => t.idealGoodMs)),
    failures: sumNullable(totals.map((t) => t.failures)),
  };
  return { ...sum, kpis: kpisFromTotals(sum) };
}
