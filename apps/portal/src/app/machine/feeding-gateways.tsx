import { Anchor, Badge, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useEffect } from 'react';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { apiErrorFromUrql } from '../api/graphql-http';
import { useLiveRefresh } from '../api/use-live-refresh';
import { Empty, ErrorMessage, Loading } from '../feedback';
import { gatewayPresenceSubscription } from '../fleet/fleet-operations';
import { formatDateTime } from '../format/format';
import { configuredMachine } from './configured-tags';
import { feedingGatewaysQuery, type FeedingGateway } from './machine-operations';

const NO_VARIABLES = {};

// Which gateway reads the machine and which of its tags: where to look when its data stops.
export function FeedingGateways({ machineId, timeZone }: { machineId: string; timeZone: string }) {
  const [result, reexecute] = useQuery({ query: feedingGatewaysQuery, variables: { machineId } });
  const events = useLiveRefresh(gatewayPresenceSubscription, NO_VARIABLES);
  useEffect(() => {
    if (events > 0) reexecute({ requestPolicy: 'network-only' });
  }, [events, reexecute]);
  return (
    <section aria-labelledby="gateways-heading">
      <Title order={2} size="h3" id="gateways-heading" mb="xs">
        Gateway and tags
      </Title>
      {result.error ? (
        <ErrorMessage title="The gateways could not be loaded." error={apiErrorFromUrql(result.error)} />
      ) : !result.data ? (
        <Loading label="Loading the gateways…" />
      ) : result.data.feedingGateways.length === 0 ? (
        <Empty>
          No gateway reads this machine yet: a technician maps it to a gateway on the{' '}
          <Anchor component={Link} to="/fleet">
            fleet page
          </Anchor>
          .
        </Empty>
      ) : (
        <Stack gap="sm">
          {result.data.feedingGateways.map((gateway) => (
            <GatewayCard key={gateway.id} gateway={gateway} machineId={machineId} timeZone={timeZone} />
          ))}
        </Stack>
      )}
    </section>
  );
}

function GatewayCard({
  gateway,
  machineId,
  timeZone,
}: {
  gateway: FeedingGateway;
  machineId: string;
  timeZone: string;
}) {
  const mapping = gateway.machines.find((m) => m.machineId === machineId);
  // What the gateway runs, when it has said so; else what the cloud asked it to run.
  const reported = mapping ? configuredMachine(gateway.reportedConfig, mapping.sourceKey) : null;
  const configured =
    reported ?? (mapping ? configuredMachine(gateway.desiredConfig, mapping.sourceKey) : null);
  const headingId = `gateway-${gateway.id}`;
  return (
    <Paper withBorder p="sm" radius="md" component="article" aria-labelledby={headingId}>
      <Group gap="xs" align="baseline">
        <Text fw={600} id={headingId}>
          {gateway.name}
        </Text>
        <Text size="sm" c="dimmed">
          {gateway.serialNumber ? `serial ${gateway.serialNumber}` : gateway.thingName}
        </Text>
        <Badge color={gateway.online ? 'green' : 'red'}>{gateway.online ? 'online' : 'offline'}</Badge>
        {gateway.status !== 'active' && <Badge color="gray">{gateway.status}</Badge>}
      </Group>
      <Text size="sm" c="dimmed">
        Last seen {gateway.lastSeenAt ? formatDateTime(new Date(gateway.lastSeenAt), timeZone) : 'never'} ·{' '}
        <Anchor component={Link} to="/fleet" size="sm">
          Open the fleet
        </Anchor>
      </Text>
      {mapping && (
        <Text size="sm" mt={4}>
          Reads it as <code>{mapping.sourceKey}</code>
          {configured &&
            ` over ${configured.connector}${configured.endpoint ? ` at ${configured.endpoint}` : ''}`}
          {configured &&
            (reported ? ' (as the gateway reports running)' : ' (as configured; not yet reported)')}
        </Text>
      )}
      <TagList configured={configured} mapping={mapping} />
    </Paper>
  );
}

function TagList({
  configured,
  mapping,
}: {
  configured: ReturnType<typeof configuredMachine>;
  mapping: FeedingGateway['machines'][number] | undefined;
}) {
  if (configured && configured.tags.length > 0) {
    const roleOf = new Map<string, string[]>();
    for (const r of configured.roles) roleOf.set(r.tag, [...(roleOf.get(r.tag) ?? []), r.role]);
    return (
      <Table.ScrollContainer minWidth={420} mt="xs">
        <Table striped aria-label="Tags it reads">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Tag</Table.Th>
              <Table.Th scope="col">Address</Table.Th>
              <Table.Th scope="col">Every</Table.Th>
              <Table.Th scope="col">Used for</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {configured.tags.map((tag) => (
              <Table.Tr key={tag.name}>
                <Table.Td>{tag.name}</Table.Td>
                <Table.Td>
                  <code>{tag.address}</code>
                </Table.Td>
                <Table.Td>{tag.sampleMs === null ? '—' : `${tag.sampleMs / 1000} s`}</Table.Td>
                <Table.Td>{roleOf.get(tag.name)?.join(', ') ?? 'sensor'}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    );
  }
  if (configured?.connector === 'simulator')
    return (
      <Text size="sm" c="dimmed" mt="xs">
        A simulated machine: the gateway makes up its states, counts and sensor readings.
      </Text>
    );
  if (mapping && mapping.tagMapping.length > 0)
    return (
      <Table aria-label="Tag mapping" mt="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Signal</Table.Th>
            <Table.Th scope="col">Source</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {mapping.tagMapping.map((t) => (
            <Table.Tr key={t.signal}>
              <Table.Td>{t.signal}</Table.Td>
              <Table.Td>
                <code>{t.source}</code>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    );
  return (
    <Text size="sm" c="dimmed" mt="xs">
      No tags known: the gateway has no configuration from the cloud and has not reported its own.
    </Text>
  );
}
