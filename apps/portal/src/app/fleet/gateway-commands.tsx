import { Badge, Button, Group, Loader, NumberInput, Select, Stack, Table, Text } from '@mantine/core';
import { useEffect, useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import type { GatewayCommandStatus } from '../../gql/graphql';
import { ConfirmDialog } from '../admin/confirm-dialog';
import { NO_WRAP } from '../admin/query-view';
import { apiErrorFromUrql } from '../api/graphql-http';
import type { ConnectionPages } from '../api/use-connection-pages';
import { Empty, ErrorMessage, Loading } from '../feedback';
import { formatDateTime } from '../format/format';
import { LoadMore } from '../load-more';
import { parseJsonText } from './gateway-twin';
import { sendGatewayCommandMutation, type GatewayCommandRow } from './gateway-twin-operations';

type CommandName = 'ping' | 'machine-health' | 'restart-connectors';

const COMMANDS: { value: CommandName; label: string; description: string }[] = [
  { value: 'ping', label: 'Ping', description: 'Its agent version, uptime, configuration and backlog.' },
  { value: 'machine-health', label: 'Machine health', description: 'Each machine connector’s status.' },
  {
    value: 'restart-connectors',
    label: 'Restart connectors',
    description: 'Reconnects every machine; readings pause for a moment.',
  },
];

// Commands that interrupt the machines' data are confirmed first.
const DISRUPTIVE: ReadonlySet<CommandName> = new Set(['restart-connectors']);
export const DEFAULT_TIMEOUT_SECONDS = 30;

export function CommandSender({ gatewayId, onSent }: { gatewayId: string; onSent: () => void }) {
  const [name, setName] = useState<CommandName>('ping');
  const [timeout, setTimeoutSeconds] = useState<number | string>(DEFAULT_TIMEOUT_SECONDS);
  const [problem, setProblem] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [result, send] = useMutation(sendGatewayCommandMutation);
  const chosen = COMMANDS.find((c) => c.value === name);

  async function sendNow(): Promise<void> {
    const answer = await send({ gatewayId, name, timeoutSeconds: Number(timeout) });
    setConfirming(false);
    if (answer.data) onSent();
  }

  function submit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    const seconds = typeof timeout === 'number' ? timeout : Number.NaN;
    const found =
      Number.isInteger(seconds) && seconds >= 1 && seconds <= 600 ? null : 'Between 1 and 600 seconds.';
    setProblem(found);
    if (found) return;
    if (DISRUPTIVE.has(name)) setConfirming(true);
    else void sendNow();
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Group align="flex-end" wrap="wrap">
          <Select
            label="Command"
            data={COMMANDS.map(({ value, label }) => ({ value, label }))}
            value={name}
            onChange={(value) => value && setName(value as CommandName)}
            allowDeselect={false}
            description={chosen?.description}
            w={{ base: '100%', sm: 320 }}
          />
          <NumberInput
            label="Wait for the answer (seconds)"
            value={timeout}
            onChange={setTimeoutSeconds}
            min={1}
            max={600}
            allowDecimal={false}
            error={problem}
            w={{ base: '100%', sm: 200 }}
          />
          <Button type="submit" loading={result.fetching && !confirming}>
            Send command
          </Button>
        </Group>
        {result.error && !confirming && (
          <ErrorMessage title="The command was not sent." error={apiErrorFromUrql(result.error)} />
        )}
        <ConfirmDialog
          title="Restart connectors"
          message="Restart every machine connector on this gateway? Readings from its machines pause while the connectors reconnect."
          confirmLabel="Restart connectors"
          opened={confirming}
          busy={result.fetching}
          error={result.error ? apiErrorFromUrql(result.error) : null}
          onConfirm={() => void sendNow()}
          onClose={() => setConfirming(false)}
        />
      </Stack>
    </form>
  );
}

const STATUS_COLORS: Record<GatewayCommandStatus, string> = {
  pending: 'blue',
  succeeded: 'green',
  failed: 'red',
  timed_out: 'orange',
};

function CommandStatus({ status }: { status: GatewayCommandStatus }) {
  return (
    <Badge
      color={STATUS_COLORS[status]}
      variant="light"
      miw="max-content"
      leftSection={status === 'pending' ? <Loader size={10} color="blue" aria-hidden /> : undefined}
    >
      {status === 'timed_out' ? 'timed out' : status}
    </Badge>
  );
}

// "uptimeS: 12, buffered: 0": a command's result, short enough for a table cell.
export function describeResult(command: Pick<GatewayCommandRow, 'status' | 'result' | 'error'>): string {
  if (command.status === 'pending') return 'waiting for the answer…';
  if (command.status === 'timed_out') return command.error ?? 'no answer before the deadline';
  if (command.error) return command.error;
  const result = parseJsonText(command.result);
  if (typeof result !== 'object' || result === null) return '—';
  const entries = Object.entries(result);
  return entries.length === 0 ? 'done' : entries.map(([k, v]) => `${k}: ${String(v)}`).join(', ');
}

// A pending command is asked about again at its deadline, when the API has marked it timed out
// unless an answer came: the history is right even while the live connection is down.
function useRecheckAtDeadline(commands: GatewayCommandRow[] | undefined, reload: () => void): void {
  const next = commands
    ?.filter((c) => c.status === 'pending')
    .map((c) => Date.parse(c.deadline))
    .sort((a, b) => a - b)[0];
  useEffect(() => {
    if (next === undefined) return;
    const timer = setTimeout(reload, Math.max(0, next - Date.now()) + 1_000);
    return () => clearTimeout(timer);
  }, [next, reload]);
}

export function CommandHistory({
  commands,
  timeZone,
}: {
  commands: ConnectionPages<GatewayCommandRow>;
  timeZone: string;
}) {
  useRecheckAtDeadline(commands.nodes, commands.reload);
  if (!commands.nodes) {
    return commands.error ? (
      <ErrorMessage title="The commands could not be loaded." error={apiErrorFromUrql(commands.error)} />
    ) : (
      <Loading label="Loading the commands…" />
    );
  }
  if (commands.nodes.length === 0) return <Empty>No command was sent to this gateway yet.</Empty>;
  return (
    <Stack gap="xs">
      <Table.ScrollContainer minWidth={560}>
        <Table striped aria-label="Commands">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Sent</Table.Th>
              <Table.Th scope="col">Command</Table.Th>
              <Table.Th scope="col">Status</Table.Th>
              <Table.Th scope="col">Result</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {commands.nodes.map((command) => (
              <Table.Tr key={command.id}>
                <Table.Td style={NO_WRAP}>{formatDateTime(new Date(command.issuedAt), timeZone)}</Table.Td>
                <Table.Td>{command.name}</Table.Td>
                <Table.Td>
                  <CommandStatus status={command.status} />
                </Table.Td>
                <Table.Td>
                  <Text size="sm" style={{ wordBreak: 'break-word' }}>
                    {describeResult(command)}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <LoadMore list={commands} what="commands" />
    </Stack>
  );
}
