import { graphql } from '../../gql';
import type {
  FeedingGatewaysQuery,
  MachineSensorSeriesQuery,
  MachineStateTimelineQuery,
} from '../../gql/graphql';

// The machine page's history (its state intervals and sensor series over the chosen range) and the
// gateways that read it.

export const machineStateTimelineQuery = graphql(`
  query MachineStateTimeline($machineId: ID!, $from: DateTime!, $to: DateTime!) {
    machineStateTimeline(machineId: $machineId, from: $from, to: $to) {
      state
      reasonCode
      reasonName
      start
      end
    }
  }
`);

export const machineSensorSeriesQuery = graphql(`
  query MachineSensorSeries($machineId: ID!, $from: DateTime!, $to: DateTime!, $maxPoints: Int) {
    machineSensorSeries(machineId: $machineId, from: $from, to: $to, maxPoints: $maxPoints) {
      source
      bucketMs
      series {
        metric
        points {
          at
          min
          avg
          max
        }
      }
    }
  }
`);

export type StateInterval = MachineStateTimelineQuery['machineStateTimeline'][number];
export type SensorSeries = MachineSensorSeriesQuery['machineSensorSeries']['series'][number];

export const feedingGatewaysQuery = graphql(`
  query FeedingGateways($machineId: ID!) {
    feedingGateways(machineId: $machineId) {
      id
      name
      serialNumber
      thingName
      status
      online
      lastSeenAt
      desiredConfig
      reportedConfig
      machines {
        machineId
        sourceKey
        tagMapping {
          signal
          source
        }
      }
    }
  }
`);

export type FeedingGateway = FeedingGatewaysQuery['feedingGateways'][number];
