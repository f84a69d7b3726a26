import { graphql } from '../../gql';

// A site card's status line: its machines by state now, its open alarms and its gateways' presence.
export const siteStatusQuery = graphql(`
  query SiteStatus($siteId: ID!) {
    machineStateCounts(assetId: $siteId) {
      running
      idle
      setup
      plannedStop
      down
      unknown
      total
    }
    activeAlarms: alarms(
      first: 200
      filter: { siteId: $siteId, states: [active_unacknowledged, active_acknowledged] }
    ) {
      nextCursor
      nodes {
        id
        state
      }
    }
    gateways(siteId: $siteId, first: 1) {
      totalCount
    }
    offlineGateways: gateways(siteId: $siteId, online: false, first: 1) {
      totalCount
    }
  }
`);
