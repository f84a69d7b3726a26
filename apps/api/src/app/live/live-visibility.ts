import type { LiveEvent, LiveEventType } from '@convergent/shared-util-contracts';
import type { Principal } from '@convergent/tenancy-data-access-auth';

// A subscriber receives an event only from their own tenant and from a site they may see; the
// optional site filter narrows further, never widens.
export function deliverable(
  principal: Principal,
  event: LiveEvent,
  type: LiveEventType,
  siteId?: string | null,
): boolean {
  return (
    event.type === type &&
    event.tenantId === principal.tenantId &&
    (principal.siteIds === null || principal.siteIds.includes(event.siteId)) &&
    (!siteId || event.siteId === siteId)
  );
}
