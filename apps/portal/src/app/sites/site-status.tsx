import { Anchor, Group, Text } from '@mantine/core';
import { useEffect, useMemo } from 'react';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { alarmChangedSubscription } from '../alarms/alarm-operations';
import { useLiveRefresh } from '../api/use-live-refresh';
import { gatewayPresenceSubscription } from '../fleet/fleet-operations';
import { siteStatusQuery } from './site-operations';
import { siteStatusLine } from './site-status-summary';

const NO_VARIABLES = {};

// Open alarms and gateways offline at a site, asked again whenever one changes.
export function SiteStatus({ siteId }: { siteId: string }) {
  const [result, reexecute] = useQuery({ query: siteStatusQuery, variables: { siteId } });
  const alarmVariables = useMemo(() => ({ siteId }), [siteId]);
  const alarmEvents = useLiveRefresh(alarmChangedSubscription, alarmVariables);
  const presenceEvents = useLiveRefresh(gatewayPresenceSubscription, NO_VARIABLES);
  useEffect(() => {
    if (alarmEvents + presenceEvents > 0) reexecute({ requestPolicy: 'network-only' });
  }, [alarmEvents, presenceEvents, reexecute]);
  if (result.error)
    return (
      <Text size="sm" c="red" mt="xs">
        Alarms and gateways could not be loaded: {result.error.message}
      </Text>
    );
  if (!result.data) return null;
  const line = siteStatusLine(result.data);
  return (
    <Group gap="md" mt="xs">
      <Anchor component={Link} to="/alarms" size="sm" c={line.alarmsNeedAttention ? 'red.8' : undefined}>
        {line.alarms}
      </Anchor>
      <Anchor component={Link} to="/fleet" size="sm" c={line.gatewaysNeedAttention ? 'red.8' : undefined}>
        {line.gateways}
      </Anchor>
    </Group>
  );
}
