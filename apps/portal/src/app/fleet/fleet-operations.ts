import { graphql } from '../../gql';
import type { GatewaysQuery } from '../../gql/graphql';

// The fleet screen's gateway documents (the provisioning claim's is in api/operations.ts).

// What both the fleet list and a gateway's own page show about it.
export const gatewayIdentityFragment = graphql(`
  fragment GatewayIdentity on Gateway {
    id
    name
    thingName
    serialNumber
    status
    online
    lastSeenAt
    agentVersion
    certificateExpiresAt
    siteId
    site {
      id
      name
      timeZone
    }
  }
`);

export const gatewaysQuery = graphql(`
  query Gateways($first: Int, $after: String) {
    gateways(first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          ...GatewayIdentity
          machines {
            machineId
            sourceKey
            machine {
              id
              name
            }
          }
        }
      }
    }
  }
`);

export const revokeGatewayMutation = graphql(`
  mutation RevokeGateway($id: ID!) {
    revokeGateway(id: $id) {
      gatewayId
      revokedAt
    }
  }
`);

export const gatewayPresenceSubscription = graphql(`
  subscription GatewayPresenceChanged {
    gatewayPresenceChanged {
      gatewayId
      online
      at
    }
  }
`);

export type GatewayRow = GatewaysQuery['gateways']['edges'][number]['node'];
