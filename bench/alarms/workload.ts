import {
  assertRuleDefinition,
  type EvaluationInput,
  type RuleDefinition,
} from '@convergent/alarms-util-rules';

const MIN = 60_000;

// A realistic mix for one machine: what a plant configures on a press or a spindle. Six rules,
// every feature of the engine in use (hysteresis, ranges with durations, rate of change, machine
// state durations, no-data with escalation and repeats, and an AND combination).
export const RULES: Array<{ name: string; definition: RuleDefinition }> = [
  {
    name: 'Overheat',
    definition: {
      v: 1,
      severity: 'major',
      condition: { kind: 'threshold', metric: 'temperature', op: '>', value: 85, hysteresis: 3 },
    },
  },
  {
    name: 'Pressure out of band',
    definition: {
      v: 1,
      severity: 'minor',
      condition: { kind: 'range', metric: 'pressure', min: 4, max: 8, hysteresis: 0.2 },
      forMs: 2 * MIN,
      clearForMs: MIN,
    },
  },
  {
    name: 'Temperature climbing fast',
    definition: {
      v: 1,
      severity: 'warning',
      condition: { kind: 'rate', metric: 'temperature', perMinuteAbove: 10 },
    },
  },
  {
    name: 'Down too long',
    definition: {
      v: 1,
      severity: 'major',
      condition: { kind: 'state', states: ['down'] },
      forMs: 10 * MIN,
      escalation: [{ afterMs: 30 * MIN, severity: 'critical' }],
    },
  },
  {
    name: 'Gateway silent',
    definition: {
      v: 1,
      severity: 'major',
      condition: { kind: 'noData', silentForMs: 5 * MIN },
      escalation: [{ afterMs: 15 * MIN, severity: 'critical' }],
      repeatEveryMs: 30 * MIN,
    },
  },
  {
    name: 'Hot while running',
    definition: {
      v: 1,
      severity: 'major',
      condition: {
        kind: 'all',
        conditions: [
          { kind: 'threshold', metric: 'vibration', op: '>', value: 7, hysteresis: 0.5 },
          { kind: 'state', states: ['running'] },
        ],
      },
      forMs: MIN,
    },
  },
].map((r) => ({ name: r.name, definition: assertRuleDefinition(r.definition) }));

// Deterministic samples: temperature drifting around 80 over hours with small noise (one
// excursion past 85 about every 2 h per machine), pressure around 6, vibration mostly calm with
// occasional bursts, a state change every 5 minutes. Alarm events are a small fraction of the
// evaluations, as on a healthy plant.
export function samplesFor(machine: number, count: number, start: number, stepMs: number): EvaluationInput[] {
  const out: EvaluationInput[] = [];
  let x = machine * 7919 + 1;
  const rnd = () => {
    x = (x * 48_271) % 2_147_483_647;
    return x / 2_147_483_647;
  };
  const states = ['running', 'running', 'running', 'idle', 'down', 'setup'] as const;
  for (let i = 0; i < count; i++) {
    const phase = Math.sin((i + machine * 97) / 1200);
    out.push({
      kind: 'sample',
      ts: start + i * stepMs,
      values: {
        temperature: 80 + 6 * phase + rnd() * 0.1,
        pressure: 6 + 2.1 * phase + rnd() * 0.05,
        vibration: 5 + 3 * rnd(),
      },
      ...(i % 300 === 0 ? { machineState: states[Math.floor(rnd() * states.length)] } : {}),
    });
  }
  return out;
}
