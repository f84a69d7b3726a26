import { graphql } from '../../gql';
import type { GatewayCommandsQuery, GatewayDetailQuery } from '../../gql/graphql';

// The gateway detail screen's documents: the gateway with its twin, its command history, and
// the two things a technician changes (the desired configuration, a command).

export const gatewayDetailQuery = graphql(`
  query GatewayDetail($id: ID!) {
    gateway(id: $id) {
      ...GatewayIdentity
      desiredConfig
      desiredVersion
      desiredSetAt
      reportedConfig
      reportedVersion
      reportedStatus
      reportedError
      reportedAt
      configDifference {
        inSync
        paths
      }
    }
  }
`);

export const gatewayCommandsQuery = graphql(`
  query GatewayCommands($id: ID!, $first: Int!, $after: String) {
    gateway(id: $id) {
      id
      commands(first: $first, after: $after) {
        totalCount
        pageInfo {
          hasNextPage
          endCursor
        }
        edges {
          node {
            id
            name
            args
            status
            issuedAt
            deadline
            respondedAt
            completedAt
            result
            error
          }
        }
      }
    }
  }
`);

export const setGatewayDesiredConfigMutation = graphql(`
  mutation SetGatewayDesiredConfig($gatewayId: ID!, $config: String!) {
    setGatewayDesiredConfig(gatewayId: $gatewayId, config: $config) {
      id
      desiredConfig
      desiredVersion
      desiredSetAt
      configDifference {
        inSync
        paths
      }
    }
  }
`);

export const sendGatewayCommandMutation = graphql(`
  mutation SendGatewayCommand($gatewayId: ID!, $name: String!, $timeoutSeconds: Int) {
    sendGatewayCommand(gatewayId: $gatewayId, name: $name, timeoutSeconds: $timeoutSeconds) {
      id
      status
      deadline
    }
  }
`);

export const gatewayTwinSubscription = graphql(`
  subscription GatewayTwinChanged($siteId: ID) {
    gatewayTwinChanged(siteId: $siteId) {
      gatewayId
      change
      commandId
      at
    }
  }
`);

export type GatewayDetail = NonNullable<GatewayDetailQuery['gateway']>;
export type GatewayCommandRow = NonNullable<
  GatewayCommandsQuery['gateway']
>['commands']['edges'][number]['node'];
