import { Anchor, Badge, Group, Text } from '@mantine/core';
import { useEffect, useMemo, useRef } from 'react';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { alarmChangedSubscription } from '../alarms/alarm-operations';
import { useLiveRefresh } from '../api/use-live-refresh';
import { useRefetchEachMinute } from '../api/use-refetch-each-minute';
import { machineStateChangedSubscription } from '../drill/drill-operations';
import { gatewayPresenceSubscription } from '../fleet/fleet-operations';
import { siteStatusQuery } from './site-operations';
import { siteStatusLine, type StateCount } from './site-status-summary';

const NO_VARIABLES = {};
const MIN_REFRESH_GAP_MS = 5_000;

const STATE_COLOURS: Record<StateCount['state'], string> = {
  running: 'green',
  idle: 'yellow',
  setup: 'blue',
  plannedStop: 'gray',
  down: 'red',
  unknown: 'dark',
};

// A site's machines by state now, its open alarms and gateways offline: asked again whenever a
// machine changes state, an alarm or a gateway's presence changes, and every minute (a machine
// that falls silent turns unknown without any event).
export function SiteStatus({ siteId }: { siteId: string }) {
  const [result, reexecute] = useQuery({ query: siteStatusQuery, variables: { siteId } });
  const siteVariables = useMemo(() => ({ siteId }), [siteId]);
  const alarmEvents = useLiveRefresh(alarmChangedSubscription, siteVariables);
  const stateEvents = useLiveRefresh(machineStateChangedSubscription, siteVariables);
  const presenceEvents = useLiveRefresh(gatewayPresenceSubscription, NO_VARIABLES);
  const changes = alarmEvents + stateEvents + presenceEvents;
  // A busy site changes state every few seconds: ask at most every few seconds, not per event.
  const lastAsked = useRef(0);
  useEffect(() => {
    if (changes === 0) return;
    const wait = Math.max(0, lastAsked.current + MIN_REFRESH_GAP_MS - Date.now());
    const timer = window.setTimeout(() => {
      lastAsked.current = Date.now();
      reexecute({ requestPolicy: 'network-only' });
    }, wait);
    return () => window.clearTimeout(timer);
  }, [changes, reexecute]);
  useRefetchEachMinute(reexecute);
  if (result.error)
    return (
      <Text size="sm" c="red" mt="xs">
        Alarms and gateways could not be loaded: {result.error.message}
      </Text>
    );
  if (!result.data) return null;
  const line = siteStatusLine(result.data);
  return (
    <>
      <Group gap="xs" mt="sm" role="list" aria-label="Machines by state now">
        {line.machines.length === 0 ? (
          <Text size="sm" c="dimmed">
            No machines in service.
          </Text>
        ) : (
          line.machines.map((m) => (
            <Badge key={m.state} role="listitem" variant="light" color={STATE_COLOURS[m.state]}>
              {m.label}
            </Badge>
          ))
        )}
      </Group>
      <Group gap="md" mt="xs">
        <Anchor component={Link} to="/alarms" size="sm" c={line.alarmsNeedAttention ? 'red.8' : undefined}>
          {line.alarms}
        </Anchor>
        <Anchor component={Link} to="/fleet" size="sm" c={line.gatewaysNeedAttention ? 'red.8' : undefined}>
          {line.gateways}
        </Anchor>
      </Group>
    </>
  );
}
