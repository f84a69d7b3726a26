import { graphql } from '../../gql';
import type { AlarmHistoryQuery, AlarmsQuery } from '../../gql/graphql';

// The alarms screen's documents (docs/alarms.md: lifecycle, refusals).

export const alarmsQuery = graphql(`
  query Alarms($filter: AlarmFilterInput, $first: Int!, $after: String) {
    alarms(filter: $filter, first: $first, after: $after) {
      nextCursor
      nodes {
        id
        assetId
        assetName
        siteId
        message
        severity
        state
        raisedAt
        acknowledgedAt
        clearedAt
        shelvedUntil
        occurrences
        lastValue
        ruleName
      }
    }
  }
`);

export const alarmHistoryQuery = graphql(`
  query AlarmHistory($alarmId: ID!) {
    alarmHistory(alarmId: $alarmId, first: 100) {
      edges {
        node {
          id
          action
          at
          comment
          fromState
          toState
          severity
          message
          userId
        }
      }
    }
  }
`);

export const acknowledgeAlarmMutation = graphql(`
  mutation AcknowledgeAlarm($id: ID!, $comment: String) {
    acknowledgeAlarm(id: $id, comment: $comment) {
      id
      state
      acknowledgedAt
    }
  }
`);

export const clearAlarmMutation = graphql(`
  mutation ClearAlarm($id: ID!, $comment: String) {
    clearAlarm(id: $id, comment: $comment) {
      id
      state
      clearedAt
    }
  }
`);

export const alarmChangedSubscription = graphql(`
  subscription AlarmChanged($siteId: ID) {
    alarmChanged(siteId: $siteId) {
      alarmId
      siteId
      at
    }
  }
`);

export type AlarmRow = AlarmsQuery['alarms']['nodes'][number];
export type AlarmHistoryEntry = AlarmHistoryQuery['alarmHistory']['edges'][number]['node'];
