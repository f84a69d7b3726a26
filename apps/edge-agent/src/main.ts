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
  provisionGateway,
} from './provision-command';

// The gateway's command line: `provision` (fleet provisioning by claim) and `run` (simulated machines
// published over one MQTT 5 connection).
// TODO(issue 5): status, doctor, store-and-forward, Modbus / OPC UA connectors.

const USAGE = `Usage: edge-agent run [options]
       edge-agent provision [options]   (gives the gateway its own certificate: provision --help)

Publishes simulated machines' states and counts over one MQTT 5 connection with mutual TLS.

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
  edge-agent run --endpoint localhost:8883 --thing press-line-1 \\
    --cert gw/cert.pem --key gw/key.pem --ca pki/ca.crt --machine press-1 --machine press-2
`;
const EXIT_USAGE = 2;
const EXIT_FAILURE = 1;

export async function main(argv: string[]): Promise<number> {
  if (argv[0] === 'provision') return provision(argv.slice(1));
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
    const output = await provisionGateway(options);
    process.stdout.write(
      `Done: ${options.thing} has its own certificate.\n` +
        `  certificate  ${output.certPath}\n  private key  ${output.keyPath} (readable by this user only)\n` +
        `  settings     ${output.configPath}\n` +
        `Start it with: edge-agent run --config ${output.configPath} --machine <machine key>\n`,
    );
    return 0;
  } catch (error) {
    process.stderr.write(`${explainProvisioningFailure(error, options)}\n`);
    return EXIT_FAILURE;
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
