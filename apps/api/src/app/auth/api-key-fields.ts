import type { ApiDomain } from '@convergent/tenancy-data-access-auth';

// Which domain scope each root field needs of an API key; queries and subscriptions need read,
// mutations read-write. A field missing here is closed to API keys (deny by default): sign-in,
// password changes and the minting of keys stay with signed-in people, so a leaked key cannot
// make itself permanent.
export const API_KEY_FIELD_DOMAINS: Readonly<Record<string, ApiDomain>> = {
  assets: 'assets',
  machineKpis: 'kpi',
  assetKpis: 'kpi',
  createProvisioningClaim: 'fleet',
  users: 'admin',
  inviteUser: 'admin',
  updateMembership: 'admin',
  deactivateUser: 'admin',
  auditLog: 'admin',
  apiKeys: 'admin',
};
