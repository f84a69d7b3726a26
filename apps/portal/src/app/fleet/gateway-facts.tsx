import { Badge, SimpleGrid, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { formatDateTime } from '../format/format';
import type { GatewayStatus } from '../../gql/graphql';
import { parseJsonText } from './gateway-twin';
import type { GatewayCommandRow } from './gateway-twin-operations';

export function GatewayStatusBadge({ gateway }: { gateway: { status: GatewayStatus; online: boolean } }) {
  if (gateway.status === 'decommissioned') return <Badge color="gray">decommissioned</Badge>;
  if (gateway.status !== 'active') return <Badge color="yellow">{gateway.status}</Badge>;
  return <Badge color={gateway.online ? 'green' : 'red'}>{gateway.online ? 'online' : 'offline'}</Badge>;
}

interface Facts {
  status: GatewayStatus;
  online: boolean;
  lastSeenAt?: string | null;
  agentVersion?: string | null;
  certificateExpiresAt?: string | null;
  thingName: string;
  serialNumber?: string | null;
  desiredVersion: number;
  reportedVersion?: number | null;
  site?: { name: string } | null;
}

// The backlog is what the agent holds on disk, unsent: it says so in its answer to a ping.
export function backlogFromPing(commands: readonly GatewayCommandRow[] | undefined): {
  buffered: number;
  at: string;
} | null {
  const ping = commands?.find((c) => c.name === 'ping' && c.status === 'succeeded');
  const result = parseJsonText(ping?.result);
  if (!ping || typeof result !== 'object' || result === null) return null;
  const buffered = (result as Record<string, unknown>)['buffered'];
  return typeof buffered === 'number' ? { buffered, at: ping.respondedAt ?? ping.issuedAt } : null;
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" component="div">
        {children}
      </Text>
    </Stack>
  );
}

// What a technician checks first: is it connected, since when, which versions, how long its
// certificate lasts, and how much it holds unsent.
export function GatewayFacts({
  gateway,
  backlog,
  timeZone,
}: {
  gateway: Facts;
  backlog: { buffered: number; at: string } | null;
  timeZone: string;
}) {
  const at = (iso: string | null | undefined, otherwise: string) =>
    iso ? formatDateTime(new Date(iso), timeZone) : otherwise;
  return (
    <SimpleGrid cols={{ base: 2, sm: 3, lg: 4 }} spacing="md">
      <Fact label="Connection">
        <GatewayStatusBadge gateway={gateway} />
      </Fact>
      <Fact label="Last seen">{at(gateway.lastSeenAt, 'never')}</Fact>
      <Fact label="Site">{gateway.site?.name ?? '—'}</Fact>
      <Fact label="Thing name">{gateway.thingName}</Fact>
      <Fact label="Serial number">{gateway.serialNumber ?? '—'}</Fact>
      <Fact label="Agent version">{gateway.agentVersion ?? '—'}</Fact>
      <Fact label="Configuration version">
        {gateway.desiredVersion === 0 ? 'none desired' : `desired ${gateway.desiredVersion}`}
        {' · '}
        {gateway.reportedVersion === null || gateway.reportedVersion === undefined
          ? 'none reported'
          : `runs ${gateway.reportedVersion === 0 ? 'its local file' : gateway.reportedVersion}`}
      </Fact>
      <Fact label="Certificate expires">{at(gateway.certificateExpiresAt, '—')}</Fact>
      <Fact label="Backlog">
        {backlog
          ? `${backlog.buffered} message${backlog.buffered === 1 ? '' : 's'} unsent (ping at ${at(backlog.at, '')})`
          : 'unknown: send a ping'}
      </Fact>
    </SimpleGrid>
  );
}
