// Deadband filtering: a sample is worth sending when it moved more than the deadband since the last
// one sent, or when nothing was sent for `maxSilenceMs` (so a flat signal still shows it is alive).

export interface DeadbandRule {
  // Absolute change that counts as a change; 0 sends every sample.
  deadband: number;
  maxSilenceMs: number;
}

export interface LastSent {
  value: number;
  ts: number;
}

export function passesDeadband(
  last: LastSent | undefined,
  value: number,
  ts: number,
  rule: DeadbandRule,
): boolean {
  if (last === undefined) return true;
  if (ts - last.ts >= rule.maxSilenceMs) return true;
  return rule.deadband === 0 || Math.abs(value - last.value) > rule.deadband;
}
