import { randomUUID } from 'node:crypto';
import {
  bearer,
  TEST_PASSWORD,
  type ApiHarness,
  type Caller,
  type GraphqlResult,
} from '../testing/api-harness';

// How to call each mutation validly, for the schema-generated suites (audit coverage, role
// matrix). A case prepares what the call needs (as the tenant's admin or straight in SQL) and
// returns the call itself, so a suite can measure exactly what the call did. Add one for every
// new mutation: the suites name the mutations that have none.
export type Invoke = () => Promise<GraphqlResult<Record<string, unknown>>>;
export type MutationCase = (h: ApiHarness, caller: Caller) => Promise<Invoke>;

const LOGIN_API = `mutation ($e: String!, $p: String!) { login(email: $e, password: $p, clientType: API) { accessToken refreshToken } }`;

async function apiSession(
  h: ApiHarness,
  caller: Caller,
): Promise<{ accessToken: string; refreshToken: string }> {
  const user = await h.createUser(caller.side, 'viewer');
  const data = await h.ok<{ login: { accessToken: string; refreshToken: string } }>(LOGIN_API, {
    e: user.email,
    p: TEST_PASSWORD,
  });
  return data.login;
}

// A call that needs nothing prepared.
const direct =
  (call: (h: ApiHarness, caller: Caller) => ReturnType<Invoke>): MutationCase =>
  (h, caller) =>
    Promise.resolve(() => call(h, caller));

export const MUTATION_CASES: Readonly<Record<string, MutationCase>> = {
  login: async (h, caller) => {
    const user = await h.createUser(caller.side, 'viewer');
    return () => h.gql(LOGIN_API, { e: user.email, p: TEST_PASSWORD });
  },
  refreshSession: async (h, caller) => {
    const { refreshToken } = await apiSession(h, caller);
    return () =>
      h.gql(`mutation ($t: String) { refreshSession(clientType: API, refreshToken: $t) { accessToken } }`, {
        t: refreshToken,
      });
  },
  logout: async (h, caller) => {
    const { refreshToken } = await apiSession(h, caller);
    return () => h.gql(`mutation ($t: String) { logout(refreshToken: $t) }`, { t: refreshToken });
  },
  changePassword: direct((h, caller) =>
    h.gql(
      `mutation ($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) }`,
      { c: TEST_PASSWORD, n: `another long passphrase ${randomUUID()}` },
      caller.headers,
    ),
  ),
  createProvisioningClaim: direct((h, caller) =>
    h.gql(
      `mutation ($s: ID!) { createProvisioningClaim(input: { siteId: $s }) { id token } }`,
      { s: caller.side.fixture.siteId },
      caller.headers,
    ),
  ),
  createApiKey: direct((h, caller) =>
    h.gql(
      `mutation ($input: CreateApiKeyInput!) { createApiKey(input: $input) { key apiKey { id } } }`,
      { input: { name: 'matrix', scopes: [{ domain: 'assets', access: 'READ' }] } },
      caller.headers,
    ),
  ),
  revokeApiKey: async (h, caller) => {
    const { id } = await h.createKey(caller.side, 'READ', ['assets']);
    return () =>
      h.gql(`mutation ($id: ID!) { revokeApiKey(id: $id) { id revokedAt } }`, { id }, caller.headers);
  },
  inviteUser: direct((h, caller) =>
    h.gql(
      `mutation ($input: InviteUserInput!) { inviteUser(input: $input) { id token } }`,
      { input: { email: `invitee-${randomUUID().slice(0, 8)}@example.com`, role: 'viewer' } },
      caller.headers,
    ),
  ),
  acceptInvitation: async (h, caller) => {
    const invited = await h.ok<{ inviteUser: { token: string } }>(
      `mutation ($input: InviteUserInput!) { inviteUser(input: $input) { token } }`,
      { input: { email: `joiner-${randomUUID().slice(0, 8)}@example.com`, role: 'viewer' } },
      bearer(caller.side.adminToken),
    );
    return () =>
      h.gql(
        `mutation ($t: String!, $p: String!) { acceptInvitation(token: $t, password: $p, name: "Joiner") { email } }`,
        { t: invited.inviteUser.token, p: 'a long enough passphrase' },
      );
  },
  updateMembership: async (h, caller) => {
    const target = await h.createUser(caller.side, 'viewer');
    return () =>
      h.gql(
        `mutation ($input: UpdateMembershipInput!) { updateMembership(input: $input) { role } }`,
        { input: { userId: target.userId, role: 'operator', siteIds: [caller.side.fixture.siteId] } },
        caller.headers,
      );
  },
  deactivateUser: async (h, caller) => {
    const target = await h.createUser(caller.side, 'operator');
    return () =>
      h.gql(
        `mutation ($id: ID!) { deactivateUser(userId: $id) { active } }`,
        { id: target.userId },
        caller.headers,
      );
  },
};

// The mutation fields of the running schema, to hold every registry above and in the suites to it.
export function mutationFields(h: ApiHarness): string[] {
  return Object.keys(h.schema.getMutationType()?.getFields() ?? {}).sort();
}
