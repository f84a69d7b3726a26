// First step of `npm start` and `npm test`, before any dependency is installed: checks Node.js,
// installs what is missing, and checks that PostgreSQL, Redis and Mosquitto are there. Every
// failure says what is missing and how to get it, and nothing waits longer than a few seconds.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { connect } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serviceTargets } from './service-targets.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');

class PreflightError extends Error {}

function checkNode() {
  const [major, minor] = process.versions.node.split('.').map(Number);
  if (!(major === 20 && minor >= 19) && !(major === 22 && minor >= 12) && !(major >= 23)) {
    throw new PreflightError(
      `Node.js ${process.versions.node} is too old: Convergent needs Node.js 20.19 or newer (20.x LTS or 22.12+).`,
    );
  }
}

// npm ci when node_modules is missing or older than the lockfile; otherwise nothing.
function installIfNeeded() {
  const marker = join(root, 'node_modules/.package-lock.json');
  const lock = join(root, 'package-lock.json');
  if (existsSync(marker) && statSync(marker).mtimeMs >= statSync(lock).mtimeMs) return;
  console.log('• installing dependencies (npm ci) ...');
  const result = spawnSync('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (result.status !== 0) {
    throw new PreflightError('npm ci failed (see above). Check that the npm registry is reachable: npm ping');
  }
}

function probe(host, port, timeoutMs, greeting) {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    let answer = '';
    const done = (result) => {
      socket.destroy();
      resolve(result);
    };
    socket.setTimeout(timeoutMs, () => done({ ok: false, reason: `no answer within ${timeoutMs / 1000} s` }));
    socket.on('error', (error) =>
      done({ ok: false, reason: error.code === 'ECONNREFUSED' ? 'connection refused' : error.message }),
    );
    socket.on('connect', () => {
      if (!greeting) return done({ ok: true });
      socket.write(greeting.send);
    });
    socket.on('data', (chunk) => {
      answer += chunk.toString('latin1');
      if (greeting && answer.includes('\r\n')) {
        done(
          greeting.expect.test(answer)
            ? { ok: true }
            : { ok: false, reason: `unexpected answer ${JSON.stringify(answer.trim())}` },
        );
      }
    });
  });
}

function findMosquitto() {
  for (const candidate of [
    process.env.MOSQUITTO_PATH,
    '/usr/sbin/mosquitto',
    '/usr/local/sbin/mosquitto',
    '/usr/bin/mosquitto',
  ]) {
    if (candidate && existsSync(candidate)) return candidate;
  }
  const which = spawnSync('sh', ['-c', 'command -v mosquitto'], { encoding: 'utf8' });
  return which.status === 0 ? which.stdout.trim() : null;
}

async function checkServices() {
  const { postgres, redis } = serviceTargets(process.env);
  const problems = [];
  const pg = await probe(postgres.host, postgres.port, 3000);
  if (!pg.ok) {
    problems.push(
      `PostgreSQL is not reachable at ${postgres.host}:${postgres.port} (${pg.reason}).\n` +
        `    Start it, e.g. on Debian: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start\n` +
        `    or install it: apt-get install postgresql. Another server? Set CONVERGENT_PG_URL=postgresql://user@host:port/postgres`,
    );
  }
  const rd = await probe(redis.host, redis.port, 3000, { send: 'PING\r\n', expect: /^\+PONG|^-NOAUTH/ });
  if (!rd.ok) {
    problems.push(
      `Redis is not reachable at ${redis.host}:${redis.port} (${rd.reason}).\n` +
        `    Start it: redis-server --daemonize yes --port ${redis.port}   or install it: apt-get install redis-server.\n` +
        `    Another server? Set REDIS_URL=redis://host:port`,
    );
  }
  if (!findMosquitto()) {
    problems.push(
      'Mosquitto (the local stand-in for AWS IoT Core) is not installed: apt-get install mosquitto\n' +
        '    (Convergent starts its own broker with mutual TLS; it does not use a running one.)',
    );
  }
  if (problems.length > 0) {
    throw new PreflightError(`Missing services:\n  - ${problems.join('\n  - ')}`);
  }
}

async function main() {
  const skipInstall = process.argv.includes('--no-install');
  checkNode();
  await checkServices();
  if (!skipInstall) installIfNeeded();
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  console.log(`• ${pkg.name}: Node.js ${process.versions.node}, PostgreSQL, Redis and Mosquitto found`);
}

main().catch((error) => {
  console.error(error instanceof PreflightError ? `\n✖ ${error.message}\n` : error);
  process.exit(1);
});
