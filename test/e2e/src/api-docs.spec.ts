import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { seedDemoTenant, type DemoSeed } from '@convergent/database';
import { docExamples, jsonAnswers } from './doc-examples';
import { eventually, PlatformHarness } from './platform-harness';

const root = resolve(__dirname, '../..', '..');
const DOC = join(root, 'docs/api.md');
const DOCUMENTED_URL = 'http://127.0.0.1:3000';
const examples = docExamples(readFileSync(DOC, 'utf8'));

interface GraphqlAnswer {
  data?: Record<string, unknown> | null;
  errors?: unknown[];
}

// Every curl and JavaScript example of docs/api.md, run as a partner would against the API with
// the demo tenant `npm start` seeds and one of its simulated lines sending data. Each must succeed
// with data: a GraphQL error, a null root field or a failing command fails its example by line.
describe('docs/api.md examples against the demo tenant', () => {
  const platform = new PlatformHarness();
  let seed: DemoSeed;
  let owner: Client;
  const env: Record<string, string> = {};

  beforeAll(async () => {
    await platform.start();
    seed = await seedDemoTenant(platform.db.ownerUrl);
    owner = new Client({ connectionString: platform.db.ownerUrl });
    await owner.connect();
    await platform.startDemoAgent(seed);
    await eventually(
      'telemetry and an online gateway',
      async () => {
        const { rows } = await owner.query<{ ready: boolean }>(
          `SELECT EXISTS (SELECT 1 FROM telemetry_points) AND EXISTS (SELECT 1 FROM gateways WHERE online) AS ready`,
        );
        return rows[0]?.ready ? true : undefined;
      },
      90_000,
    );
    const admin = seed.users.find((u) => u.role === 'admin' && u.sites === 'all');
    if (!admin) throw new Error('the demo seed has no admin');
    const login = await platform.graphql<{ login: { accessToken: string } }>(
      `mutation ($e: String!, $p: String!) { login(email: $e, password: $p, clientType: API) { accessToken } }`,
      { e: admin.email, p: admin.password },
    );
    if (!login.data) throw new Error(`login failed: ${JSON.stringify(login.errors)}`);
    // The key a partner gets from an admin, as docs/api.md says to make it.
    const created = await platform.graphql<{ createApiKey: { key: string } }>(
      `mutation ($input: CreateApiKeyInput!) { createApiKey(input: $input) { key } }`,
      {
        input: {
          name: 'Docs examples',
          scopes: ['assets', 'kpi', 'fleet', 'alarms'].map((domain) => ({ domain, access: 'READ' })),
        },
      },
      login.data.login.accessToken,
    );
    if (!created.data) throw new Error(`createApiKey failed: ${JSON.stringify(created.errors)}`);
    Object.assign(env, {
      API: `${platform.apiUrl}/graphql`,
      KEY: created.data.createApiKey.key,
      ADMIN: login.data.login.accessToken,
    });
  }, 240_000);

  afterAll(async () => {
    await owner?.end();
    await platform.stop();
  });

  const onTestApi = (code: string) =>
    code
      .replaceAll(DOCUMENTED_URL, platform.apiUrl)
      .replaceAll(DOCUMENTED_URL.replace('http', 'ws'), platform.apiUrl.replace('http', 'ws'));

  function run(command: string, args: string[]) {
    const result = spawnSync(command, args, {
      cwd: root,
      env: { ...process.env, ...env },
      encoding: 'utf8',
      timeout: 60_000,
    });
    return { ...result, failure: result.status === 0 ? null : `exit ${result.status}: ${result.stderr}` };
  }

  it('has curl and JavaScript examples to run', () => {
    expect(examples.filter((e) => e.language === 'sh').length).toBeGreaterThan(3);
    expect(examples.filter((e) => e.language === 'js').length).toBeGreaterThan(1);
  });

  it.each(examples.filter((e) => e.language === 'sh').map((e) => [e.line, e] as const))(
    'the shell example at line %i answers with data',
    (_line, example) => {
      const result = run('bash', ['-e', '-o', 'pipefail', '-c', onTestApi(example.code)]);
      expect(result.failure).toBeNull();
      const answers = jsonAnswers(result.stdout) as GraphqlAnswer[];
      expect(answers.length).toBeGreaterThan(0);
      for (const answer of answers) {
        expect(answer.errors).toBeUndefined();
        expect(Object.values(answer.data ?? { missing: null })).not.toContain(null);
      }
    },
  );

  it.each(examples.filter((e) => e.language === 'js').map((e) => [e.line, e] as const))(
    'the JavaScript example at line %i runs and prints its answer',
    (_line, example) => {
      const result = run('node', ['--input-type=module', '-e', onTestApi(example.code)]);
      expect(result.failure).toBeNull();
      expect(result.stdout.trim()).not.toBe('');
    },
  );
});
