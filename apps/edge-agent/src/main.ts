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

// The gateway's command line. Today: `run`, simulated machines published over one MQTT 5 connection.
// TODO(edge-agent CLI issue): provision, store-and-forward, Modbus / OPC UA connectors.

const USAGE = `Usage: edge-agent run [options]

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
