import type { SiteStatusQuery } from '../../gql/graphql';

export interface StateCount {
  state: 'running' | 'idle' | 'setup' | 'plannedStop' | 'down' | 'unknown';
  label: string;
  count: number;
}

export interface SiteStatusLine {
  // The states some machine is in, in this order: what is producing first, what needs help last.
  machines: StateCount[];
  alarms: string;
  // Worth a colour: an unacknowledged alarm, a gateway offline.
  alarmsNeedAttention: boolean;
  gateways: string;
  gatewaysNeedAttention: boolean;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

// "3 active alarms (1 unacknowledged)", "1 of 2 gateways offline". A page of alarms is 200: more
// than that reads "200+".
const STATES: ReadonlyArray<[StateCount['state'], string]> = [
  ['running', 'running'],
  ['idle', 'idle'],
  ['setup', 'in setup'],
  ['plannedStop', 'in a planned stop'],
  ['down', 'down'],
  ['unknown', 'unknown (no data for 15 min)'],
];

export function siteStatusLine(data: SiteStatusQuery): SiteStatusLine {
  const counts = data.machineStateCounts;
  const alarms = data.activeAlarms.nodes;
  const more = data.activeAlarms.nextCursor !== null ? '+' : '';
  const unacknowledged = alarms.filter((a) => a.state === 'active_unacknowledged').length;
  const total = data.gateways.totalCount;
  const offline = data.offlineGateways.totalCount;
  return {
    machines: STATES.flatMap(([state, label]) =>
      counts[state] > 0 ? [{ state, label: `${counts[state]} ${label}`, count: counts[state] }] : [],
    ),
    alarms:
      alarms.length === 0
        ? 'No active alarms'
        : `${alarms.length}${more} active ${alarms.length === 1 && !more ? 'alarm' : 'alarms'}${
            unacknowledged > 0 ? ` (${unacknowledged}${more} unacknowledged)` : ''
          }`,
    alarmsNeedAttention: unacknowledged > 0,
    gateways:
      total === 0
        ? 'No gateways'
        : offline === 0
          ? `${plural(total, 'gateway', 'gateways')}, all online`
          : `${offline} of ${plural(total, 'gateway', 'gateways')} offline`,
    gatewaysNeedAttention: offline > 0,
  };
}
