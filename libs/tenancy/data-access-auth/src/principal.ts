import type { AuditActor } from '@convergent/platform-data-access-db';
import type { ApiScope } from './api-key-scopes';

export type MemberRole = 'admin' | 'operator' | 'technician' | 'viewer';

// A partner's API key: it acts within its tenant, as far as its scopes reach.
export interface ApiKeyGrant {
  id: string;
  scopes: readonly ApiScope[];
}

// Who is asking, resolved once per request from a verified credential. The tenant comes from
// here and only from here, never from a query argument.
export interface Principal {
  // null when an API key is asking: a key is nobody's session.
  userId: string | null;
  tenantId: string;
  // For an API key, 'viewer': its scopes, checked by the API's guard, are what authorise it.
  role: MemberRole;
  // null: every site of the tenant; otherwise the only sites this user may see.
  siteIds: readonly string[] | null;
  // The signed-in session (refresh-token family), when the credential carries one.
  sessionId?: string;
  apiKey?: ApiKeyGrant;
}

// The actor that audit entries name for this principal.
export function auditActorOf(principal: Principal): AuditActor {
  return { userId: principal.userId, apiKeyId: principal.apiKey?.id ?? null };
}
