import type { Principal } from '@convergent/tenancy-data-access-auth';

// The part of the HTTP request the API reads; the guard attaches the verified principal.
export interface RequestContext {
  req: { headers: { authorization?: string }; principal?: Principal };
}
