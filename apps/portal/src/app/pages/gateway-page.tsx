import { Alert, Anchor, Card, Stack, Text, Title } from '@mantine/core';
import { useCallback, useEffect, useMemo } from 'react';
import { Link, useParams } from 'react-router';
import { useQuery } from 'urql';
import type { GatewayCommandsQuery } from '../../gql/graphql';
import { apiErrorFromUrql } from '../api/graphql-http';
import { useConnectionPages } from '../api/use-connection-pages';
import { useLiveRefresh } from '../api/use-live-refresh';
import { ErrorMessage, Loading } from '../feedback';
import { ConfigComparison } from '../fleet/config-comparison';
import { ConfigEditor } from '../fleet/config-editor';
import { gatewayPresenceSubscription } from '../fleet/fleet-operations';
import { CommandHistory, CommandSender } from '../fleet/gateway-commands';
import { backlogFromPing, GatewayFacts } from '../fleet/gateway-facts';
import {
  gatewayCommandsQuery,
  gatewayDetailQuery,
  gatewayTwinSubscription,
  type GatewayDetail,
} from '../fleet/gateway-twin-operations';
import { usableTimeZone } from '../format/format';
import { useSessionState } from '../session/session-context';
import { PageTitle } from '../shell/page-title';
import { canProvision } from '../shell/navigation';

export const COMMANDS_PAGE_SIZE = 20;
const NO_VARIABLES = {};
const selectCommands = (data: GatewayCommandsQuery) => data.gateway?.commands;

export function GatewayPage() {
  const { gatewayId = '' } = useParams();
  const [result, reexecute] = useQuery({ query: gatewayDetailQuery, variables: { id: gatewayId } });
  const gateway = result.data?.gateway;
  const refresh = useCallback(() => reexecute({ requestPolicy: 'network-only' }), [reexecute]);

  if (result.error)
    return (
      <Stack>
        <PageTitle>Gateway</PageTitle>
        <ErrorMessage title="The gateway could not be loaded." error={apiErrorFromUrql(result.error)} />
      </Stack>
    );
  if (!result.data) return <Loading label="Loading the gateway…" />;
  if (!gateway)
    return (
      <Stack>
        <PageTitle>Gateway not found</PageTitle>
        <Text>
          There is no such gateway, or it is on a site you may not see.{' '}
          <Anchor component={Link} to="/fleet">
            Back to the fleet
          </Anchor>
        </Text>
      </Stack>
    );
  return <GatewayDetailView gateway={gateway} refresh={refresh} />;
}

// One gateway for technicians in the field: its facts, its configuration (desired against what it
// runs) and its commands, kept current by the twin and presence events of its site.
function GatewayDetailView({ gateway, refresh }: { gateway: GatewayDetail; refresh: () => void }) {
  const session = useSessionState();
  const role = session.status === 'signed-in' ? session.session.role : null;
  const mayChange = role !== null && canProvision(role);
  const timeZone = usableTimeZone(gateway.site?.timeZone);
  const site = useMemo(() => ({ siteId: gateway.siteId }), [gateway.siteId]);
  const twinEvents = useLiveRefresh(gatewayTwinSubscription, site);
  const presenceEvents = useLiveRefresh(gatewayPresenceSubscription, NO_VARIABLES);
  const commandVariables = useMemo(() => ({ id: gateway.id }), [gateway.id]);
  const commands = useConnectionPages(
    gatewayCommandsQuery,
    commandVariables,
    selectCommands,
    COMMANDS_PAGE_SIZE,
  );
  const { reload: reloadCommands } = commands;
  useEffect(() => {
    if (twinEvents + presenceEvents === 0) return;
    refresh();
    reloadCommands();
  }, [twinEvents, presenceEvents, refresh, reloadCommands]);

  return (
    <Stack>
      <Anchor component={Link} to="/fleet" size="sm">
        ← Fleet
      </Anchor>
      <PageTitle>{gateway.name}</PageTitle>
      <GatewayFacts gateway={gateway} backlog={backlogFromPing(commands.nodes)} timeZone={timeZone} />
      {gateway.status === 'decommissioned' && (
        <Alert color="gray" title="Decommissioned">
          This gateway no longer connects: it takes no configuration and no commands.
        </Alert>
      )}
      <Title order={2} size="h3">
        Configuration
      </Title>
      <ConfigComparison gateway={gateway} timeZone={timeZone} />
      {mayChange ? (
        <Card withBorder radius="md">
          <ConfigEditor gateway={gateway} onSaved={refresh} />
        </Card>
      ) : (
        <Alert color="gray" title="Read only">
          Only administrators and technicians change a gateway&apos;s configuration or send it commands; your
          role ({role ?? 'signed out'}) may look.
        </Alert>
      )}
      <Title order={2} size="h3">
        Commands
      </Title>
      {mayChange && gateway.status !== 'decommissioned' && (
        <Card withBorder radius="md">
          <CommandSender gatewayId={gateway.id} onSent={reloadCommands} />
        </Card>
      )}
      <CommandHistory commands={commands} timeZone={timeZone} />
    </Stack>
  );
}
