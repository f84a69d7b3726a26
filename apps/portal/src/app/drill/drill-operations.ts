import { graphql } from '../../gql';
import type { DowntimeParetoQuery, KpiLossWaterfallQuery, MaintenanceWarningsQuery } from '../../gql/graphql';

// Documents of the asset page's shift, loss, live-state and maintenance sections.

export const currentShiftKpisQuery = graphql(`
  query CurrentShiftKpis($assetId: ID!) {
    currentShiftKpis(assetId: $assetId) {
      ...KpiFields
    }
  }
`);

export const kpiLossWaterfallQuery = graphql(`
  query KpiLossWaterfall($assetId: ID!, $from: DateTime!, $to: DateTime!) {
    kpiLossWaterfall(assetId: $assetId, from: $from, to: $to) {
      plannedOperationTimeMs
      plannedDowntimeMs
      plannedBusyTimeMs
      setupMs
      breakdownsMs
      minorStopsMs
      unknownMs
      runTimeMs
      reducedSpeedMs
      startupRejectsMs
      productionRejectsMs
      fullyProductiveTimeMs
      speedAboveIdeal
    }
  }
`);

export const downtimeParetoQuery = graphql(`
  query DowntimePareto($assetId: ID!, $from: DateTime!, $to: DateTime!) {
    downtimePareto(assetId: $assetId, from: $from, to: $to) {
      reasonCode
      reasonName
      state
      lossClass
      durationMs
      share
      cumulativeShare
    }
  }
`);

export const maintenanceWarningsQuery = graphql(`
  query MaintenanceWarnings($assetId: ID!) {
    maintenanceWarnings(assetId: $assetId, openOnly: true, first: 20) {
      totalCount
      edges {
        node {
          id
          kind
          metric
          message
          severity
          firstSeenAt
          lastSeenAt
          predictedAt
          occurrences
        }
      }
    }
  }
`);

export const machineStateChangedSubscription = graphql(`
  subscription MachineStateChanged($siteId: ID) {
    machineStateChanged(siteId: $siteId) {
      machineId
      state
      at
    }
  }
`);

export type LossWaterfall = KpiLossWaterfallQuery['kpiLossWaterfall'];
export type ParetoEntry = DowntimeParetoQuery['downtimePareto'][number];
export type MaintenanceWarning = MaintenanceWarningsQuery['maintenanceWarnings']['edges'][number]['node'];

export const currentShiftKpisChangedSubscription = graphql(`
  subscription CurrentShiftKpisChanged($assetId: ID!) {
    currentShiftKpisChanged(assetId: $assetId) {
      assetId
    }
  }
`);

export const nextShiftStartQuery = graphql(`
  query NextShiftStart($assetId: ID!) {
    nextShiftStart(assetId: $assetId)
  }
`);
