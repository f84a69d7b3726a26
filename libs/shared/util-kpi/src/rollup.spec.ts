import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { computeKpis, type Kpis } from './kpis';
import { sumQuantities, toQuantities } from './quantities';
import { machineResult, rollUp, type MachineKpiInput } from './rollup';
import { MIN, pruArb, quantitiesArb, timeArb, WORKED_QUANTITIES, WORKED_TIME } from './spec-helpers';
import { sumTimeElements, ZERO_TIME_ELEMENTS, type TimeElements } from './time-elements';

const busy = (pbtMin: number, aptMin: number): TimeElements => ({
  ...ZERO_TIME_ELEMENTS,
  pot: pbtMin * MIN,
  pbt: pbtMin * MIN,
  apt: aptMin * MIN,
  adet: (pbtMin - aptMin) * MIN,
  idle: (pbtMin - aptMin) * MIN,
});

const machineArb: fc.Arbitrary<MachineKpiInput> = fc.record({
  time: timeArb,
  quantities: quantitiesArb,
  idealCycleTimeMs: pruArb,
  failures: fc.option(fc.nat(20), { nil: null }),
});

const RATIOS: (keyof Kpis)[] = [
  'availability',
  'effectiveness',
  'quality',
  'oee',
  'technicalEfficiency',
  'setupRate',
  'scrapRatio',
  'reworkRatio',
  'unknownShare',
  'mtbfMs',
  'mttrMs',
];

const expectSameKpis = (actual: Kpis, expected: Kpis): void => {
  for (const key of RATIOS) {
    const a = actual[key];
    const e = expected[key];
    if (typeof e === 'number' && typeof a === 'number') expect(a).toBeCloseTo(e, 9);
    else expect([key, a]).toEqual([key, e]);
  }
};

describe('roll-up', () => {
  it('weights machines by their time, never averaging percentages', () => {
    // A short-shift machine at 100 % and a full-shift machine at 50 %: the line is 56.25 %, not 75 %.
    const line = rollUp([
      { time: busy(60, 60), quantities: toQuantities(0, 0, 0), idealCycleTimeMs: 1_000 },
      { time: busy(420, 210), quantities: toQuantities(0, 0, 0), idealCycleTimeMs: 1_000 },
    ]);
    expect(line.kpis.availability).toBeCloseTo(270 / 480, 12);
  });

  it('weights OEE by each machine ideal cycle time (PRU x GQ summed over PBT summed)', () => {
    const fast = { time: busy(480, 480), quantities: toQuantities(28_800, 0, 0), idealCycleTimeMs: 1_000 };
    const slow = { time: busy(480, 240), quantities: toQuantities(200, 20, 0), idealCycleTimeMs: 60_000 };
    const line = rollUp([fast, slow]);
    expect(line.idealGoodMs).toBe(28_800_000 + 180 * 60_000);
    expect(line.kpis.oee).toBeCloseTo((28_800_000 + 10_800_000) / (960 * MIN), 12);
    expect(line.kpis.effectiveness).toBeCloseTo((28_800_000 + 12_000_000) / (720 * MIN), 12);
  });

  it("leaves the group's OEE empty, and says why, when a producing machine has no ideal cycle time", () => {
    const line = rollUp([
      { time: WORKED_TIME, quantities: WORKED_QUANTITIES, idealCycleTimeMs: 1_500 },
      { time: WORKED_TIME, quantities: WORKED_QUANTITIES, idealCycleTimeMs: null },
    ]);
    expect([line.kpis.oee, line.kpis.idealCycleTimeMissing]).toEqual([null, true]);
    expect(line.kpis.availability).toBeCloseTo(380 / 420, 12);
  });

  it('adds failures so a roll-up has its own MTBF and MTTR', () => {
    const line = rollUp([
      { time: WORKED_TIME, quantities: WORKED_QUANTITIES, idealCycleTimeMs: 1_500, failures: 1 },
      { time: WORKED_TIME, quantities: WORKED_QUANTITIES, idealCycleTimeMs: 1_500, failures: 4 },
    ]);
    expect([line.failures, line.kpis.mtbfMs, line.kpis.mttrMs]).toEqual([5, 152 * MIN, 10 * MIN]);
  });

  it('of an empty group is all "not applicable"', () => {
    expect(rollUp([]).kpis.oee).toBeNull();
  });

  it('equals computing over the summed elements when machines share a PRU (property)', () => {
    fc.assert(
      fc.property(fc.array(machineArb, { maxLength: 6 }), pruArb, (machines, pru) => {
        const same = machines.map((m) => ({ ...m, idealCycleTimeMs: pru }));
        const time = sumTimeElements(same.map((m) => m.time));
        const quantities = sumQuantities(same.map((m) => m.quantities));
        const failures = same.some((m) => m.failures === null)
          ? null
          : same.reduce((s, m) => s + (m.failures ?? 0), 0);
        expectSameKpis(rollUp(same).kpis, computeKpis(time, quantities, pru, failures));
      }),
    );
  });

  it('gives the same answer machine -> line -> site as all machines at once, with OEE = sum PRU x GQ / sum PBT (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.array(machineArb, { maxLength: 4 }), { maxLength: 4 }), (lines) => {
        const machines = lines.flat();
        const flat = rollUp(machines);
        const nested = rollUp(lines.map((line) => rollUp(line.map(machineResult))));
        expect(nested.time).toEqual(flat.time);
        expect(nested.quantities).toEqual(flat.quantities);
        expectSameKpis(nested.kpis, flat.kpis);

        const pbt = machines.reduce((s, m) => s + m.time.pbt, 0);
        const missing = machines.some((m) => m.idealCycleTimeMs === null && m.quantities.gq !== 0);
        const idealGood = machines.reduce((s, m) => s + (m.idealCycleTimeMs ?? 0) * m.quantities.gq, 0);
        if (missing || pbt === 0) expect(flat.kpis.oee).toBeNull();
        else expect(flat.kpis.oee).toBeCloseTo(idealGood / pbt, 9);
      }),
    );
  });
});
