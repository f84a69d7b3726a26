import type { AuditActor } from '@convergent/platform-data-access-db';
import type { Principal } from '@convergent/tenancy-data-access-auth';

// Who an audit entry names for a change made through the API.
export function auditActor(principal: Principal): AuditActor {
  return { userId: principal.userId };
}
