import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Client } from 'pg';
import { hashPassword } from '@convergent/tenancy-data-access-auth';
import type { MemberRole } from '@convergent/tenancy-data-access-auth';
import { AppModule } from '../app.module';
import { apiConfigSchema } from '../api-config';
import { TEST_PASSWORD } from './api-harness';

export { TEST_PASSWORD };

export const TEST_TOKEN_SECRET = 'test-secret-test-secret-test-secret-0123';

export interface GraphqlResponse<T> {
  data?: T;
  errors?: Array<{ message: string; extensions: { code: string } & Record<string, unknown> }>;
}

export interface RunningApi {
  app: INestApplication;
  url: string;
  gql<T>(query: string, variables?: Record<string, unknown>, token?: string): Promise<GraphqlResponse<T>>;
  login(email: string): Promise<string>;
}

// A bare API process for the domain suites (one tenant's data, users added by SQL); the
// two-tenant ApiHarness in api-harness.ts serves the security suites.
// An API process as tests use it: its own HTTP port, the given database and settings.
export async function startApi(
  databaseUrl: string,
  settings: Record<string, string> = {},
): Promise<RunningApi> {
  const config = apiConfigSchema.parse({
    DATABASE_URL: databaseUrl,
    AUTH_TOKEN_SECRET: TEST_TOKEN_SECRET,
    NODE_ENV: 'test',
    // Rate-limit counters of its own, so suites never throttle each other.
    RATE_LIMIT_PREFIX: `test-${randomUUID()}`,
    ...settings,
  });
  const app = await NestFactory.create(AppModule.forConfig(config), { logger: false, abortOnError: false });
  await app.listen(0, '127.0.0.1');
  const url = `${await app.getUrl()}/graphql`;
  const gql = async <T>(query: string, variables: Record<string, unknown> = {}, token?: string) => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as GraphqlResponse<T>;
  };
  const login = async (email: string) => {
    const result = await gql<{ login: { accessToken: string } }>(
      `mutation ($email: String!, $password: String!) { login(email: $email, password: $password) { accessToken } }`,
      { email, password: TEST_PASSWORD },
    );
    if (!result.data) throw new Error(JSON.stringify(result.errors));
    return result.data.login.accessToken;
  };
  return { app, url, gql, login };
}

// A user of one tenant with one role; siteIds restricts them to those sites.
export async function addMember(
  ownerUrl: string,
  tenantId: string,
  email: string,
  role: MemberRole,
  siteIds?: readonly string[],
): Promise<string> {
  const owner = new Client({ connectionString: ownerUrl });
  await owner.connect();
  try {
    const user = await owner.query<{ id: string }>(
      `INSERT INTO users (id, email, display_name, password_hash) VALUES (gen_random_uuid(), $1, $1, $2) RETURNING id`,
      [email, await hashPassword(TEST_PASSWORD)],
    );
    const userId = user.rows[0]?.id ?? '';
    const membership = await owner.query<{ id: string }>(
      `INSERT INTO memberships (id, tenant_id, user_id, role, all_sites) VALUES (gen_random_uuid(), $1, $2, $3, $4) RETURNING id`,
      [tenantId, userId, role, !siteIds],
    );
    for (const siteId of siteIds ?? [])
      await owner.query(
        `INSERT INTO membership_sites (tenant_id, membership_id, site_id) VALUES ($1, $2, $3)`,
        [tenantId, membership.rows[0]?.id, siteId],
      );
    return userId;
  } finally {
    await owner.end();
  }
}

// A statement as the database owner (outside row-level security), for arranging and checking.
export async function ownerQuery<R extends object>(
  ownerUrl: string,
  sql: string,
  values: unknown[] = [],
): Promise<R[]> {
  const owner = new Client({ connectionString: ownerUrl });
  await owner.connect();
  try {
    return (await owner.query<R>(sql, values)).rows;
  } finally {
    await owner.end();
  }
}
