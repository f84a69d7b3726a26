import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import {
  AgentConfigError,
  DEFAULT_INTERVAL_MS,
  DEFAULT_STATE_HEARTBEAT_MS,
  MAX_MACHINES_PER_GATEWAY,
  resolveAgentConfig,
} from './agent-config';
import { runAgent } from './agent';
import {
  PROVISION_USAGE,
  ProvisionUsageError,
  explainProvisioningFailure,
  parseProvisionArgs,
  provisionWithRetry,
} from './provision-command';
import { DecommissionRefused, decommission, describePlan, planDecommission } from './decommission-command';
import { formatDoctor, runDoctor } from './doctor';
import { formatStatus, isAgentRunning } from './status-command';
import { readStatus } from './status-file';

// The gateway's command line, `convergent-edge`: provision, run, status, doctor, decommission.

const COMMANDS = `Commands:
  provision     give this gateway its own certificate with a claim token (provision --help)
  run           read the machines and send their data to Convergent (the service runs this)
  status        what the running agent is doing: connection, buffer, last publish, machines
  doctor        check clock, certificate, broker, machines and disk, and say what to fix
  decommission  remove this gateway's identity and buffered data (asks first)

Most commands take --config <file> (default /etc/convergent-edge/agent.json).`;

const USAGE = `Usage: convergent-edge <command> [options]

${COMMANDS}

Options of run (also the settings of the --config file):

Options:
  --config <file>        JSON file with the settings below (endpoint, cert, key, ca, thing,
                         machines, intervalMs, stateHeartbeatMs, dataDir, seed); flags override it
  --endpoint <host:port> broker or AWS IoT Core endpoint, e.g. localhost:8883
  --cert <file>          this gateway's certificate (PEM)
  --key <file>           its private key (PEM)
  --ca <file>            CA certificate to trust (PEM); default: the system trust store
  --thing <name>         thing name = MQTT client id = certificate common name
  --machine <key>        key of a machine this gateway serves; repeat it for each machine
                         (1-${MAX_MACHINES_PER_GATEWAY}, unique; replaces the file's "machines" list)
  --interval-ms <ms>     how often each machine's counts are published (default ${DEFAULT_INTERVAL_MS})
  --state-heartbeat-ms <ms>
                         how often an unchanged state is re-sent, 1000-300000
                         (default ${DEFAULT_STATE_HEARTBEAT_MS})
  --data-dir <dir>       where the sequence number is kept (default .state/edge-agent/<thing>)
  --seed <integer>       seed of the machine simulators (default random)
  -h, --help             show this help

Example:
  convergent-edge run --endpoint localhost:8883 --thing press-line-1 \\
    --cert gw/cert.pem --key gw/key.pem --ca pki/ca.crt --machine press-1 --machine press-2
`;
const EXIT_USAGE = 2;
const EXIT_FAILURE = 1;
const EXIT_NOT_RUNNING = 3;

export async function main(argv: string[]): Promise<number> {
  if (argv[0] === 'provision') return provision(argv.slice(1));
  if (argv[0] === 'status' || argv[0] === 'doctor' || argv[0] === 'decommission')
    return maintenance(argv[0], argv.slice(1));
  let parsed: ReturnType<typeof parseCommandLine>;
  try {
    parsed = parseCommandLine(argv);
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    return EXIT_USAGE;
  }
  const { positionals, values } = parsed;
  const command = positionals[0];
  if (values.help === true || command === undefined || command === 'help') {
    process.stdout.write(USAGE);
    return command === undefined && values.help !== true ? EXIT_USAGE : 0;
  }
  if (command !== 'run' || positionals.length > 1) {
    process.stderr.write(`unknown command: ${positionals.join(' ')}\n\n${USAGE}`);
    return EXIT_USAGE;
  }

  const logger = pino({ name: 'edge-agent' });
  let config;
  try {
    config = resolveAgentConfig(values);
  } catch (error) {
    if (!(error instanceof AgentConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    return EXIT_USAGE;
  }

  let agent;
  try {
    agent = await runAgent({ ...config, logger });
  } catch (error) {
    logger.fatal({ err: error }, 'cannot start the agent');
    return EXIT_FAILURE;
  }

  const running = agent;
  await new Promise<void>((resolve) => {
    let signals = 0;
    const onSignal = (signal: NodeJS.Signals): void => {
      signals += 1;
      // A second Ctrl-C means "now".
      if (signals > 1) process.exit(EXIT_FAILURE);
      logger.info({ signal }, 'stopping');
      void running.stop().then(resolve, resolve);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
  return 0;
}

async function provision(argv: string[]): Promise<number> {
  let options;
  try {
    options = parseProvisionArgs(argv);
  } catch (error) {
    if (!(error instanceof ProvisionUsageError || error instanceof TypeError)) throw error;
    // parseArgs reports unknown or valueless flags as TypeError.
    process.stderr.write(`${error.message}\n\n${PROVISION_USAGE}`);
    return EXIT_USAGE;
  }
  if (options === 'help') {
    process.stdout.write(PROVISION_USAGE);
    return 0;
  }
  process.stdout.write(
    `Provisioning ${options.thing} through ${options.endpoint.host}:${options.endpoint.port} ...\n`,
  );
  try {
    const output = await provisionWithRetry(options, {
      delayMs: 5_000,
      onRetry: (message) => process.stdout.write(`${message}\n`),
    });
    process.stdout.write(
      `Done: ${options.thing} has its own certificate.\n` +
        `  certificate  ${output.certPath}\n  private key  ${output.keyPath} (readable by this user only)\n` +
        `  settings     ${output.configPath}\n` +
        'Next:\n' +
        `  1. add the machines this gateway reads to ${output.configPath} ("machines", see docs/edge-agent.md)\n` +
        `  2. check everything: convergent-edge doctor --config ${output.configPath}\n` +
        '  3. start the service: systemctl enable --now convergent-edge\n',
    );
    return 0;
  } catch (error) {
    process.stderr.write(`${explainProvisioningFailure(error, options)}\n`);
    return EXIT_FAILURE;
  }
}

const DEFAULT_CONFIG = '/etc/convergent-edge/agent.json';

async function maintenance(command: 'status' | 'doctor' | 'decommission', argv: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      options: {
        config: { type: 'string' },
        yes: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n\n${COMMANDS}\n`);
    return EXIT_USAGE;
  }
  if (values.help === true) {
    process.stdout.write(
      `Usage: convergent-edge ${command} [--config <file>]${command === 'decommission' ? ' [--yes]' : ''}\n\n${COMMANDS}\n`,
    );
    return 0;
  }
  let config;
  try {
    config = resolveAgentConfig({ config: values.config ?? DEFAULT_CONFIG });
  } catch (error) {
    if (!(error instanceof AgentConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    return EXIT_USAGE;
  }
  switch (command) {
    case 'status': {
      const status = readStatus(config.dataDir);
      process.stdout.write(formatStatus(status, Date.now(), config.dataDir));
      return isAgentRunning(status, Date.now()) ? 0 : EXIT_NOT_RUNNING;
    }
    case 'doctor': {
      const checks = await runDoctor(config);
      process.stdout.write(formatDoctor(checks));
      return checks.some((check) => check.outcome === 'failed') ? EXIT_FAILURE : 0;
    }
    case 'decommission': {
      let plan;
      try {
        plan = planDecommission(config);
      } catch (error) {
        if (!(error instanceof DecommissionRefused)) throw error;
        process.stderr.write(`${error.message}\n`);
        return EXIT_FAILURE;
      }
      process.stdout.write(describePlan(config, plan));
      if (values.yes !== true) {
        const answer = await ask(`Type the gateway name (${config.thing}) to confirm: `);
        if (answer.trim() !== config.thing) {
          process.stdout.write('Not confirmed: nothing was removed.\n');
          return EXIT_FAILURE;
        }
      }
      decommission(plan);
      process.stdout.write(
        `Removed. Retire gateway "${config.thing}" in the Convergent portal so its certificate is revoked.\n`,
      );
      return 0;
    }
  }
}

async function ask(question: string): Promise<string> {
  const prompt = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return await prompt.question(question);
  } finally {
    prompt.close();
  }
}

function parseCommandLine(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      config: { type: 'string' },
      endpoint: { type: 'string' },
      cert: { type: 'string' },
      key: { type: 'string' },
      ca: { type: 'string' },
      thing: { type: 'string' },
      machine: { type: 'string', multiple: true },
      'interval-ms': { type: 'string' },
      'state-heartbeat-ms': { type: 'string' },
      'data-dir': { type: 'string' },
      seed: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exit(EXIT_FAILURE);
    },
  );
}
