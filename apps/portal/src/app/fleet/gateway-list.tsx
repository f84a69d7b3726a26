import { Anchor, Button, Stack, Table, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { useMutation } from 'urql';
import type { GatewaysQuery } from '../../gql/graphql';
import { ConfirmDialog } from '../admin/confirm-dialog';
import { NO_WRAP } from '../admin/query-view';
import { apiErrorFromUrql } from '../api/graphql-http';
import { useConnectionPages } from '../api/use-connection-pages';
import { useLiveRefresh } from '../api/use-live-refresh';
import { Empty, ErrorMessage, Loading } from '../feedback';
import { formatDateTime, usableTimeZone } from '../format/format';
import { LoadMore } from '../load-more';
import {
  gatewayPresenceSubscription,
  gatewaysQuery,
  revokeGatewayMutation,
  type GatewayRow,
} from './fleet-operations';
import { GatewayStatusBadge } from './gateway-facts';

export const GATEWAYS_PAGE_SIZE = 100;
const NO_VARIABLES = {};
const selectGateways = (data: GatewaysQuery) => data.gateways;

// Every gateway the user may see, its presence kept current by gatewayPresenceChanged; admins and
// technicians may decommission one after confirming its name.
export function GatewayList({ mayRevoke }: { mayRevoke: boolean }) {
  const list = useConnectionPages(gatewaysQuery, NO_VARIABLES, selectGateways, GATEWAYS_PAGE_SIZE);
  const { reload } = list;
  const events = useLiveRefresh(gatewayPresenceSubscription, NO_VARIABLES);
  useEffect(() => {
    if (events > 0) reload();
  }, [events, reload]);
  const [revoking, setRevoking] = useState<GatewayRow | null>(null);
  const [revocation, revoke] = useMutation(revokeGatewayMutation);

  const gateways = list.nodes;
  if (!gateways)
    return list.error ? (
      <ErrorMessage title="The gateways could not be loaded." error={apiErrorFromUrql(list.error)} />
    ) : (
      <Loading label="Loading the gateways…" />
    );
  if (gateways.length === 0)
    return <Empty>No gateway has joined yet: create a provisioning claim below.</Empty>;

  async function confirmRevoke(gateway: GatewayRow): Promise<void> {
    const answer = await revoke({ id: gateway.id });
    if (answer.data) {
      setRevoking(null);
      reload();
    }
  }

  return (
    <Stack gap="xs">
      <Table.ScrollContainer minWidth={900}>
        <Table striped aria-label="Gateways">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Gateway</Table.Th>
              <Table.Th>Site</Table.Th>
              <Table.Th>Connection</Table.Th>
              <Table.Th>Last seen</Table.Th>
              <Table.Th>Agent</Table.Th>
              <Table.Th>Certificate expires</Table.Th>
              <Table.Th>Machines</Table.Th>
              {mayRevoke && <Table.Th>Actions</Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {gateways.map((g) => {
              const zone = usableTimeZone(g.site?.timeZone);
              return (
                <Table.Tr key={g.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/fleet/${g.id}`} size="sm">
                      {g.name}
                    </Anchor>
                    <Text size="xs" c="dimmed">
                      {g.serialNumber ? `serial ${g.serialNumber}` : g.thingName}
                    </Text>
                  </Table.Td>
                  <Table.Td>{g.site?.name ?? '—'}</Table.Td>
                  <Table.Td>
                    <GatewayStatusBadge gateway={g} />
                  </Table.Td>
                  <Table.Td style={NO_WRAP}>
                    {g.lastSeenAt ? formatDateTime(new Date(g.lastSeenAt), zone) : 'never'}
                  </Table.Td>
                  <Table.Td>{g.agentVersion ?? '—'}</Table.Td>
                  <Table.Td style={NO_WRAP}>
                    {g.certificateExpiresAt ? formatDateTime(new Date(g.certificateExpiresAt), zone) : '—'}
                  </Table.Td>
                  <Table.Td>
                    {g.machines.length === 0
                      ? 'none'
                      : g.machines.map((m) => m.machine?.name ?? `${m.sourceKey} (archived)`).join(', ')}
                  </Table.Td>
                  {mayRevoke && (
                    <Table.Td>
                      {g.status !== 'decommissioned' && (
                        <Button
                          size="xs"
                          color="red"
                          variant="light"
                          onClick={() => setRevoking(g)}
                          aria-label={`Decommission ${g.name}`}
                        >
                          Decommission
                        </Button>
                      )}
                    </Table.Td>
                  )}
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <LoadMore list={list} what="gateways" />
      <Text size="xs" c="dimmed">
        Times in each site&apos;s zone.
      </Text>
      <ConfirmDialog
        title="Decommission gateway"
        message={
          revoking
            ? `Decommission ${revoking.name}? Its data is no longer accepted, it is disconnected and its certificates stop working for good; bringing it back needs a new provisioning claim.`
            : ''
        }
        confirmLabel={revoking ? `Decommission ${revoking.name}` : 'Decommission'}
        opened={revoking !== null}
        busy={revocation.fetching}
        error={revocation.error ? apiErrorFromUrql(revocation.error) : null}
        onConfirm={() => revoking && void confirmRevoke(revoking)}
        onClose={() => setRevoking(null)}
      />
    </Stack>
  );
}
