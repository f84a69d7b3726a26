import { graphql } from '../../gql';

// A site card's status line: its open alarms and its gateways' presence.
export const siteStatusQuery = graphql(`
  query SiteStatus($siteId: ID!) {
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
