import { DomainError } from '@convergent/shared-util-contracts';

// One set of messages for every KPI range argument: unreadable, reversed, or too long.
export function assertRange(from: Date, to: Date, maxMs: number, tooLong: string): void {
  if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime()))
    throw new DomainError('BAD_USER_INPUT', 'from and to must be ISO 8601 date-times');
  if (to <= from) throw new DomainError('BAD_USER_INPUT', '"to" must be after "from"');
  if (to.getTime() - from.getTime() > maxMs) throw new DomainError('BAD_USER_INPUT', tooLong);
}
