import { createHash } from 'node:crypto';
import { ApiHarness, bearer, TestClock, TEST_PASSWORD } from '../testing/api-harness';

const INVITE = `mutation ($input: InviteUserInput!) { inviteUser(input: $input) { id email role siteIds expiresAt token } }`;
const ACCEPT = `mutation ($t: String!, $p: String!, $n: String!) {
  acceptInvitation(token: $t, password: $p, name: $n) { email tenantName tenantSlug } }`;
const UPDATE = `mutation ($input: UpdateMembershipInput!) { updateMembership(input: $input) { userId role siteIds active } }`;
const DEACTIVATE = `mutation ($id: ID!) { deactivateUser(userId: $id) { userId active } }`;
const USERS = `{ users(first: 100) { edges { node { userId email name role siteIds active } } } }`;
const NEW_PASSWORD = 'a long new passphrase';

interface Invited {
  inviteUser: { id: string; email: string; token: string; expiresAt: string; siteIds: string[] | null };
}

describe('members and invitations', () => {
  const clock = new TestClock();
  let h: ApiHarness;
  const admin = () => bearer(h.a.adminToken);

  beforeAll(async () => {
    h = await ApiHarness.start({ redisUrl: process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379', clock });
  });

  afterAll(async () => {
    await h.stop();
  });

  const invite = (input: Record<string, unknown>) => h.gql<Invited>(INVITE, { input }, admin());
  const accept = (token: string, password: string, name = 'Nia New') =>
    h.gql<{ acceptInvitation: { email: string; tenantSlug: string } }>(ACCEPT, {
      t: token,
      p: password,
      n: name,
    });

  it('invites with a one-time token, stored hashed, that lets the new member set a password and sign in', async () => {
    const invited = (
      await invite({ email: ' Nia@Example.com ', role: 'technician', siteIds: [h.a.fixture.siteId] })
    ).data?.inviteUser;
    expect(invited).toMatchObject({ email: 'nia@example.com', siteIds: [h.a.fixture.siteId] });
    expect(new Date(invited?.expiresAt ?? 0).getTime()).toBe(clock.now().getTime() + 7 * 24 * 3600_000);
    const stored = await h.owner.query(`SELECT token_hash FROM invitations WHERE id = $1`, [invited?.id]);
    expect(stored.rows).toEqual([
      {
        token_hash: createHash('sha256')
          .update(invited?.token ?? '')
          .digest('hex'),
      },
    ]);

    for (const [password, message] of [
      ['short', 'at least 12 characters'],
      ['nia@example.com', 'must not be your e-mail'],
    ] as const) {
      const refused = await accept(invited?.token ?? '', password);
      expect(refused.errors?.[0]).toMatchObject({
        extensions: { code: 'BAD_USER_INPUT', field: 'password' },
      });
      expect(refused.errors?.[0]?.message).toContain(message);
    }
    expect((await accept(invited?.token ?? '', NEW_PASSWORD, '  ')).errors?.[0]?.message).toBe(
      'your name must have 1 to 100 characters',
    );

    const accepted = await accept(invited?.token ?? '', NEW_PASSWORD);
    expect(accepted.data?.acceptInvitation).toEqual({
      email: 'nia@example.com',
      tenantSlug: h.a.slug,
      tenantName: `Tenant ${h.a.slug}`,
    });
    const reused = await accept(invited?.token ?? '', NEW_PASSWORD);
    expect(reused.errors?.[0]).toMatchObject({
      message: 'this invitation was already used: sign in instead',
      extensions: { code: 'CONFLICT' },
    });

    const token = await h.login('nia@example.com', NEW_PASSWORD);
    const assets = await h.ok<{ assets: { edges: Array<{ node: { siteId: string } }> } }>(
      `{ assets { edges { node { siteId } } } }`,
      {},
      bearer(token),
    );
    expect(new Set(assets.assets.edges.map((edge) => edge.node.siteId))).toEqual(
      new Set([h.a.fixture.siteId]),
    );
    const users = await h.ok<{ users: { edges: Array<{ node: Record<string, unknown> }> } }>(
      USERS,
      {},
      admin(),
    );
    expect(users.users.edges.map((edge) => edge.node)).toContainEqual(
      expect.objectContaining({
        email: 'nia@example.com',
        name: 'Nia New',
        role: 'technician',
        active: true,
      }),
    );
    const found = await h.ok<{ users: { totalCount: number; edges: Array<{ node: { email: string } }> } }>(
      `query ($role: Role, $search: String) { users(role: $role, search: $search, active: true) {
        totalCount edges { node { email } } } }`,
      { role: 'technician', search: 'NIA new' },
      admin(),
    );
    expect(found.users).toEqual({ totalCount: 1, edges: [{ node: { email: 'nia@example.com' } }] });
  });

  it('refuses unknown and expired invitations, bad e-mails, unknown sites and existing members', async () => {
    expect((await accept('not-a-token', NEW_PASSWORD)).errors?.[0]).toMatchObject({
      message: 'this invitation is not valid: check the link, or ask for a new one',
      extensions: { code: 'NOT_FOUND' },
    });
    const invited = (await invite({ email: 'late@example.com', role: 'viewer' })).data?.inviteUser;
    clock.advance(7 * 24 * 3600_000);
    await h.renewAdminTokens();
    const late = await accept(invited?.token ?? '', NEW_PASSWORD);
    expect(late.errors?.[0]?.message).toBe(
      `this invitation expired at ${invited?.expiresAt}: ask your administrator for a new one`,
    );

    expect((await invite({ email: 'no-at-sign', role: 'viewer' })).errors?.[0]).toMatchObject({
      message: '"no-at-sign" is not an e-mail address',
      extensions: { code: 'BAD_USER_INPUT', field: 'email' },
    });
    expect(
      (await invite({ email: 'x@example.com', role: 'viewer', siteIds: [h.b.fixture.siteId] })).errors?.[0],
    ).toMatchObject({
      message: `no site with id "${h.b.fixture.siteId}"`,
      extensions: { code: 'NOT_FOUND' },
    });
    expect(
      (await invite({ email: 'x@example.com', role: 'viewer', siteIds: [] })).errors?.[0]?.message,
    ).toContain('siteIds is empty');
    expect((await invite({ email: h.a.admin.email, role: 'viewer' })).errors?.[0]).toMatchObject({
      message: `${h.a.admin.email} is already a member of this tenant`,
      extensions: { code: 'CONFLICT' },
    });
  });

  it('lets someone with an account elsewhere join with their own password, never replacing it', async () => {
    const elsewhere = await h.createUser(h.b, 'operator');
    const invited = (await invite({ email: elsewhere.email, role: 'viewer' })).data?.inviteUser;
    const wrong = await accept(invited?.token ?? '', 'someone-elses-password');
    expect(wrong.errors?.[0]).toMatchObject({
      message: `${elsewhere.email} already has an account: enter its current password to join`,
      extensions: { code: 'BAD_USER_INPUT' },
    });
    expect((await accept(invited?.token ?? '', TEST_PASSWORD)).data?.acceptInvitation.tenantSlug).toBe(
      h.a.slug,
    );
    // Still the same password, now for both tenants.
    const both = await h.gql<{ login: { tenantName: string } }>(
      `mutation ($e: String!, $p: String!, $s: String) { login(email: $e, password: $p, tenantSlug: $s) { tenantName } }`,
      { e: elsewhere.email, p: TEST_PASSWORD, s: h.a.slug },
    );
    expect(both.data?.login.tenantName).toBe(`Tenant ${h.a.slug}`);
  });

  it('counts wrong passwords on acceptInvitation against the account lockout, so it is no guessing oracle', async () => {
    const victim = await h.createUser(h.b, 'operator');
    const invited = (await invite({ email: victim.email, role: 'viewer' })).data?.inviteUser;
    const codes: string[] = [];
    for (let i = 0; i < 8; i++)
      codes.push(
        (await accept(invited?.token ?? '', `guess-number-${i}`)).errors?.[0]?.extensions.code ?? 'OK',
      );
    expect(codes).toEqual([
      ...Array<string>(5).fill('BAD_USER_INPUT'),
      ...Array<string>(3).fill('RATE_LIMITED'),
    ]);
    // The lock is the account's: signing in waits too, and so does the right password here.
    expect((await accept(invited?.token ?? '', TEST_PASSWORD)).errors?.[0]).toMatchObject({
      message: expect.stringMatching(
        /^too many wrong passwords for this account: try again in 15 minutes/,
      ) as string,
      extensions: { code: 'RATE_LIMITED', retryAfterSeconds: 15 * 60 },
    });
    const signIn = await h.gql(
      `mutation ($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }`,
      {
        e: victim.email,
        p: TEST_PASSWORD,
      },
    );
    expect(signIn.errors?.[0]?.extensions.code).toBe('RATE_LIMITED');
    clock.advance(15 * 60_000);
    await h.renewAdminTokens();
    expect((await accept(invited?.token ?? '', TEST_PASSWORD)).data?.acceptInvitation.tenantSlug).toBe(
      h.a.slug,
    );
  });

  it('changes roles and sites, and only admins may', async () => {
    const member = await h.createUser(h.a, 'viewer');
    const updated = await h.gql<{ updateMembership: Record<string, unknown> }>(
      UPDATE,
      { input: { userId: member.userId, role: 'operator', siteIds: [h.a.fixture.siteId] } },
      admin(),
    );
    expect(updated.data?.updateMembership).toEqual({
      userId: member.userId,
      role: 'operator',
      siteIds: [h.a.fixture.siteId],
      active: true,
    });
    const audit = await h.owner.query(`SELECT action, before, after FROM audit_log WHERE entity_id = $1`, [
      member.userId,
    ]);
    expect(audit.rows).toEqual([
      {
        action: 'membership.update',
        before: { email: member.email, role: 'viewer', siteIds: null, active: true },
        after: { email: member.email, role: 'operator', siteIds: [h.a.fixture.siteId], active: true },
      },
    ]);
    expect(
      (await h.gql(UPDATE, { input: { userId: 'not-an-id', role: 'viewer' } }, admin())).errors?.[0],
    ).toMatchObject({ message: 'no member with user id "not-an-id"', extensions: { code: 'NOT_FOUND' } });
    const operator = await h.caller(h.a, 'operator');
    expect(
      (await h.gql(UPDATE, { input: { userId: member.userId, role: 'admin' } }, operator.headers))
        .errors?.[0],
    ).toMatchObject({
      message: 'only admin members may change memberships; you are operator',
      extensions: { code: 'FORBIDDEN' },
    });
  });

  it('deactivates a member: their token, refresh token and sign-in stop working here', async () => {
    const member = await h.createUser(h.a, 'operator');
    const session = await h.ok<{ login: { accessToken: string; refreshToken: string } }>(
      `mutation ($e: String!, $p: String!) { login(email: $e, password: $p, clientType: API) { accessToken refreshToken } }`,
      { e: member.email, p: TEST_PASSWORD },
    );
    const result = await h.gql<{ deactivateUser: { active: boolean } }>(
      DEACTIVATE,
      { id: member.userId },
      admin(),
    );
    expect(result.data?.deactivateUser.active).toBe(false);
    expect(
      (await h.gql(`{ assets { totalCount } }`, {}, bearer(session.login.accessToken))).errors?.[0],
    ).toMatchObject({
      message: 'your access to this tenant was removed: sign in again',
      extensions: { code: 'UNAUTHENTICATED' },
    });
    const refreshed = await h.gql(
      `mutation ($t: String) { refreshSession(clientType: API, refreshToken: $t) { accessToken } }`,
      {
        t: session.login.refreshToken,
      },
    );
    expect(refreshed.errors?.[0]?.extensions.code).toBe('UNAUTHENTICATED');
    const signIn = await h.gql(
      `mutation ($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }`,
      {
        e: member.email,
        p: TEST_PASSWORD,
      },
    );
    expect(signIn.errors?.[0]).toMatchObject({ extensions: { code: 'FORBIDDEN' } });
    expect((await h.gql(DEACTIVATE, { id: member.userId }, admin())).errors?.[0]?.extensions.code).toBe(
      'CONFLICT',
    );
  });

  it('never removes the last admin, even when two admins demote each other at once', async () => {
    const side = h.b;
    const only = bearer(side.adminToken);
    const lastAdmin = 'cannot demote the last admin of this tenant: make another member admin first';
    expect(
      (await h.gql(UPDATE, { input: { userId: side.admin.userId, role: 'viewer' } }, only)).errors?.[0],
    ).toMatchObject({
      message: lastAdmin,
      extensions: { code: 'CONFLICT' },
    });
    expect((await h.gql(DEACTIVATE, { id: side.admin.userId }, only)).errors?.[0]?.message).toBe(
      'cannot deactivate the last admin of this tenant: make another member admin first',
    );

    const second = await h.createUser(side, 'admin');
    const secondToken = bearer(await h.login(second.email));
    const results = await Promise.all([
      h.gql(UPDATE, { input: { userId: second.userId, role: 'viewer' } }, only),
      h.gql(UPDATE, { input: { userId: side.admin.userId, role: 'viewer' } }, secondToken),
    ]);
    expect(results.filter((r) => r.errors === undefined)).toHaveLength(1);
    // The loser is refused either as the last admin's demotion or, when the other demotion landed
    // first, because its caller is no longer an admin; both leave exactly one admin.
    const refusals = results.flatMap((r) => r.errors ?? []).map((error) => error.extensions.code);
    expect(refusals).toHaveLength(1);
    expect(['CONFLICT', 'FORBIDDEN']).toContain(refusals[0]);
    const admins = await h.owner.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM memberships WHERE tenant_id = $1 AND role = 'admin' AND deactivated_at IS NULL`,
      [side.fixture.tenantId],
    );
    expect(admins.rows[0]?.n).toBe(1);
  });
});
