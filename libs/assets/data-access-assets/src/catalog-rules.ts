import { DomainError } from '@convergent/shared-util-contracts';

// Input checks for products, reason codes and shift calendars: each names the field and the rule.

export function assertText(field: string, value: string, max = 120): string {
  const trimmed = value.trim();
  if (trimmed.length === 0 || trimmed.length > max)
    throw new DomainError('BAD_USER_INPUT', `${field} must be 1 to ${max} characters`);
  return trimmed;
}

export function assertCode(field: string, value: string): string {
  const code = value.trim();
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/.test(code))
    throw new DomainError(
      'BAD_USER_INPUT',
      `${field} must be 1 to 40 of A-Z a-z 0-9 . _ - (starting with a letter or digit)`,
    );
  return code;
}

export function assertIdealCycleTime(ms: number): number {
  if (!Number.isFinite(ms) || ms <= 0 || ms > 86_400_000)
    throw new DomainError(
      'BAD_USER_INPUT',
      'idealCycleTimeMs must be more than 0 and at most one day (86400000)',
    );
  return ms;
}

export function assertWallClock(field: string, value: string): string {
  if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(value))
    throw new DomainError(
      'BAD_USER_INPUT',
      `${field} must be a local time "HH:MM" (00:00 to 23:59), got "${value}"`,
    );
  return value;
}

export function assertDaysOfWeek(days: readonly number[]): number[] {
  const unique = [...new Set(days)].sort((x, y) => x - y);
  if (unique.length === 0 || unique.some((d) => !Number.isInteger(d) || d < 1 || d > 7))
    throw new DomainError(
      'BAD_USER_INPUT',
      'daysOfWeek must list ISO weekdays 1 (Monday) to 7 (Sunday), at least one',
    );
  return unique;
}

export function assertCrews(crews: readonly string[]): string[] {
  const trimmed = crews.map((crew) => crew.trim());
  if (trimmed.some((crew) => crew.length === 0 || crew.length > 40))
    throw new DomainError('BAD_USER_INPUT', 'each crew name must be 1 to 40 characters');
  if (new Set(trimmed).size !== trimmed.length)
    throw new DomainError('BAD_USER_INPUT', 'crew names must differ');
  return trimmed;
}

// A calendar date ("YYYY-MM-DD") that exists.
export function assertDate(field: string, value: string): Date {
  const date = new Date(`${value}T00:00:00Z`);
  if (
    !/^\d{4}-\d{2}-\d{2}$/.test(value) ||
    Number.isNaN(date.getTime()) ||
    date.toISOString().slice(0, 10) !== value
  )
    throw new DomainError('BAD_USER_INPUT', `${field} must be a date "YYYY-MM-DD", got "${value}"`);
  return date;
}

// The recurring part shared by shifts and planned stops: a named local time span on weekdays.
export function assertSlot(input: {
  name: string;
  startTime: string;
  endTime: string;
  daysOfWeek: readonly number[];
}): {
  name: string;
  startTime: string;
  endTime: string;
  daysOfWeek: number[];
} {
  return {
    name: assertText('name', input.name, 40),
    startTime: assertWallClock('startTime', input.startTime),
    endTime: assertWallClock('endTime', input.endTime),
    daysOfWeek: assertDaysOfWeek(input.daysOfWeek),
  };
}
