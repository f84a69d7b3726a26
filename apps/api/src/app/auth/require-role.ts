import { DomainError } from '@convergent/shared-util-contracts';
import type { MemberRole, Principal } from '@convergent/tenancy-data-access-auth';

export function requireRole(principal: Principal, allowed: readonly MemberRole[], action: string): void {
  if (!allowed.includes(principal.role)) {
    throw new DomainError(
      'FORBIDDEN',
      `only ${allowed.join(' or ')} members may ${action}; you are ${principal.role}`,
    );
  }
}
