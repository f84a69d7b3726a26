import { DomainError } from '@convergent/shared-util-contracts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// Ids are UUIDs; anything else is a caller's mistake, named as such instead of a database error.
export function assertId(name: string, value: string): string {
  if (!UUID.test(value)) throw new DomainError('BAD_USER_INPUT', `${name} "${value}" is not an id (a UUID)`);
  return value;
}
