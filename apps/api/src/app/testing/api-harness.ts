import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import type { INestApplication } from '@nestjs/common';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { ensureLocalPki } from '@convergent/platform-data-access-iot';
import { Test } from '@nestjs/testing';
import type { GraphQLSchema } from 'graphql';
import { hashPassword, systemClock, type Clock, type MemberRole } from '@convergent/tenancy-data-access-auth';
import {
  createTenantFixture,
  createTestDatabase,
  type TenantFixture,
  type TestDatabase,
} from '@convergent/platform-data-access-testing';
import { AppModule } from '../app.module';
import { apiConfigSchema } from '../api-config';
import { CLOCK } from '../auth/auth.tokens';

// A running API on a database of its own with two tenants, A and B, for the tests of
// authentication, administration and isolation. Not a spec: specs pass in what they read from
// the environment.

export const TEST_PASSWORD = 'secret-password';
// The security suites sweep every field of the schema for several callers in one test: about a
// minute on a quiet machine, several on a loaded CI runner.
export const SCHEMA_SWEEP_TIMEOUT_MS = 300_000;

export interface GraphqlError {
  message: string;
  extensions: { code: string; retryAt?: string; retryAfterSeconds?: number; field?: string };
}

export interface GraphqlResult<T> {
  data?: T | null;
  errors?: GraphqlError[];
  // The raw body, for checks that nothing of another tenant appears anywhere in it.
  text: string;
}

export type CallerKind = MemberRole | 'read-key' | 'read-write-key';
export const CALLER_KINDS: readonly CallerKind[] = [
  'admin',
  'operator',
  'technician',
  'viewer',
  'read-key',
  'read-write-key',
];

export interface Caller {
  kind: CallerKind;
  side: TenantSide;
  headers: Record<string, string>;
  // The signed-in user behind the caller (none for a key).
  userId: string | null;
}

export interface TestUser {
  userId: string;
  email: string;
}

export interface TenantSide {
  name: 'A' | 'B';
  fixture: TenantFixture;
  slug: string;
  // The first admin, created with the tenant.
  admin: TestUser;
  adminToken: string;
}

export interface HarnessOptions {
  redisUrl: string;
  clock?: Clock;
  apiKeyRequestsPerMinute?: number;
}

const ALL_DOMAINS = ['assets', 'kpi', 'fleet', 'alarms', 'admin'] as const;

export class ApiHarness {
  a!: TenantSide;
  b!: TenantSide;
  schema!: GraphQLSchema;
  // Where live events for this API are published (see LiveEventPublisher).
  url = '';
  private passwordHash = '';

  private constructor(
    readonly db: TestDatabase,
    readonly owner: Client,
    private readonly app: INestApplication,
    // The local CA and broker state that revoking a gateway works on.
    private readonly iotStateDir: string,
    // Where live events for this API travel (see LiveEventPublisher).
    readonly queuePrefix: string,
  ) {}

  static async start(options: HarnessOptions): Promise<ApiHarness> {
    const db = await createTestDatabase();
    const owner = new Client({ connectionString: db.ownerUrl });
    await owner.connect();
    const iotStateDir = await mkdtemp(join(tmpdir(), 'convergent-api-'));
    await ensureLocalPki(iotStateDir);
    const queuePrefix = `t${randomUUID().slice(0, 8)}`;
    const config = apiConfigSchema.parse({
      DATABASE_URL: db.appUrl,
      AUTH_TOKEN_SECRET: 'test-secret-test-secret-test-secret-0123',
      REDIS_URL: options.redisUrl,
      RATE_LIMIT_PREFIX: `test-${randomUUID()}`,
      QUEUE_PREFIX: queuePrefix,
      IOT_PROFILE: 'local',
      IOT_STATE_DIR: iotStateDir,
      ...(options.apiKeyRequestsPerMinute
        ? { API_KEY_REQUESTS_PER_MINUTE: options.apiKeyRequestsPerMinute }
        : {}),
      NODE_ENV: 'test',
    });
    const moduleRef = await Test.createTestingModule({ imports: [AppModule.forConfig(config)] })
      .overrideProvider(CLOCK)
      .useValue(options.clock ?? systemClock)
      .compile();
    const app = moduleRef.createNestApplication({ logger: false });
    await app.listen(0, '127.0.0.1');
    const harness = new ApiHarness(db, owner, app, iotStateDir, queuePrefix);
    harness.url = `${await app.getUrl()}/graphql`;
    harness.schema = app.get(GraphQLSchemaHost).schema;
    harness.passwordHash = await hashPassword(TEST_PASSWORD);
    harness.a = await harness.tenant('A');
    harness.b = await harness.tenant('B');
    return harness;
  }

  async stop(): Promise<void> {
    await this.app.close();
    await this.owner.end();
    await this.db.drop();
    await rm(this.iotStateDir, { recursive: true, force: true });
  }

  async gql<T>(
    query: string,
    variables: Record<string, unknown> = {},
    headers: Record<string, string> = {},
  ): Promise<GraphqlResult<T>> {
    const response = await fetch(this.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query, variables }),
    });
    const text = await response.text();
    const body = JSON.parse(text) as { data?: T | null; errors?: GraphqlError[] };
    return { ...body, text };
  }

  // The data of a call that must succeed, or an error naming what came back instead.
  async ok<T>(query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
    const result = await this.gql<T>(query, variables, headers);
    if (!result.data || result.errors) throw new Error(`${query} failed: ${JSON.stringify(result.errors)}`);
    return result.data;
  }

  async createUser(side: TenantSide, role: MemberRole, siteIds: string[] | null = null): Promise<TestUser> {
    const email = `${role}-${randomUUID().slice(0, 8)}@tenant-${side.name.toLowerCase()}.example`;
    const user = await this.owner.query<{ id: string }>(
      `INSERT INTO users (id, email, display_name, password_hash) VALUES (gen_random_uuid(), $1, $1, $2) RETURNING id`,
      [email, this.passwordHash],
    );
    const userId = user.rows[0]?.id ?? '';
    const membership = await this.owner.query<{ id: string }>(
      `INSERT INTO memberships (id, tenant_id, user_id, role, all_sites) VALUES (gen_random_uuid(), $1, $2, $3, $4) RETURNING id`,
      [side.fixture.tenantId, userId, role, siteIds === null],
    );
    for (const siteId of siteIds ?? [])
      await this.owner.query(
        `INSERT INTO membership_sites (tenant_id, membership_id, site_id) VALUES ($1, $2, $3)`,
        [side.fixture.tenantId, membership.rows[0]?.id, siteId],
      );
    return { userId, email };
  }

  async login(email: string, password = TEST_PASSWORD): Promise<string> {
    const data = await this.ok<{ login: { accessToken: string } }>(
      `mutation ($e: String!, $p: String!) { login(email: $e, password: $p, clientType: API) { accessToken } }`,
      { e: email, p: password },
    );
    return data.login.accessToken;
  }

  // A new API key made by the side's admin through the API, with one access for every domain.
  async createKey(
    side: TenantSide,
    access: 'READ' | 'READ_WRITE',
    domains: readonly string[] = ALL_DOMAINS,
  ): Promise<{ id: string; key: string }> {
    const data = await this.ok<{ createApiKey: { key: string; apiKey: { id: string } } }>(
      `mutation ($input: CreateApiKeyInput!) { createApiKey(input: $input) { key apiKey { id } } }`,
      {
        input: {
          name: `key ${randomUUID().slice(0, 8)}`,
          scopes: domains.map((domain) => ({ domain, access })),
        },
      },
      bearer(side.adminToken),
    );
    return { id: data.createApiKey.apiKey.id, key: data.createApiKey.key };
  }

  // A caller of the given kind, new for each call so no test depends on another's leftovers.
  async caller(side: TenantSide, kind: CallerKind): Promise<Caller> {
    if (kind === 'read-key' || kind === 'read-write-key') {
      const { key } = await this.createKey(side, kind === 'read-key' ? 'READ' : 'READ_WRITE');
      return { kind, side, headers: { 'x-api-key': key }, userId: null };
    }
    const user = await this.createUser(side, kind);
    return { kind, side, headers: bearer(await this.login(user.email)), userId: user.userId };
  }

  // For tests that move the clock past the access tokens' lifetime.
  async renewAdminTokens(): Promise<void> {
    for (const side of [this.a, this.b]) side.adminToken = await this.login(side.admin.email);
  }

  async auditCount(side: TenantSide): Promise<number> {
    const { rows } = await this.owner.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log WHERE tenant_id = $1`,
      [side.fixture.tenantId],
    );
    return rows[0]?.n ?? 0;
  }

  private async tenant(name: 'A' | 'B'): Promise<TenantSide> {
    const slug = `${name.toLowerCase()}-${randomUUID().slice(0, 8)}`;
    const fixture = await createTenantFixture(this.db.ownerUrl, { slug });
    const side = { name, fixture, slug } as TenantSide;
    side.admin = await this.createUser(side, 'admin');
    side.adminToken = await this.login(side.admin.email);
    return side;
  }
}

export const bearer = (token: string): Record<string, string> => ({ authorization: `Bearer ${token}` });

// Time moves only when a test says so: lockouts, expiry and rate windows without sleeping.
export class TestClock implements Clock {
  private ms = Date.now();
  now(): Date {
    return new Date(this.ms);
  }
  advance(ms: number): void {
    this.ms += ms;
  }
}
