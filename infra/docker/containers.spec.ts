import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

// No Docker engine runs here: the image recipe and the compose file are checked statically for
// what matters in production (pinned bases, lockfile installs, non-root, every service built).

const root = join(__dirname, '../..');
const dockerfile = readFileSync(join(__dirname, 'Dockerfile'), 'utf8');
const SERVICES = ['api', 'worker', 'ingest', 'portal'];

interface Stage {
  from: string;
  name: string | undefined;
  lines: string[];
}

function stages(text: string): Stage[] {
  const result: Stage[] = [];
  for (const line of text.split('\n').map((l) => l.trim())) {
    const from = /^FROM\s+(\S+)(?:\s+AS\s+(\S+))?/i.exec(line);
    if (from) result.push({ from: from[1] ?? '', name: from[2], lines: [] });
    else if (line !== '' && !line.startsWith('#')) result.at(-1)?.lines.push(line);
  }
  return result;
}

const args = new Map(
  [...dockerfile.matchAll(/^ARG\s+(\w+)=(\S+)/gm)].map((match) => [match[1] ?? '', match[2] ?? '']),
);
const all = stages(dockerfile);
const byName = new Map(all.map((stage) => [stage.name, stage]));

// The user a stage runs as: its own USER, else its parent stage's.
function userOf(stage: Stage | undefined): string | undefined {
  if (stage === undefined) return undefined;
  const own = stage.lines.filter((l) => l.startsWith('USER ')).at(-1);
  return own?.slice(5).trim() ?? userOf(byName.get(stage.from));
}

describe('Dockerfile', () => {
  it('has a final stage per service, built in several stages', () => {
    for (const service of SERVICES) expect(byName.has(service)).toBe(true);
    expect(all.length).toBeGreaterThanOrEqual(5);
  });

  it('pins every external base image to a version, never latest', () => {
    for (const stage of all.filter((s) => !byName.has(s.from))) {
      const image = stage.from.replace(/^\$\{(\w+)\}$/, (_, name: string) => args.get(name) ?? '');
      expect(image).toMatch(/^[\w./-]+:\d+\.\d+\.\d+[\w.-]*$/);
    }
  });

  it('installs dependencies only with npm ci from the copied lockfile', () => {
    const deps = all.find((stage) => stage.lines.some((l) => l.includes('npm ci')));
    const copyLock = deps?.lines.findIndex((l) => /^COPY .*package-lock\.json/.test(l)) ?? -1;
    const install = deps?.lines.findIndex((l) => l.includes('npm ci')) ?? -1;
    expect(copyLock).toBeGreaterThanOrEqual(0);
    expect(install).toBeGreaterThan(copyLock);
    expect(dockerfile).not.toMatch(/npm (install|i) /);
  });

  it('runs every service as a non-root user', () => {
    for (const service of SERVICES) {
      const user = userOf(byName.get(service));
      expect(`${service} runs as ${user}`).toMatch(/ runs as (node|[1-9]\d*)$/);
    }
  });

  it('keeps build tools out of the service images (dev dependencies pruned, sources compiled)', () => {
    expect(dockerfile).toMatch(/npm prune --omit=dev/);
    for (const service of ['api', 'worker', 'ingest']) {
      const command = byName.get(service)?.lines.find((l) => l.startsWith('CMD'));
      expect(command).toContain(`dist/build/apps/${service}/src/main.js`);
    }
    const build = JSON.parse(readFileSync(join(__dirname, 'tsconfig.build.json'), 'utf8')) as {
      include: string[];
    };
    for (const service of ['api', 'worker', 'ingest'])
      expect(build.include).toContain(`../../apps/${service}/src/**/*.ts`);
  });

  it('runs the worker with the Node.js flags it runs with everywhere else', () => {
    const env = byName.get('worker')?.lines.find((l) => l.startsWith('ENV NODE_OPTIONS='));
    const { flags } = JSON.parse(
      readFileSync(join(__dirname, '../../apps/worker/node-flags.json'), 'utf8'),
    ) as { flags: string[] };
    expect(env).toBe(`ENV NODE_OPTIONS="${flags.join(' ')}"`);
  });

  it("resolves the workspace's aliases to the compiled libraries", () => {
    const resolved = execFileSync(
      process.execPath,
      [
        '-r',
        join(__dirname, 'register-aliases.cjs'),
        '-e',
        "try { console.log(require.resolve('@convergent/shared-util-contracts')) } catch (e) { console.log(e.message) }",
      ],
      { encoding: 'utf8' },
    );
    expect(resolved).toContain(join(root, 'dist/build/libs/shared/util-contracts/src/index.js'));
  });

  it('leaves local state, secrets and installed modules out of the build context', () => {
    const ignored = readFileSync(join(root, '.dockerignore'), 'utf8').split('\n');
    for (const entry of ['node_modules', '.state', '.env', 'dist']) expect(ignored).toContain(entry);
  });
});

describe('single-host compose file', () => {
  const compose = parse(readFileSync(join(root, 'infra/compose/docker-compose.yml'), 'utf8'), {
    merge: true,
  }) as {
    services: Record<
      string,
      {
        image: string;
        build?: { target: string; dockerfile: string };
        depends_on?: Record<string, { condition: string }>;
        environment?: Record<string, string>;
        volumes?: string[];
        healthcheck?: unknown;
      }
    >;
  };
  const services = compose.services;

  it('runs every service of the platform, each from a pinned image', () => {
    for (const name of [...SERVICES, 'postgres', 'redis', 'migrate']) expect(services[name]).toBeDefined();
    for (const [name, service] of Object.entries(services)) {
      expect(`${name}: ${service.image}`).toMatch(
        /:(\d+(\.\d+)+[\w.-]*|\$\{CONVERGENT_VERSION:-\d+\.\d+\.\d+\})$/,
      );
      if (service.build) expect(byName.has(service.build.target)).toBe(true);
    }
  });

  it('starts the services only after the migrations succeeded and Redis answers', () => {
    for (const name of ['api', 'worker', 'ingest']) {
      expect(services[name]?.depends_on).toMatchObject({
        migrate: { condition: 'service_completed_successfully' },
        redis: { condition: 'service_healthy' },
      });
    }
    expect(services['postgres']?.healthcheck).toBeDefined();
  });

  it('takes every secret from the environment file, never from the compose file', () => {
    for (const service of Object.values(services)) {
      for (const [key, value] of Object.entries(service.environment ?? {})) {
        if (/PASSWORD|SECRET/.test(key)) expect(value).toMatch(/^\$\{\w+:\?/);
        if (key.endsWith('DATABASE_URL')) expect(value).toMatch(/\$\{\w+_DB_PASSWORD:\?/);
      }
    }
  });

  it('mounts files that exist', () => {
    for (const service of Object.values(services)) {
      for (const volume of service.volumes ?? []) {
        const source = volume.split(':')[0] ?? '';
        if (source.startsWith('./')) expect(existsSync(join(root, 'infra/compose', source))).toBe(true);
      }
    }
  });
});
