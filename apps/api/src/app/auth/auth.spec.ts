import { createHash, randomUUID } from 'node:crypto';
import { Client } from 'pg';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { hashPassword } from '@convergent/tenancy-data-access-auth';
import {
  createTenantFixture,
  createTestDatabase,
  type TenantFixture,
  type TestDatabase,
} from '@convergent/platform-data-access-testing';
import { AppModule } from '../app.module';
import { apiConfigSchema, type ApiConfig } from '../api-config';
import { CLOCK } from './auth.tokens';
import { TestClock } from '../testing/api-harness';

interface GraphqlError {
  message: string;
  extensions: { code: string; retryAt?: string; retryAfterSeconds?: number };
}

interface GraphqlResult<T> {
  data?: T | null;
  errors?: GraphqlError[];
  setCookie: string[];
}

interface Session {
  accessToken: string;
  refreshToken: string | null;
}

const PASSWORD = 'secret-password';
const MINUTE = 60_000;
const SESSION_FIELDS = 'accessToken refreshToken';

describe('authentication', () => {
  let testDb: TestDatabase;
  let owner: Client;
  let app: INestApplication;
  let url: string;
  let tenant: TenantFixture;
  let config: ApiConfig;
  const clock = new TestClock();

  async function gql<T>(
    query: string,
    variables: Record<string, unknown> = {},
    headers: Record<string, string> = {},
  ): Promise<GraphqlResult<T>> {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data?: T | null; errors?: GraphqlError[] };
    return { ...body, setCookie: response.headers.getSetCookie() };
  }

  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

  async function login(email: string, password = PASSWORD, clientType = 'API') {
    return gql<{ login: Session }>(
      `mutation ($email: String!, $password: String!, $clientType: ClientType!) {
         login(email: $email, password: $password, clientType: $clientType) { ${SESSION_FIELDS} } }`,
      { email, password, clientType },
    );
  }

  async function signedIn(email: string, password = PASSWORD): Promise<Session> {
    const result = await login(email, password);
    if (!result.data) throw new Error(JSON.stringify(result.errors));
    return result.data.login;
  }

  async function refresh(refreshToken: string) {
    return gql<{ refreshSession: Session }>(
      `mutation ($t: String) { refreshSession(clientType: API, refreshToken: $t) { ${SESSION_FIELDS} } }`,
      { t: refreshToken },
    );
  }

  async function me(accessToken: string) {
    return gql<{ assets: { totalCount: number } }>(`{ assets { totalCount } }`, {}, bearer(accessToken));
  }

  async function createUser(email: string): Promise<void> {
    const user = await owner.query<{ id: string }>(
      `INSERT INTO users (id, email, display_name, password_hash) VALUES (gen_random_uuid(), $1, $1, $2) RETURNING id`,
      [email, await hashPassword(PASSWORD)],
    );
    await owner.query(
      `INSERT INTO memberships (id, tenant_id, user_id, role) VALUES (gen_random_uuid(), $1, $2, 'operator')`,
      [tenant.tenantId, user.rows[0]?.id],
    );
  }

  beforeAll(async () => {
    testDb = await createTestDatabase();
    tenant = await createTenantFixture(testDb.ownerUrl);
    owner = new Client({ connectionString: testDb.ownerUrl });
    await owner.connect();
    for (const name of ['rose', 'rex', 'lou', 'lee', 'cora', 'ivy', 'tom'])
      await createUser(`${name}@a.example`);
    config = apiConfigSchema.parse({
      DATABASE_URL: testDb.appUrl,
      AUTH_TOKEN_SECRET: 'test-secret-test-secret-test-secret-0123',
      // Rate-limit windows of this run's own on the shared Redis.
      REDIS_URL: process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379',
      RATE_LIMIT_PREFIX: `test-${randomUUID()}`,
      NODE_ENV: 'test',
    });
    app = await startReplica();
    url = `${await app.getUrl()}/graphql`;
  });

  // One more API process on the same database and Redis, as behind a load balancer.
  async function startReplica(): Promise<INestApplication> {
    const moduleRef = await Test.createTestingModule({ imports: [AppModule.forConfig(config)] })
      .overrideProvider(CLOCK)
      .useValue(clock)
      .compile();
    const replica = moduleRef.createNestApplication({ logger: false });
    await replica.listen(0, '127.0.0.1');
    return replica;
  }

  // Every test starts an hour later: the address window (10 min) and account locks (15 min) of
  // earlier tests are over.
  beforeEach(() => clock.advance(60 * MINUTE));

  afterAll(async () => {
    await app.close();
    await owner.end();
    await testDb.drop();
  });

  describe('refresh tokens', () => {
    it('rotates: each refresh returns a new access token and a new refresh token', async () => {
      const first = await signedIn('rose@a.example');
      expect(first.refreshToken).toMatch(/^[\w-]{43}$/);
      // Only the hash is stored, with a 30-day expiry.
      const stored = await owner.query<{ token_hash: string; expires_at: Date }>(
        `SELECT token_hash, expires_at FROM refresh_tokens WHERE token_hash = $1`,
        [
          createHash('sha256')
            .update(first.refreshToken ?? '')
            .digest('hex'),
        ],
      );
      expect(stored.rows).toHaveLength(1);
      expect(stored.rows[0]?.expires_at.getTime()).toBe(clock.now().getTime() + 30 * 24 * 60 * MINUTE);

      const second = (await refresh(first.refreshToken ?? '')).data?.refreshSession;
      const third = (await refresh(second?.refreshToken ?? '')).data?.refreshSession;
      expect(new Set([first.refreshToken, second?.refreshToken, third?.refreshToken]).size).toBe(3);
      expect((await me(third?.accessToken ?? '')).data?.assets.totalCount).toBeGreaterThan(0);
      const family = await owner.query<{ n: number; rotated: number }>(
        `SELECT count(*)::int AS n, count(rotated_at)::int AS rotated FROM refresh_tokens
         WHERE family_id = (SELECT family_id FROM refresh_tokens WHERE token_hash = $1)`,
        [
          createHash('sha256')
            .update(third?.refreshToken ?? '')
            .digest('hex'),
        ],
      );
      expect(family.rows[0]).toEqual({ n: 3, rotated: 2 });
    });

    it('gives a browser the token only as a strict httpOnly cookie, refreshed with the CSRF header', async () => {
      const signIn = await login('rose@a.example', PASSWORD, 'BROWSER');
      expect(signIn.data?.login.refreshToken).toBeNull();
      const setCookie = signIn.setCookie.join('\n');
      expect(setCookie).toMatch(
        /^convergent_refresh=[\w-]{43}; Path=\/graphql; Expires=.+; HttpOnly; SameSite=Strict$/,
      );
      const cookie = setCookie.split(';')[0] ?? '';

      const withoutHeader = await gql(`mutation { refreshSession { accessToken } }`, {}, { cookie });
      expect(withoutHeader.errors?.[0]).toMatchObject({
        message: expect.stringContaining('x-convergent-csrf: 1') as string,
        extensions: { code: 'FORBIDDEN' },
      });

      const refreshed = await gql<{ refreshSession: Session }>(
        `mutation { refreshSession { ${SESSION_FIELDS} } }`,
        {},
        { cookie, 'x-convergent-csrf': '1' },
      );
      expect(refreshed.data?.refreshSession.refreshToken).toBeNull();
      expect(refreshed.setCookie[0]).toMatch(/^convergent_refresh=[\w-]{43};/);
      expect(refreshed.setCookie[0]?.split(';')[0]).not.toBe(cookie);
      expect((await me(refreshed.data?.refreshSession.accessToken ?? '')).errors).toBeUndefined();
    });

    it('ends the whole family when a rotated token is used again: the newest token stops working too', async () => {
      const first = await signedIn('rex@a.example');
      const second = (await refresh(first.refreshToken ?? '')).data?.refreshSession;
      expect(second?.refreshToken).toBeTruthy();

      const replay = await refresh(first.refreshToken ?? '');
      expect(replay.errors?.[0]).toMatchObject({
        message: expect.stringMatching(/session was ended for safety/) as string,
        extensions: { code: 'UNAUTHENTICATED' },
      });
      const newest = await refresh(second?.refreshToken ?? '');
      expect(newest.errors?.[0]).toMatchObject({
        message: 'this session has ended: sign in again',
        extensions: { code: 'UNAUTHENTICATED' },
      });
      // A session started separately is not affected.
      expect((await refresh((await signedIn('rex@a.example')).refreshToken ?? '')).errors).toBeUndefined();
    });

    it('refuses an unknown and an expired refresh token', async () => {
      expect((await refresh('not-a-token')).errors?.[0]?.extensions.code).toBe('UNAUTHENTICATED');
      const session = await signedIn('rex@a.example');
      clock.advance(31 * 24 * 60 * MINUTE);
      expect((await refresh(session.refreshToken ?? '')).errors?.[0]).toMatchObject({
        message: 'this session has expired: sign in again',
        extensions: { code: 'UNAUTHENTICATED' },
      });
    });
  });

  describe('logout', () => {
    it('ends the session and clears the cookie', async () => {
      const session = await signedIn('lou@a.example');
      const result = await gql<{ logout: boolean }>(`mutation ($t: String) { logout(refreshToken: $t) }`, {
        t: session.refreshToken,
      });
      expect(result.data?.logout).toBe(true);
      expect(result.setCookie[0]).toMatch(/^convergent_refresh=; Path=\/graphql; Expires=Thu, 01 Jan 1970/);
      expect((await refresh(session.refreshToken ?? '')).errors?.[0]).toMatchObject({
        message: 'this session has ended: sign in again',
      });
      // Signing out again is not an error.
      expect((await gql<{ logout: boolean }>(`mutation { logout }`)).data?.logout).toBe(true);
    });
  });

  describe('changePassword', () => {
    const change = (token: string, currentPassword: string, newPassword: string) =>
      gql<{ changePassword: boolean }>(
        `mutation ($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) }`,
        { c: currentPassword, n: newPassword },
        bearer(token),
      );

    it('enforces the policy with a clear message', async () => {
      const session = await signedIn('lee@a.example');
      for (const [current, next, message] of [
        [PASSWORD, 'too-short', 'at least 12 characters'],
        [PASSWORD, 'LEE@A.example ', 'not be your e-mail'],
        ['wrong-current-password', 'a long new passphrase', 'the current password is wrong'],
      ] as const) {
        const result = await change(session.accessToken, current, next);
        expect(result.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
        expect(result.errors?.[0]?.message).toContain(message);
      }
      expect(
        (await change('not.a.token', PASSWORD, 'a long new passphrase')).errors?.[0]?.extensions.code,
      ).toBe('UNAUTHENTICATED');
    });

    it('replaces the password and ends every other session, keeping this one', async () => {
      const other = await signedIn('cora@a.example');
      const current = await signedIn('cora@a.example');
      const result = await change(current.accessToken, PASSWORD, 'a long new passphrase');
      expect(result.data?.changePassword).toBe(true);

      expect((await login('cora@a.example')).errors?.[0]?.extensions.code).toBe('UNAUTHENTICATED');
      expect((await login('cora@a.example', 'a long new passphrase')).data?.login.accessToken).toBeTruthy();
      expect((await refresh(other.refreshToken ?? '')).errors?.[0]).toMatchObject({
        message: 'this session has ended: sign in again',
      });
      expect((await refresh(current.refreshToken ?? '')).data?.refreshSession.accessToken).toBeTruthy();
    });
  });

  describe('login throttling', () => {
    it('locks an account after 5 failures in a batch of 100, refuses even the right password, and lets it in after 15 minutes', async () => {
      const codes: string[] = [];
      for (let i = 0; i < 100; i++) {
        const result = await login('ivy@a.example', `guess-${i}`);
        codes.push(result.errors?.[0]?.extensions.code ?? 'OK');
      }
      expect(codes.slice(0, 5)).toEqual(Array(5).fill('UNAUTHENTICATED'));
      expect(codes.slice(5)).toEqual(Array(95).fill('RATE_LIMITED'));

      const whileLocked = await login('ivy@a.example');
      const wrongWhileLocked = await login('ivy@a.example', 'still-guessing');
      // The same answer whatever the password: a locked account is no oracle.
      expect(whileLocked.errors?.[0]?.message).toBe(wrongWhileLocked.errors?.[0]?.message);
      expect(whileLocked.errors?.[0]).toMatchObject({
        message: expect.stringMatching(
          /^this account is locked .*: try again in 15 minutes \(at \d\d:\d\d:\d\d UTC\)$/,
        ) as string,
        extensions: { code: 'RATE_LIMITED', retryAfterSeconds: 15 * 60 },
      });

      clock.advance(15 * MINUTE - 1000);
      expect((await login('ivy@a.example')).errors?.[0]?.extensions.code).toBe('RATE_LIMITED');
      clock.advance(1000);
      expect((await login('ivy@a.example')).data?.login.accessToken).toBeTruthy();
    });

    it('resets the count after a success, so a real user is not locked by old typos', async () => {
      for (let round = 0; round < 3; round++) {
        for (let i = 0; i < 4; i++) await login('tom@a.example', 'typo');
        expect((await login('tom@a.example')).data?.login.accessToken).toBeTruthy();
      }
    });

    it('counts a parallel burst before checking passwords, so it cannot slip past the lock', async () => {
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) => login('rex@a.example', `burst-${i}`)),
      );
      const codes = results.map((r) => r.errors?.[0]?.extensions.code);
      expect(codes.filter((c) => c === 'UNAUTHENTICATED')).toHaveLength(5);
      expect(codes.filter((c) => c === 'RATE_LIMITED')).toHaveLength(15);
    });

    it('throttles an address after 20 failures across accounts, even for a right password', async () => {
      for (let i = 0; i < 20; i++) {
        const result = await login(`nobody-${i}@a.example`, 'guess');
        expect(result.errors?.[0]).toMatchObject({
          message: 'e-mail or password is wrong',
          extensions: { code: 'UNAUTHENTICATED' },
        });
      }
      const blocked = await login('rose@a.example');
      expect(blocked.errors?.[0]).toMatchObject({
        message: expect.stringMatching(
          /^too many failed sign-ins from your network address: try again in 10 minutes/,
        ) as string,
        extensions: { code: 'RATE_LIMITED' },
      });
      clock.advance(10 * MINUTE);
      expect((await login('rose@a.example')).data?.login.accessToken).toBeTruthy();
    });
  });

  describe('login throttling across replicas', () => {
    it('answers a batch of 100 guesses from one address, spread over two replicas, with 20 failures and then RATE_LIMITED', async () => {
      const replica = await startReplica();
      const replicaUrl = `${await replica.getUrl()}/graphql`;
      try {
        const answers: GraphqlError[] = [];
        for (let i = 0; i < 100; i++) {
          const response = await fetch(i % 2 === 0 ? url : replicaUrl, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({
              query: `mutation ($e: String!) { login(email: $e, password: "guess", clientType: API) { accessToken } }`,
              variables: { e: `sprayed-${i}@a.example` },
            }),
          });
          const body = (await response.json()) as { errors: GraphqlError[] };
          answers.push(body.errors[0] as GraphqlError);
        }
        expect(answers.slice(0, 20).map((a) => a.extensions.code)).toEqual(Array(20).fill('UNAUTHENTICATED'));
        const retryAt = new Date(clock.now().getTime() + 10 * MINUTE).toISOString();
        for (const answer of answers.slice(20))
          expect(answer).toEqual({
            message: `too many failed sign-ins from your network address: try again in 10 minutes (at ${retryAt.slice(11, 19)} UTC)`,
            path: ['login'],
            extensions: { code: 'RATE_LIMITED', httpStatus: 429, retryAt, retryAfterSeconds: 600 },
          });
      } finally {
        await replica.close();
      }
    });
  });

  describe('access tokens', () => {
    it('answers a malformed token with UNAUTHENTICATED', async () => {
      for (const token of ['garbage', 'a.b.c', 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.']) {
        expect((await me(token)).errors?.[0]).toMatchObject({
          message: 'the access token is invalid: sign in again',
          extensions: { code: 'UNAUTHENTICATED' },
        });
      }
    });

    it('answers an expired token with UNAUTHENTICATED', async () => {
      const { accessToken } = await signedIn('rose@a.example');
      expect((await me(accessToken)).errors).toBeUndefined();
      clock.advance(16 * MINUTE);
      expect((await me(accessToken)).errors?.[0]).toMatchObject({
        message: 'the access token has expired: sign in again',
        extensions: { code: 'UNAUTHENTICATED' },
      });
    });
  });
});
