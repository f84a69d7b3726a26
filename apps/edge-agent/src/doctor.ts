import { X509Certificate, createPrivateKey } from 'node:crypto';
import { accessSync, constants, mkdirSync, readFileSync, statSync, statfsSync } from 'node:fs';
import { connect as connectTcp, isIP, type Socket } from 'node:net';
import { connect as connectTls } from 'node:tls';
import type { AgentConfig } from './agent-config';
import { simulatedMachine, type MachineSpec } from '@convergent/shared-util-contracts';

// `convergent-edge doctor`: checks what a gateway needs before it can deliver data, and says for
// each failure what to do about it, in the words of someone standing next to the gateway.

export type CheckOutcome = 'ok' | 'warning' | 'failed';

export interface DoctorCheck {
  name: string;
  outcome: CheckOutcome;
  detail: string;
  // What to do; present for warnings and failures.
  fix?: string;
}

export interface DoctorOptions {
  now?: () => number;
  // Below this much free space where the buffer lives: a failure.
  minFreeBytes?: number;
  timeoutMs?: number;
}

const DAY = 24 * 60 * 60 * 1000;
const EARLIEST_PLAUSIBLE = Date.UTC(2025, 0, 1);
const DEFAULT_MIN_FREE = 256 * 1024 * 1024;

export async function runDoctor(config: AgentConfig, options: DoctorOptions = {}): Promise<DoctorCheck[]> {
  const now = (options.now ?? Date.now)();
  const timeoutMs = options.timeoutMs ?? 5_000;
  const checks: DoctorCheck[] = [];
  const certificate = readCertificate(config.certPath);

  checks.push(checkClock(now, certificate));
  checks.push(checkCertificate(config, certificate, now));
  checks.push(checkKey(config, certificate));
  checks.push(await checkBroker(config, timeoutMs));
  const machines = config.machines.map((machine) =>
    typeof machine === 'string' ? simulatedMachine(machine) : machine,
  );
  for (const machine of machines) checks.push(await checkMachine(machine, timeoutMs));
  checks.push(
    checkDisk(config, options.minFreeBytes ?? Math.max(DEFAULT_MIN_FREE, config.buffer?.maxBytes ?? 0)),
  );
  return checks;
}

function readCertificate(path: string): X509Certificate | Error {
  try {
    return new X509Certificate(readFileSync(path));
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

function checkClock(now: number, certificate: X509Certificate | Error): DoctorCheck {
  const shown = new Date(now).toISOString();
  if (now < EARLIEST_PLAUSIBLE)
    return {
      name: 'clock',
      outcome: 'failed',
      detail: `the gateway's clock says ${shown}`,
      fix: 'set the clock: enable time synchronisation (NTP), e.g. `timedatectl set-ntp true`, and check the gateway can reach a time server',
    };
  if (!(certificate instanceof Error) && now < Date.parse(certificate.validFrom))
    return {
      name: 'clock',
      outcome: 'failed',
      detail: `the gateway's clock (${shown}) is before its certificate's start (${certificate.validFrom})`,
      fix: 'the clock is behind: enable time synchronisation (NTP), e.g. `timedatectl set-ntp true`',
    };
  return { name: 'clock', outcome: 'ok', detail: shown };
}

function checkCertificate(
  config: AgentConfig,
  certificate: X509Certificate | Error,
  now: number,
): DoctorCheck {
  const name = 'certificate';
  if (certificate instanceof Error)
    return {
      name,
      outcome: 'failed',
      detail: `cannot read ${config.certPath}: ${certificate.message}`,
      fix: 'provision the gateway: `convergent-edge provision --help`',
    };
  const expires = Date.parse(certificate.validTo);
  const subject = /CN=([^\n,]+)/.exec(certificate.subject)?.[1];
  if (subject !== config.thing)
    return {
      name,
      outcome: 'failed',
      detail: `${config.certPath} is for "${subject ?? '?'}", but this gateway is "${config.thing}"`,
      fix: 'point "cert" and "key" in the configuration at this gateway\'s own files, or provision it again',
    };
  if (expires <= now)
    return {
      name,
      outcome: 'failed',
      detail: `expired on ${certificate.validTo}`,
      fix: 'ask for a new claim token in the Convergent portal and run `convergent-edge provision` again',
    };
  const days = Math.floor((expires - now) / DAY);
  if (days < 30)
    return {
      name,
      outcome: 'warning',
      detail: `expires in ${days} days (${certificate.validTo})`,
      fix: 'renew it soon: ask for a claim token in the portal and run `convergent-edge provision` again',
    };
  return { name, outcome: 'ok', detail: `${subject}, valid until ${certificate.validTo}` };
}

function checkKey(config: AgentConfig, certificate: X509Certificate | Error): DoctorCheck {
  const name = 'private key';
  let key;
  try {
    key = createPrivateKey(readFileSync(config.keyPath));
  } catch (error) {
    return {
      name,
      outcome: 'failed',
      detail: `cannot read ${config.keyPath}: ${error instanceof Error ? error.message : String(error)}`,
      fix: 'the key is made when provisioning: run `convergent-edge provision` again',
    };
  }
  if (!(certificate instanceof Error) && !certificate.checkPrivateKey(key))
    return {
      name,
      outcome: 'failed',
      detail: `${config.keyPath} does not belong to ${config.certPath}`,
      fix: 'use the key written together with this certificate, or provision again',
    };
  const mode = statSync(config.keyPath).mode & 0o777;
  if ((mode & 0o077) !== 0)
    return {
      name,
      outcome: 'warning',
      detail: `${config.keyPath} can be read by other users (mode ${mode.toString(8)})`,
      fix: `chmod 600 ${config.keyPath}`,
    };
  return { name, outcome: 'ok', detail: 'matches the certificate, readable by this user only' };
}

async function checkBroker(config: AgentConfig, timeoutMs: number): Promise<DoctorCheck> {
  const endpoint = `${config.endpoint.host}:${config.endpoint.port}`;
  const name = 'broker';
  try {
    const ca = config.caPath === undefined ? undefined : readFileSync(config.caPath);
    await answers(
      connectTls({
        host: config.endpoint.host,
        port: config.endpoint.port,
        ...(isIP(config.endpoint.host) === 0 ? { servername: config.endpoint.host } : {}),
        cert: readFileSync(config.certPath),
        key: readFileSync(config.keyPath),
        ...(ca !== undefined ? { ca } : {}),
        timeout: timeoutMs,
      }),
      'secureConnect',
      timeoutMs,
    );
    return { name, outcome: 'ok', detail: `${endpoint} answers and accepts the TLS handshake` };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const refused = /ECONNREFUSED|EHOSTUNREACH|ENETUNREACH|ENOTFOUND|EAI_AGAIN|no answer/.test(reason);
    return {
      name,
      outcome: 'failed',
      detail: `${endpoint}: ${reason}`,
      fix: refused
        ? 'check the network cable, the firewall (outgoing TCP port ' +
          `${config.endpoint.port}) and the "endpoint" in the configuration`
        : 'the broker does not accept this gateway\'s certificate or the CA does not match: check "ca", or provision again',
    };
  }
}

async function checkMachine(machine: MachineSpec, timeoutMs: number): Promise<DoctorCheck> {
  const name = `machine ${machine.key}`;
  const source = machine.source;
  if (source.kind === 'simulator') return { name, outcome: 'ok', detail: 'simulated' };
  const { host, port } =
    source.kind === 'modbus'
      ? { host: source.host, port: source.port }
      : parseOpcuaEndpoint(source.endpointUrl);
  try {
    await answers(connectTcp({ host, port, timeout: timeoutMs }), 'connect', timeoutMs);
    return {
      name,
      outcome: 'ok',
      detail: `${source.kind === 'modbus' ? 'Modbus TCP' : 'OPC UA'} ${host}:${port} answers`,
    };
  } catch (error) {
    return {
      name,
      outcome: 'failed',
      detail: `${source.kind === 'modbus' ? 'Modbus TCP' : 'OPC UA'} ${host}:${port}: ${error instanceof Error ? error.message : String(error)}`,
      fix: `check the machine's controller is on, its network cable, and its address in the configuration (ping ${host})`,
    };
  }
}

function checkDisk(config: AgentConfig, minFreeBytes: number): DoctorCheck {
  const name = 'disk space';
  try {
    mkdirSync(config.dataDir, { recursive: true });
    accessSync(config.dataDir, constants.W_OK);
    const stats = statfsSync(config.dataDir);
    const free = stats.bavail * stats.bsize;
    const shown = `${Math.floor(free / (1024 * 1024))} MB free in ${config.dataDir}`;
    if (free < minFreeBytes)
      return {
        name,
        outcome: 'failed',
        detail: `${shown}; the buffer needs ${Math.ceil(minFreeBytes / (1024 * 1024))} MB`,
        fix: 'free space on that disk (old logs: `journalctl --vacuum-size=100M`) or lower buffer.maxBytes',
      };
    return { name, outcome: 'ok', detail: shown };
  } catch (error) {
    return {
      name,
      outcome: 'failed',
      detail: `cannot write to ${config.dataDir}: ${error instanceof Error ? error.message : String(error)}`,
      fix: `make it writable by the agent's user: chown -R convergent-edge ${config.dataDir}`,
    };
  }
}

// Resolves when the socket reaches `event` (connected, or TLS handshake done), then closes it.
function answers(socket: Socket, event: 'connect' | 'secureConnect', timeoutMs: number): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    socket.once(event, () => {
      socket.end();
      resolve();
    });
    socket.once('timeout', () => {
      socket.destroy();
      reject(new Error(`no answer within ${timeoutMs} ms`));
    });
    socket.once('error', reject);
  });
}

function parseOpcuaEndpoint(url: string): { host: string; port: number } {
  const parsed = new URL(url.replace(/^opc\.tcp:/, 'http:'));
  return { host: parsed.hostname, port: parsed.port === '' ? 4840 : Number(parsed.port) };
}

export function formatDoctor(checks: readonly DoctorCheck[]): string {
  const mark: Record<CheckOutcome, string> = { ok: 'OK  ', warning: 'WARN', failed: 'FAIL' };
  const lines = checks.flatMap((check) => [
    `${mark[check.outcome]} ${check.name}: ${check.detail}`,
    ...(check.fix !== undefined ? [`     -> ${check.fix}`] : []),
  ]);
  const failed = checks.filter((check) => check.outcome === 'failed').length;
  lines.push(
    failed === 0
      ? 'All checks passed.'
      : `${failed} check${failed > 1 ? 's' : ''} failed: fix them in the order shown.`,
  );
  return `${lines.join('\n')}\n`;
}
