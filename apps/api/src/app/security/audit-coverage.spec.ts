import { ApiHarness, SCHEMA_SWEEP_TIMEOUT_MS } from '../testing/api-harness';
import { MUTATION_CASES, mutationFields } from './mutation-cases';

// The sign-in family changes no tenant data an admin reviews; each exemption says why. Any other
// mutation must write an audit entry in the transaction that makes its change.
const NOT_AUDITED: Readonly<Record<string, string>> = {
  login:
    'runs before a tenant is chosen and changes nothing but the caller’s own sign-in counters; failures are throttled per account and address instead',
  refreshSession:
    'an automatic rotation of the caller’s own token every few minutes per open tab, not a change anyone made; an entry each time would bury real changes',
  logout:
    'ends only the caller’s own session, possibly without any credential at all (an expired cookie); no tenant data changes',
};

// What a response may carry once and the audit log never: tokens, keys, session secrets.
const SECRET_FIELDS = ['key', 'token', 'accessToken', 'refreshToken'];

function secretsIn(value: unknown, found: string[] = []): string[] {
  if (value && typeof value === 'object')
    for (const [name, inner] of Object.entries(value)) {
      if (SECRET_FIELDS.includes(name) && typeof inner === 'string') found.push(inner);
      else secretsIn(inner, found);
    }
  return found;
}

describe('audit coverage (generated from the schema)', () => {
  let h: ApiHarness;

  beforeAll(async () => {
    h = await ApiHarness.start({ redisUrl: process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379' });
  });

  afterAll(async () => {
    await h.stop();
  });

  it(
    'every mutation but the sign-in family writes an audit entry naming its actor, with no secret in it',
    async () => {
      const problems: string[] = [];
      for (const field of mutationFields(h)) {
        if (NOT_AUDITED[field]) continue;
        const prepare = MUTATION_CASES[field];
        if (!prepare) {
          problems.push(`${field}: no case in security/mutation-cases.ts, so its audit entry is untested`);
          continue;
        }
        const caller = await h.caller(h.a, 'admin');
        const invoke = await prepare(h, caller);
        const before = await h.auditCount(h.a);
        const result = await invoke();
        if (result.errors) {
          problems.push(`${field}: the valid call failed: ${JSON.stringify(result.errors)}`);
          continue;
        }
        const { rows } = await h.owner.query<{ action: string; actor: string | null; text: string }>(
          `SELECT action, coalesce(actor_user_id::text, actor_api_key_id::text) AS actor,
                concat_ws(' ', entity_id, before::text, after::text) AS text
         FROM audit_log WHERE tenant_id = $1 ORDER BY at DESC, id DESC LIMIT $2`,
          [h.a.fixture.tenantId, Math.max(0, (await h.auditCount(h.a)) - before)],
        );
        if (rows.length === 0) problems.push(`${field}: wrote no audit entry`);
        for (const row of rows) {
          if (!row.actor) problems.push(`${field}: the entry ${row.action} names no actor`);
          if (secretsIn(result.data).some((secret) => row.text.includes(secret)))
            problems.push(`${field}: the entry ${row.action} contains a secret of the response`);
        }
      }
      expect(problems).toEqual([]);
    },
    SCHEMA_SWEEP_TIMEOUT_MS,
  );

  it('exempts only mutations that exist', () => {
    expect(Object.keys(NOT_AUDITED).filter((field) => !mutationFields(h).includes(field))).toEqual([]);
  });
});
