import { DomainError } from '@convergent/shared-util-contracts';
import type { MemberRole, Principal } from '@convergent/tenancy-data-access-auth';

// API keys have no member role: the guard has already held them to their scopes.
export function requireRole(principal: Principal, allowed: readonly MemberRole[], action: string): void {
  if (principal.apiKey) return;
  if (!allowed.includes(principal.role)) {
    throw new DomainError(
      'FORBIDDEN',
      `only ${allowed.join(' or ')} members may ${action}; you are ${principal.role}`,
    );
  }
}
