/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query Users($first: Int!, $after: String) {\n    users(first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          userId\n          name\n          email\n          role\n          siteIds\n          active\n          memberSince\n        }\n      }\n    }\n  }\n": typeof types.UsersDocument,
    "\n  mutation InviteUser($input: InviteUserInput!) {\n    inviteUser(input: $input) {\n      id\n      email\n      role\n      siteIds\n      expiresAt\n      token\n    }\n  }\n": typeof types.InviteUserDocument,
    "\n  mutation UpdateMembership($input: UpdateMembershipInput!) {\n    updateMembership(input: $input) {\n      userId\n      role\n      siteIds\n      active\n    }\n  }\n": typeof types.UpdateMembershipDocument,
    "\n  mutation DeactivateUser($userId: ID!) {\n    deactivateUser(userId: $userId) {\n      userId\n      active\n    }\n  }\n": typeof types.DeactivateUserDocument,
    "\n  mutation AcceptInvitation($token: String!, $name: String!, $password: String!) {\n    acceptInvitation(token: $token, name: $name, password: $password) {\n      email\n      tenantName\n      tenantSlug\n    }\n  }\n": typeof types.AcceptInvitationDocument,
    "\n  query ApiKeys($first: Int!, $after: String) {\n    apiKeys(first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          name\n          prefix\n          scopes {\n            domain\n            access\n          }\n          createdAt\n          lastUsedAt\n          expiresAt\n          revokedAt\n        }\n      }\n    }\n  }\n": typeof types.ApiKeysDocument,
    "\n  mutation CreateApiKey($input: CreateApiKeyInput!) {\n    createApiKey(input: $input) {\n      key\n      apiKey {\n        id\n        name\n        prefix\n        expiresAt\n      }\n    }\n  }\n": typeof types.CreateApiKeyDocument,
    "\n  mutation RevokeApiKey($id: ID!) {\n    revokeApiKey(id: $id) {\n      id\n      revokedAt\n    }\n  }\n": typeof types.RevokeApiKeyDocument,
    "\n  query AuditLog($filter: AuditLogFilterInput, $after: String, $first: Int!) {\n    auditLog(filter: $filter, after: $after, first: $first) {\n      edges {\n        cursor\n        node {\n          id\n          at\n          action\n          entityType\n          entityId\n          actorUserId\n          actorApiKeyId\n          before\n          after\n        }\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n    }\n  }\n": typeof types.AuditLogDocument,
    "\n  query Alarms($filter: AlarmFilterInput, $first: Int!, $after: String) {\n    alarms(filter: $filter, first: $first, after: $after) {\n      nextCursor\n      nodes {\n        id\n        assetId\n        assetName\n        siteId\n        message\n        severity\n        state\n        raisedAt\n        acknowledgedAt\n        clearedAt\n        shelvedUntil\n        occurrences\n        lastValue\n        ruleName\n      }\n    }\n  }\n": typeof types.AlarmsDocument,
    "\n  query AlarmHistory($alarmId: ID!) {\n    alarmHistory(alarmId: $alarmId, first: 100) {\n      edges {\n        node {\n          id\n          action\n          at\n          comment\n          fromState\n          toState\n          severity\n          message\n          userId\n        }\n      }\n    }\n  }\n": typeof types.AlarmHistoryDocument,
    "\n  mutation AcknowledgeAlarm($id: ID!, $comment: String) {\n    acknowledgeAlarm(id: $id, comment: $comment) {\n      id\n      state\n      acknowledgedAt\n    }\n  }\n": typeof types.AcknowledgeAlarmDocument,
    "\n  mutation ClearAlarm($id: ID!, $comment: String) {\n    clearAlarm(id: $id, comment: $comment) {\n      id\n      state\n      clearedAt\n    }\n  }\n": typeof types.ClearAlarmDocument,
    "\n  subscription AlarmChanged($siteId: ID) {\n    alarmChanged(siteId: $siteId) {\n      alarmId\n      siteId\n      at\n    }\n  }\n": typeof types.AlarmChangedDocument,
    "\n  fragment SessionFields on AuthPayload {\n    accessToken\n    expiresAt\n    role\n    tenantName\n    userName\n  }\n": typeof types.SessionFieldsFragmentDoc,
    "\n  mutation SignIn($email: String!, $password: String!) {\n    login(email: $email, password: $password, clientType: BROWSER) {\n      ...SessionFields\n    }\n  }\n": typeof types.SignInDocument,
    "\n  mutation RefreshSession {\n    refreshSession(clientType: BROWSER) {\n      ...SessionFields\n    }\n  }\n": typeof types.RefreshSessionDocument,
    "\n  mutation SignOut {\n    logout\n  }\n": typeof types.SignOutDocument,
    "\n  query Assets {\n    assets(first: 100) {\n      edges {\n        node {\n          id\n          name\n          kind\n          parentId\n          siteId\n          timeZone\n        }\n      }\n      pageInfo {\n        hasNextPage\n      }\n    }\n  }\n": typeof types.AssetsDocument,
    "\n  fragment KpiFields on KpiBucket {\n    bucketStart\n    bucketEnd\n    shiftName\n    availability\n    effectiveness\n    quality\n    oee\n    idealProductionMs\n    idealGoodMs\n    plannedBusyTimeMs\n    runTimeMs\n    setupTimeMs\n    unplannedStopTimeMs\n    unknownTimeMs\n    producedQuantity\n    scrapQuantity\n    reworkQuantity\n    final\n  }\n": typeof types.KpiFieldsFragmentDoc,
    "\n  query AssetKpis($assetId: ID!, $from: DateTime!, $to: DateTime!, $granularity: KpiGranularity!) {\n    assetKpis: kpis(assetId: $assetId, from: $from, to: $to, granularity: $granularity) {\n      ...KpiFields\n    }\n  }\n": typeof types.AssetKpisDocument,
    "\n  mutation CreateProvisioningClaim($input: CreateProvisioningClaimInput!) {\n    createProvisioningClaim(input: $input) {\n      id\n      siteId\n      token\n      qrPayload\n      expiresAt\n      expectedSerial\n    }\n  }\n": typeof types.CreateProvisioningClaimDocument,
    "\n  query Products($first: Int!, $after: String) {\n    products(first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          code\n          name\n          idealCycleTimeMs\n          machineCycleTimes {\n            machineId\n            machineName\n            idealCycleTimeMs\n          }\n        }\n      }\n    }\n  }\n": typeof types.ProductsDocument,
    "\n  mutation CreateProduct($input: CreateProductInput!) {\n    createProduct(input: $input) {\n      id\n    }\n  }\n": typeof types.CreateProductDocument,
    "\n  mutation UpdateProduct($id: ID!, $input: UpdateProductInput!) {\n    updateProduct(id: $id, input: $input) {\n      id\n      name\n      idealCycleTimeMs\n    }\n  }\n": typeof types.UpdateProductDocument,
    "\n  mutation DeleteProduct($id: ID!) {\n    deleteProduct(id: $id)\n  }\n": typeof types.DeleteProductDocument,
    "\n  mutation SetMachineCycleTime($machineId: ID!, $productId: ID!, $idealCycleTimeMs: Float) {\n    setMachineCycleTime(machineId: $machineId, productId: $productId, idealCycleTimeMs: $idealCycleTimeMs) {\n      machineId\n      idealCycleTimeMs\n    }\n  }\n": typeof types.SetMachineCycleTimeDocument,
    "\n  query DowntimeReasons($first: Int!, $after: String) {\n    downtimeReasons(first: $first, after: $after, includeArchived: true) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          code\n          name\n          lossClass\n          archivedAt\n        }\n      }\n    }\n  }\n": typeof types.DowntimeReasonsDocument,
    "\n  mutation CreateDowntimeReason($input: CreateDowntimeReasonInput!) {\n    createDowntimeReason(input: $input) {\n      id\n    }\n  }\n": typeof types.CreateDowntimeReasonDocument,
    "\n  mutation UpdateDowntimeReason($id: ID!, $input: UpdateDowntimeReasonInput!) {\n    updateDowntimeReason(id: $id, input: $input) {\n      id\n      archivedAt\n    }\n  }\n": typeof types.UpdateDowntimeReasonDocument,
    "\n  query ShiftCalendars($first: Int!, $after: String) {\n    shiftCalendars(first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          name\n          assetId\n          validFrom\n          shifts {\n            id\n            name\n            startTime\n            endTime\n            daysOfWeek\n          }\n          plannedStops {\n            id\n            name\n            startTime\n            endTime\n            daysOfWeek\n          }\n          holidays {\n            id\n            date\n            name\n          }\n        }\n      }\n    }\n  }\n": typeof types.ShiftCalendarsDocument,
    "\n  mutation CreateShiftCalendar($input: CreateShiftCalendarInput!) {\n    createShiftCalendar(input: $input) {\n      id\n    }\n  }\n": typeof types.CreateShiftCalendarDocument,
    "\n  mutation DeleteShiftCalendar($id: ID!) {\n    deleteShiftCalendar(id: $id)\n  }\n": typeof types.DeleteShiftCalendarDocument,
    "\n  mutation SetShift($calendarId: ID!, $input: ShiftInput!) {\n    setShift(calendarId: $calendarId, input: $input) {\n      id\n    }\n  }\n": typeof types.SetShiftDocument,
    "\n  mutation AddPlannedStop($calendarId: ID!, $input: PlannedStopInput!) {\n    addPlannedStop(calendarId: $calendarId, input: $input) {\n      id\n    }\n  }\n": typeof types.AddPlannedStopDocument,
    "\n  mutation AddHoliday($calendarId: ID!, $input: HolidayInput!) {\n    addHoliday(calendarId: $calendarId, input: $input) {\n      id\n    }\n  }\n": typeof types.AddHolidayDocument,
    "\n  mutation RemoveCalendarPart($id: ID!, $part: CalendarPart!) {\n    removeCalendarPart(id: $id, part: $part) {\n      id\n    }\n  }\n": typeof types.RemoveCalendarPartDocument,
    "\n  query CurrentShiftKpis($assetId: ID!) {\n    currentShiftKpis(assetId: $assetId) {\n      ...KpiFields\n    }\n  }\n": typeof types.CurrentShiftKpisDocument,
    "\n  query KpiLossWaterfall($assetId: ID!, $from: DateTime!, $to: DateTime!) {\n    kpiLossWaterfall(assetId: $assetId, from: $from, to: $to) {\n      plannedOperationTimeMs\n      plannedDowntimeMs\n      plannedBusyTimeMs\n      setupMs\n      breakdownsMs\n      minorStopsMs\n      unknownMs\n      runTimeMs\n      reducedSpeedMs\n      startupRejectsMs\n      productionRejectsMs\n      fullyProductiveTimeMs\n      speedAboveIdeal\n    }\n  }\n": typeof types.KpiLossWaterfallDocument,
    "\n  query DowntimePareto($assetId: ID!, $from: DateTime!, $to: DateTime!) {\n    downtimePareto(assetId: $assetId, from: $from, to: $to) {\n      reasonCode\n      reasonName\n      state\n      lossClass\n      durationMs\n      share\n      cumulativeShare\n    }\n  }\n": typeof types.DowntimeParetoDocument,
    "\n  query MaintenanceWarnings($assetId: ID!) {\n    maintenanceWarnings(assetId: $assetId, openOnly: true, first: 20) {\n      totalCount\n      edges {\n        node {\n          id\n          kind\n          metric\n          message\n          severity\n          firstSeenAt\n          lastSeenAt\n          predictedAt\n          occurrences\n        }\n      }\n    }\n  }\n": typeof types.MaintenanceWarningsDocument,
    "\n  subscription MachineStateChanged($siteId: ID) {\n    machineStateChanged(siteId: $siteId) {\n      machineId\n      state\n      at\n    }\n  }\n": typeof types.MachineStateChangedDocument,
    "\n  subscription CurrentShiftKpisChanged($assetId: ID!) {\n    currentShiftKpisChanged(assetId: $assetId) {\n      assetId\n    }\n  }\n": typeof types.CurrentShiftKpisChangedDocument,
    "\n  query NextShiftStart($assetId: ID!) {\n    nextShiftStart(assetId: $assetId)\n  }\n": typeof types.NextShiftStartDocument,
    "\n  fragment GatewayIdentity on Gateway {\n    id\n    name\n    thingName\n    serialNumber\n    status\n    online\n    lastSeenAt\n    agentVersion\n    certificateExpiresAt\n    siteId\n    site {\n      id\n      name\n      timeZone\n    }\n  }\n": typeof types.GatewayIdentityFragmentDoc,
    "\n  query Gateways($first: Int, $after: String) {\n    gateways(first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          ...GatewayIdentity\n          machines {\n            machineId\n            sourceKey\n            machine {\n              id\n              name\n            }\n          }\n        }\n      }\n    }\n  }\n": typeof types.GatewaysDocument,
    "\n  mutation RevokeGateway($id: ID!) {\n    revokeGateway(id: $id) {\n      gatewayId\n      revokedAt\n    }\n  }\n": typeof types.RevokeGatewayDocument,
    "\n  subscription GatewayPresenceChanged {\n    gatewayPresenceChanged {\n      gatewayId\n      online\n      at\n    }\n  }\n": typeof types.GatewayPresenceChangedDocument,
    "\n  query GatewayDetail($id: ID!) {\n    gateway(id: $id) {\n      ...GatewayIdentity\n      desiredConfig\n      desiredVersion\n      desiredSetAt\n      reportedConfig\n      reportedVersion\n      reportedStatus\n      reportedError\n      reportedAt\n      configDifference {\n        inSync\n        paths\n      }\n    }\n  }\n": typeof types.GatewayDetailDocument,
    "\n  query GatewayCommands($id: ID!, $first: Int!, $after: String) {\n    gateway(id: $id) {\n      id\n      commands(first: $first, after: $after) {\n        totalCount\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        edges {\n          node {\n            id\n            name\n            args\n            status\n            issuedAt\n            deadline\n            respondedAt\n            completedAt\n            result\n            error\n          }\n        }\n      }\n    }\n  }\n": typeof types.GatewayCommandsDocument,
    "\n  mutation SetGatewayDesiredConfig($gatewayId: ID!, $config: String!) {\n    setGatewayDesiredConfig(gatewayId: $gatewayId, config: $config) {\n      id\n      desiredConfig\n      desiredVersion\n      desiredSetAt\n      configDifference {\n        inSync\n        paths\n      }\n    }\n  }\n": typeof types.SetGatewayDesiredConfigDocument,
    "\n  mutation SendGatewayCommand($gatewayId: ID!, $name: String!, $timeoutSeconds: Int) {\n    sendGatewayCommand(gatewayId: $gatewayId, name: $name, timeoutSeconds: $timeoutSeconds) {\n      id\n      status\n      deadline\n    }\n  }\n": typeof types.SendGatewayCommandDocument,
    "\n  subscription GatewayTwinChanged($siteId: ID) {\n    gatewayTwinChanged(siteId: $siteId) {\n      gatewayId\n      change\n      commandId\n      at\n    }\n  }\n": typeof types.GatewayTwinChangedDocument,
    "\n  query MachineStateTimeline($machineId: ID!, $from: DateTime!, $to: DateTime!) {\n    machineStateTimeline(machineId: $machineId, from: $from, to: $to) {\n      state\n      reasonCode\n      reasonName\n      start\n      end\n    }\n  }\n": typeof types.MachineStateTimelineDocument,
    "\n  query MachineSensorSeries($machineId: ID!, $from: DateTime!, $to: DateTime!, $maxPoints: Int) {\n    machineSensorSeries(machineId: $machineId, from: $from, to: $to, maxPoints: $maxPoints) {\n      source\n      bucketMs\n      series {\n        metric\n        points {\n          at\n          min\n          avg\n          max\n        }\n      }\n    }\n  }\n": typeof types.MachineSensorSeriesDocument,
    "\n  query FeedingGateways($machineId: ID!) {\n    feedingGateways(machineId: $machineId) {\n      id\n      name\n      serialNumber\n      thingName\n      status\n      online\n      lastSeenAt\n      desiredConfig\n      reportedConfig\n      machines {\n        machineId\n        sourceKey\n        tagMapping {\n          signal\n          source\n        }\n      }\n    }\n  }\n": typeof types.FeedingGatewaysDocument,
    "\n  query SiteStatus($siteId: ID!) {\n    machineStateCounts(assetId: $siteId) {\n      running\n      idle\n      setup\n      plannedStop\n      down\n      unknown\n      total\n    }\n    activeAlarms: alarms(\n      first: 200\n      filter: { siteId: $siteId, states: [active_unacknowledged, active_acknowledged] }\n    ) {\n      nextCursor\n      nodes {\n        id\n        state\n      }\n    }\n    gateways(siteId: $siteId, first: 1) {\n      totalCount\n    }\n    offlineGateways: gateways(siteId: $siteId, online: false, first: 1) {\n      totalCount\n    }\n  }\n": typeof types.SiteStatusDocument,
};
const documents: Documents = {
    "\n  query Users($first: Int!, $after: String) {\n    users(first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          userId\n          name\n          email\n          role\n          siteIds\n          active\n          memberSince\n        }\n      }\n    }\n  }\n": types.UsersDocument,
    "\n  mutation InviteUser($input: InviteUserInput!) {\n    inviteUser(input: $input) {\n      id\n      email\n      role\n      siteIds\n      expiresAt\n      token\n    }\n  }\n": types.InviteUserDocument,
    "\n  mutation UpdateMembership($input: UpdateMembershipInput!) {\n    updateMembership(input: $input) {\n      userId\n      role\n      siteIds\n      active\n    }\n  }\n": types.UpdateMembershipDocument,
    "\n  mutation DeactivateUser($userId: ID!) {\n    deactivateUser(userId: $userId) {\n      userId\n      active\n    }\n  }\n": types.DeactivateUserDocument,
    "\n  mutation AcceptInvitation($token: String!, $name: String!, $password: String!) {\n    acceptInvitation(token: $token, name: $name, password: $password) {\n      email\n      tenantName\n      tenantSlug\n    }\n  }\n": types.AcceptInvitationDocument,
    "\n  query ApiKeys($first: Int!, $after: String) {\n    apiKeys(first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          name\n          prefix\n          scopes {\n            domain\n            access\n          }\n          createdAt\n          lastUsedAt\n          expiresAt\n          revokedAt\n        }\n      }\n    }\n  }\n": types.ApiKeysDocument,
    "\n  mutation CreateApiKey($input: CreateApiKeyInput!) {\n    createApiKey(input: $input) {\n      key\n      apiKey {\n        id\n        name\n        prefix\n        expiresAt\n      }\n    }\n  }\n": types.CreateApiKeyDocument,
    "\n  mutation RevokeApiKey($id: ID!) {\n    revokeApiKey(id: $id) {\n      id\n      revokedAt\n    }\n  }\n": types.RevokeApiKeyDocument,
    "\n  query AuditLog($filter: AuditLogFilterInput, $after: String, $first: Int!) {\n    auditLog(filter: $filter, after: $after, first: $first) {\n      edges {\n        cursor\n        node {\n          id\n          at\n          action\n          entityType\n          entityId\n          actorUserId\n          actorApiKeyId\n          before\n          after\n        }\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n    }\n  }\n": types.AuditLogDocument,
    "\n  query Alarms($filter: AlarmFilterInput, $first: Int!, $after: String) {\n    alarms(filter: $filter, first: $first, after: $after) {\n      nextCursor\n      nodes {\n        id\n        assetId\n        assetName\n        siteId\n        message\n        severity\n        state\n        raisedAt\n        acknowledgedAt\n        clearedAt\n        shelvedUntil\n        occurrences\n        lastValue\n        ruleName\n      }\n    }\n  }\n": types.AlarmsDocument,
    "\n  query AlarmHistory($alarmId: ID!) {\n    alarmHistory(alarmId: $alarmId, first: 100) {\n      edges {\n        node {\n          id\n          action\n          at\n          comment\n          fromState\n          toState\n          severity\n          message\n          userId\n        }\n      }\n    }\n  }\n": types.AlarmHistoryDocument,
    "\n  mutation AcknowledgeAlarm($id: ID!, $comment: String) {\n    acknowledgeAlarm(id: $id, comment: $comment) {\n      id\n      state\n      acknowledgedAt\n    }\n  }\n": types.AcknowledgeAlarmDocument,
    "\n  mutation ClearAlarm($id: ID!, $comment: String) {\n    clearAlarm(id: $id, comment: $comment) {\n      id\n      state\n      clearedAt\n    }\n  }\n": types.ClearAlarmDocument,
    "\n  subscription AlarmChanged($siteId: ID) {\n    alarmChanged(siteId: $siteId) {\n      alarmId\n      siteId\n      at\n    }\n  }\n": types.AlarmChangedDocument,
    "\n  fragment SessionFields on AuthPayload {\n    accessToken\n    expiresAt\n    role\n    tenantName\n    userName\n  }\n": types.SessionFieldsFragmentDoc,
    "\n  mutation SignIn($email: String!, $password: String!) {\n    login(email: $email, password: $password, clientType: BROWSER) {\n      ...SessionFields\n    }\n  }\n": types.SignInDocument,
    "\n  mutation RefreshSession {\n    refreshSession(clientType: BROWSER) {\n      ...SessionFields\n    }\n  }\n": types.RefreshSessionDocument,
    "\n  mutation SignOut {\n    logout\n  }\n": types.SignOutDocument,
    "\n  query Assets {\n    assets(first: 100) {\n      edges {\n        node {\n          id\n          name\n          kind\n          parentId\n          siteId\n          timeZone\n        }\n      }\n      pageInfo {\n        hasNextPage\n      }\n    }\n  }\n": types.AssetsDocument,
    "\n  fragment KpiFields on KpiBucket {\n    bucketStart\n    bucketEnd\n    shiftName\n    availability\n    effectiveness\n    quality\n    oee\n    idealProductionMs\n    idealGoodMs\n    plannedBusyTimeMs\n    runTimeMs\n    setupTimeMs\n    unplannedStopTimeMs\n    unknownTimeMs\n    producedQuantity\n    scrapQuantity\n    reworkQuantity\n    final\n  }\n": types.KpiFieldsFragmentDoc,
    "\n  query AssetKpis($assetId: ID!, $from: DateTime!, $to: DateTime!, $granularity: KpiGranularity!) {\n    assetKpis: kpis(assetId: $assetId, from: $from, to: $to, granularity: $granularity) {\n      ...KpiFields\n    }\n  }\n": types.AssetKpisDocument,
    "\n  mutation CreateProvisioningClaim($input: CreateProvisioningClaimInput!) {\n    createProvisioningClaim(input: $input) {\n      id\n      siteId\n      token\n      qrPayload\n      expiresAt\n      expectedSerial\n    }\n  }\n": types.CreateProvisioningClaimDocument,
    "\n  query Products($first: Int!, $after: String) {\n    products(first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          code\n          name\n          idealCycleTimeMs\n          machineCycleTimes {\n            machineId\n            machineName\n            idealCycleTimeMs\n          }\n        }\n      }\n    }\n  }\n": types.ProductsDocument,
    "\n  mutation CreateProduct($input: CreateProductInput!) {\n    createProduct(input: $input) {\n      id\n    }\n  }\n": types.CreateProductDocument,
    "\n  mutation UpdateProduct($id: ID!, $input: UpdateProductInput!) {\n    updateProduct(id: $id, input: $input) {\n      id\n      name\n      idealCycleTimeMs\n    }\n  }\n": types.UpdateProductDocument,
    "\n  mutation DeleteProduct($id: ID!) {\n    deleteProduct(id: $id)\n  }\n": types.DeleteProductDocument,
    "\n  mutation SetMachineCycleTime($machineId: ID!, $productId: ID!, $idealCycleTimeMs: Float) {\n    setMachineCycleTime(machineId: $machineId, productId: $productId, idealCycleTimeMs: $idealCycleTimeMs) {\n      machineId\n      idealCycleTimeMs\n    }\n  }\n": types.SetMachineCycleTimeDocument,
    "\n  query DowntimeReasons($first: Int!, $after: String) {\n    downtimeReasons(first: $first, after: $after, includeArchived: true) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          code\n          name\n          lossClass\n          archivedAt\n        }\n      }\n    }\n  }\n": types.DowntimeReasonsDocument,
    "\n  mutation CreateDowntimeReason($input: CreateDowntimeReasonInput!) {\n    createDowntimeReason(input: $input) {\n      id\n    }\n  }\n": types.CreateDowntimeReasonDocument,
    "\n  mutation UpdateDowntimeReason($id: ID!, $input: UpdateDowntimeReasonInput!) {\n    updateDowntimeReason(id: $id, input: $input) {\n      id\n      archivedAt\n    }\n  }\n": types.UpdateDowntimeReasonDocument,
    "\n  query ShiftCalendars($first: Int!, $after: String) {\n    shiftCalendars(first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          name\n          assetId\n          validFrom\n          shifts {\n            id\n            name\n            startTime\n            endTime\n            daysOfWeek\n          }\n          plannedStops {\n            id\n            name\n            startTime\n            endTime\n            daysOfWeek\n          }\n          holidays {\n            id\n            date\n            name\n          }\n        }\n      }\n    }\n  }\n": types.ShiftCalendarsDocument,
    "\n  mutation CreateShiftCalendar($input: CreateShiftCalendarInput!) {\n    createShiftCalendar(input: $input) {\n      id\n    }\n  }\n": types.CreateShiftCalendarDocument,
    "\n  mutation DeleteShiftCalendar($id: ID!) {\n    deleteShiftCalendar(id: $id)\n  }\n": types.DeleteShiftCalendarDocument,
    "\n  mutation SetShift($calendarId: ID!, $input: ShiftInput!) {\n    setShift(calendarId: $calendarId, input: $input) {\n      id\n    }\n  }\n": types.SetShiftDocument,
    "\n  mutation AddPlannedStop($calendarId: ID!, $input: PlannedStopInput!) {\n    addPlannedStop(calendarId: $calendarId, input: $input) {\n      id\n    }\n  }\n": types.AddPlannedStopDocument,
    "\n  mutation AddHoliday($calendarId: ID!, $input: HolidayInput!) {\n    addHoliday(calendarId: $calendarId, input: $input) {\n      id\n    }\n  }\n": types.AddHolidayDocument,
    "\n  mutation RemoveCalendarPart($id: ID!, $part: CalendarPart!) {\n    removeCalendarPart(id: $id, part: $part) {\n      id\n    }\n  }\n": types.RemoveCalendarPartDocument,
    "\n  query CurrentShiftKpis($assetId: ID!) {\n    currentShiftKpis(assetId: $assetId) {\n      ...KpiFields\n    }\n  }\n": types.CurrentShiftKpisDocument,
    "\n  query KpiLossWaterfall($assetId: ID!, $from: DateTime!, $to: DateTime!) {\n    kpiLossWaterfall(assetId: $assetId, from: $from, to: $to) {\n      plannedOperationTimeMs\n      plannedDowntimeMs\n      plannedBusyTimeMs\n      setupMs\n      breakdownsMs\n      minorStopsMs\n      unknownMs\n      runTimeMs\n      reducedSpeedMs\n      startupRejectsMs\n      productionRejectsMs\n      fullyProductiveTimeMs\n      speedAboveIdeal\n    }\n  }\n": types.KpiLossWaterfallDocument,
    "\n  query DowntimePareto($assetId: ID!, $from: DateTime!, $to: DateTime!) {\n    downtimePareto(assetId: $assetId, from: $from, to: $to) {\n      reasonCode\n      reasonName\n      state\n      lossClass\n      durationMs\n      share\n      cumulativeShare\n    }\n  }\n": types.DowntimeParetoDocument,
    "\n  query MaintenanceWarnings($assetId: ID!) {\n    maintenanceWarnings(assetId: $assetId, openOnly: true, first: 20) {\n      totalCount\n      edges {\n        node {\n          id\n          kind\n          metric\n          message\n          severity\n          firstSeenAt\n          lastSeenAt\n          predictedAt\n          occurrences\n        }\n      }\n    }\n  }\n": types.MaintenanceWarningsDocument,
    "\n  subscription MachineStateChanged($siteId: ID) {\n    machineStateChanged(siteId: $siteId) {\n      machineId\n      state\n      at\n    }\n  }\n": types.MachineStateChangedDocument,
    "\n  subscription CurrentShiftKpisChanged($assetId: ID!) {\n    currentShiftKpisChanged(assetId: $assetId) {\n      assetId\n    }\n  }\n": types.CurrentShiftKpisChangedDocument,
    "\n  query NextShiftStart($assetId: ID!) {\n    nextShiftStart(assetId: $assetId)\n  }\n": types.NextShiftStartDocument,
    "\n  fragment GatewayIdentity on Gateway {\n    id\n    name\n    thingName\n    serialNumber\n    status\n    online\n    lastSeenAt\n    agentVersion\n    certificateExpiresAt\n    siteId\n    site {\n      id\n      name\n      timeZone\n    }\n  }\n": types.GatewayIdentityFragmentDoc,
    "\n  query Gateways($first: Int, $after: String) {\n    gateways(first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          ...GatewayIdentity\n          machines {\n            machineId\n            sourceKey\n            machine {\n              id\n              name\n            }\n          }\n        }\n      }\n    }\n  }\n": types.GatewaysDocument,
    "\n  mutation RevokeGateway($id: ID!) {\n    revokeGateway(id: $id) {\n      gatewayId\n      revokedAt\n    }\n  }\n": types.RevokeGatewayDocument,
    "\n  subscription GatewayPresenceChanged {\n    gatewayPresenceChanged {\n      gatewayId\n      online\n      at\n    }\n  }\n": types.GatewayPresenceChangedDocument,
    "\n  query GatewayDetail($id: ID!) {\n    gateway(id: $id) {\n      ...GatewayIdentity\n      desiredConfig\n      desiredVersion\n      desiredSetAt\n      reportedConfig\n      reportedVersion\n      reportedStatus\n      reportedError\n      reportedAt\n      configDifference {\n        inSync\n        paths\n      }\n    }\n  }\n": types.GatewayDetailDocument,
    "\n  query GatewayCommands($id: ID!, $first: Int!, $after: String) {\n    gateway(id: $id) {\n      id\n      commands(first: $first, after: $after) {\n        totalCount\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        edges {\n          node {\n            id\n            name\n            args\n            status\n            issuedAt\n            deadline\n            respondedAt\n            completedAt\n            result\n            error\n          }\n        }\n      }\n    }\n  }\n": types.GatewayCommandsDocument,
    "\n  mutation SetGatewayDesiredConfig($gatewayId: ID!, $config: String!) {\n    setGatewayDesiredConfig(gatewayId: $gatewayId, config: $config) {\n      id\n      desiredConfig\n      desiredVersion\n      desiredSetAt\n      configDifference {\n        inSync\n        paths\n      }\n    }\n  }\n": types.SetGatewayDesiredConfigDocument,
    "\n  mutation SendGatewayCommand($gatewayId: ID!, $name: String!, $timeoutSeconds: Int) {\n    sendGatewayCommand(gatewayId: $gatewayId, name: $name, timeoutSeconds: $timeoutSeconds) {\n      id\n      status\n      deadline\n    }\n  }\n": types.SendGatewayCommandDocument,
    "\n  subscription GatewayTwinChanged($siteId: ID) {\n    gatewayTwinChanged(siteId: $siteId) {\n      gatewayId\n      change\n      commandId\n      at\n    }\n  }\n": types.GatewayTwinChangedDocument,
    "\n  query MachineStateTimeline($machineId: ID!, $from: DateTime!, $to: DateTime!) {\n    machineStateTimeline(machineId: $machineId, from: $from, to: $to) {\n      state\n      reasonCode\n      reasonName\n      start\n      end\n    }\n  }\n": types.MachineStateTimelineDocument,
    "\n  query MachineSensorSeries($machineId: ID!, $from: DateTime!, $to: DateTime!, $maxPoints: Int) {\n    machineSensorSeries(machineId: $machineId, from: $from, to: $to, maxPoints: $maxPoints) {\n      source\n      bucketMs\n      series {\n        metric\n        points {\n          at\n          min\n          avg\n          max\n        }\n      }\n    }\n  }\n": types.MachineSensorSeriesDocument,
    "\n  query FeedingGateways($machineId: ID!) {\n    feedingGateways(machineId: $machineId) {\n      id\n      name\n      serialNumber\n      thingName\n      status\n      online\n      lastSeenAt\n      desiredConfig\n      reportedConfig\n      machines {\n        machineId\n        sourceKey\n        tagMapping {\n          signal\n          source\n        }\n      }\n    }\n  }\n": types.FeedingGatewaysDocument,
    "\n  query SiteStatus($siteId: ID!) {\n    machineStateCounts(assetId: $siteId) {\n      running\n      idle\n      setup\n      plannedStop\n      down\n      unknown\n      total\n    }\n    activeAlarms: alarms(\n      first: 200\n      filter: { siteId: $siteId, states: [active_unacknowledged, active_acknowledged] }\n    ) {\n      nextCursor\n      nodes {\n        id\n        state\n      }\n    }\n    gateways(siteId: $siteId, first: 1) {\n      totalCount\n    }\n    offlineGateways: gateways(siteId: $siteId, online: false, first: 1) {\n      totalCount\n    }\n  }\n": types.SiteStatusDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Users($first: Int!, $after: String) {\n    users(first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          userId\n          name\n          email\n          role\n          siteIds\n          active\n          memberSince\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Users($first: Int!, $after: String) {\n    users(first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          userId\n          name\n          email\n          role\n          siteIds\n          active\n          memberSince\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation InviteUser($input: InviteUserInput!) {\n    inviteUser(input: $input) {\n      id\n      email\n      role\n      siteIds\n      expiresAt\n      token\n    }\n  }\n"): (typeof documents)["\n  mutation InviteUser($input: InviteUserInput!) {\n    inviteUser(input: $input) {\n      id\n      email\n      role\n      siteIds\n      expiresAt\n      token\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateMembership($input: UpdateMembershipInput!) {\n    updateMembership(input: $input) {\n      userId\n      role\n      siteIds\n      active\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateMembership($input: UpdateMembershipInput!) {\n    updateMembership(input: $input) {\n      userId\n      role\n      siteIds\n      active\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeactivateUser($userId: ID!) {\n    deactivateUser(userId: $userId) {\n      userId\n      active\n    }\n  }\n"): (typeof documents)["\n  mutation DeactivateUser($userId: ID!) {\n    deactivateUser(userId: $userId) {\n      userId\n      active\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AcceptInvitation($token: String!, $name: String!, $password: String!) {\n    acceptInvitation(token: $token, name: $name, password: $password) {\n      email\n      tenantName\n      tenantSlug\n    }\n  }\n"): (typeof documents)["\n  mutation AcceptInvitation($token: String!, $name: String!, $password: String!) {\n    acceptInvitation(token: $token, name: $name, password: $password) {\n      email\n      tenantName\n      tenantSlug\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ApiKeys($first: Int!, $after: String) {\n    apiKeys(first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          name\n          prefix\n          scopes {\n            domain\n            access\n          }\n          createdAt\n          lastUsedAt\n          expiresAt\n          revokedAt\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query ApiKeys($first: Int!, $after: String) {\n    apiKeys(first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          name\n          prefix\n          scopes {\n            domain\n            access\n          }\n          createdAt\n          lastUsedAt\n          expiresAt\n          revokedAt\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateApiKey($input: CreateApiKeyInput!) {\n    createApiKey(input: $input) {\n      key\n      apiKey {\n        id\n        name\n        prefix\n        expiresAt\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CreateApiKey($input: CreateApiKeyInput!) {\n    createApiKey(input: $input) {\n      key\n      apiKey {\n        id\n        name\n        prefix\n        expiresAt\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RevokeApiKey($id: ID!) {\n    revokeApiKey(id: $id) {\n      id\n      revokedAt\n    }\n  }\n"): (typeof documents)["\n  mutation RevokeApiKey($id: ID!) {\n    revokeApiKey(id: $id) {\n      id\n      revokedAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuditLog($filter: AuditLogFilterInput, $after: String, $first: Int!) {\n    auditLog(filter: $filter, after: $after, first: $first) {\n      edges {\n        cursor\n        node {\n          id\n          at\n          action\n          entityType\n          entityId\n          actorUserId\n          actorApiKeyId\n          before\n          after\n        }\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n    }\n  }\n"): (typeof documents)["\n  query AuditLog($filter: AuditLogFilterInput, $after: String, $first: Int!) {\n    auditLog(filter: $filter, after: $after, first: $first) {\n      edges {\n        cursor\n        node {\n          id\n          at\n          action\n          entityType\n          entityId\n          actorUserId\n          actorApiKeyId\n          before\n          after\n        }\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Alarms($filter: AlarmFilterInput, $first: Int!, $after: String) {\n    alarms(filter: $filter, first: $first, after: $after) {\n      nextCursor\n      nodes {\n        id\n        assetId\n        assetName\n        siteId\n        message\n        severity\n        state\n        raisedAt\n        acknowledgedAt\n        clearedAt\n        shelvedUntil\n        occurrences\n        lastValue\n        ruleName\n      }\n    }\n  }\n"): (typeof documents)["\n  query Alarms($filter: AlarmFilterInput, $first: Int!, $after: String) {\n    alarms(filter: $filter, first: $first, after: $after) {\n      nextCursor\n      nodes {\n        id\n        assetId\n        assetName\n        siteId\n        message\n        severity\n        state\n        raisedAt\n        acknowledgedAt\n        clearedAt\n        shelvedUntil\n        occurrences\n        lastValue\n        ruleName\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AlarmHistory($alarmId: ID!) {\n    alarmHistory(alarmId: $alarmId, first: 100) {\n      edges {\n        node {\n          id\n          action\n          at\n          comment\n          fromState\n          toState\n          severity\n          message\n          userId\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query AlarmHistory($alarmId: ID!) {\n    alarmHistory(alarmId: $alarmId, first: 100) {\n      edges {\n        node {\n          id\n          action\n          at\n          comment\n          fromState\n          toState\n          severity\n          message\n          userId\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AcknowledgeAlarm($id: ID!, $comment: String) {\n    acknowledgeAlarm(id: $id, comment: $comment) {\n      id\n      state\n      acknowledgedAt\n    }\n  }\n"): (typeof documents)["\n  mutation AcknowledgeAlarm($id: ID!, $comment: String) {\n    acknowledgeAlarm(id: $id, comment: $comment) {\n      id\n      state\n      acknowledgedAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ClearAlarm($id: ID!, $comment: String) {\n    clearAlarm(id: $id, comment: $comment) {\n      id\n      state\n      clearedAt\n    }\n  }\n"): (typeof documents)["\n  mutation ClearAlarm($id: ID!, $comment: String) {\n    clearAlarm(id: $id, comment: $comment) {\n      id\n      state\n      clearedAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription AlarmChanged($siteId: ID) {\n    alarmChanged(siteId: $siteId) {\n      alarmId\n      siteId\n      at\n    }\n  }\n"): (typeof documents)["\n  subscription AlarmChanged($siteId: ID) {\n    alarmChanged(siteId: $siteId) {\n      alarmId\n      siteId\n      at\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment SessionFields on AuthPayload {\n    accessToken\n    expiresAt\n    role\n    tenantName\n    userName\n  }\n"): (typeof documents)["\n  fragment SessionFields on AuthPayload {\n    accessToken\n    expiresAt\n    role\n    tenantName\n    userName\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SignIn($email: String!, $password: String!) {\n    login(email: $email, password: $password, clientType: BROWSER) {\n      ...SessionFields\n    }\n  }\n"): (typeof documents)["\n  mutation SignIn($email: String!, $password: String!) {\n    login(email: $email, password: $password, clientType: BROWSER) {\n      ...SessionFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RefreshSession {\n    refreshSession(clientType: BROWSER) {\n      ...SessionFields\n    }\n  }\n"): (typeof documents)["\n  mutation RefreshSession {\n    refreshSession(clientType: BROWSER) {\n      ...SessionFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SignOut {\n    logout\n  }\n"): (typeof documents)["\n  mutation SignOut {\n    logout\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Assets {\n    assets(first: 100) {\n      edges {\n        node {\n          id\n          name\n          kind\n          parentId\n          siteId\n          timeZone\n        }\n      }\n      pageInfo {\n        hasNextPage\n      }\n    }\n  }\n"): (typeof documents)["\n  query Assets {\n    assets(first: 100) {\n      edges {\n        node {\n          id\n          name\n          kind\n          parentId\n          siteId\n          timeZone\n        }\n      }\n      pageInfo {\n        hasNextPage\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment KpiFields on KpiBucket {\n    bucketStart\n    bucketEnd\n    shiftName\n    availability\n    effectiveness\n    quality\n    oee\n    idealProductionMs\n    idealGoodMs\n    plannedBusyTimeMs\n    runTimeMs\n    setupTimeMs\n    unplannedStopTimeMs\n    unknownTimeMs\n    producedQuantity\n    scrapQuantity\n    reworkQuantity\n    final\n  }\n"): (typeof documents)["\n  fragment KpiFields on KpiBucket {\n    bucketStart\n    bucketEnd\n    shiftName\n    availability\n    effectiveness\n    quality\n    oee\n    idealProductionMs\n    idealGoodMs\n    plannedBusyTimeMs\n    runTimeMs\n    setupTimeMs\n    unplannedStopTimeMs\n    unknownTimeMs\n    producedQuantity\n    scrapQuantity\n    reworkQuantity\n    final\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AssetKpis($assetId: ID!, $from: DateTime!, $to: DateTime!, $granularity: KpiGranularity!) {\n    assetKpis: kpis(assetId: $assetId, from: $from, to: $to, granularity: $granularity) {\n      ...KpiFields\n    }\n  }\n"): (typeof documents)["\n  query AssetKpis($assetId: ID!, $from: DateTime!, $to: DateTime!, $granularity: KpiGranularity!) {\n    assetKpis: kpis(assetId: $assetId, from: $from, to: $to, granularity: $granularity) {\n      ...KpiFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateProvisioningClaim($input: CreateProvisioningClaimInput!) {\n    createProvisioningClaim(input: $input) {\n      id\n      siteId\n      token\n      qrPayload\n      expiresAt\n      expectedSerial\n    }\n  }\n"): (typeof documents)["\n  mutation CreateProvisioningClaim($input: CreateProvisioningClaimInput!) {\n    createProvisioningClaim(input: $input) {\n      id\n      siteId\n      token\n      qrPayload\n      expiresAt\n      expectedSerial\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Products($first: Int!, $after: String) {\n    products(first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          code\n          name\n          idealCycleTimeMs\n          machineCycleTimes {\n            machineId\n            machineName\n            idealCycleTimeMs\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Products($first: Int!, $after: String) {\n    products(first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          code\n          name\n          idealCycleTimeMs\n          machineCycleTimes {\n            machineId\n            machineName\n            idealCycleTimeMs\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateProduct($input: CreateProductInput!) {\n    createProduct(input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation CreateProduct($input: CreateProductInput!) {\n    createProduct(input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateProduct($id: ID!, $input: UpdateProductInput!) {\n    updateProduct(id: $id, input: $input) {\n      id\n      name\n      idealCycleTimeMs\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateProduct($id: ID!, $input: UpdateProductInput!) {\n    updateProduct(id: $id, input: $input) {\n      id\n      name\n      idealCycleTimeMs\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteProduct($id: ID!) {\n    deleteProduct(id: $id)\n  }\n"): (typeof documents)["\n  mutation DeleteProduct($id: ID!) {\n    deleteProduct(id: $id)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetMachineCycleTime($machineId: ID!, $productId: ID!, $idealCycleTimeMs: Float) {\n    setMachineCycleTime(machineId: $machineId, productId: $productId, idealCycleTimeMs: $idealCycleTimeMs) {\n      machineId\n      idealCycleTimeMs\n    }\n  }\n"): (typeof documents)["\n  mutation SetMachineCycleTime($machineId: ID!, $productId: ID!, $idealCycleTimeMs: Float) {\n    setMachineCycleTime(machineId: $machineId, productId: $productId, idealCycleTimeMs: $idealCycleTimeMs) {\n      machineId\n      idealCycleTimeMs\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DowntimeReasons($first: Int!, $after: String) {\n    downtimeReasons(first: $first, after: $after, includeArchived: true) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          code\n          name\n          lossClass\n          archivedAt\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query DowntimeReasons($first: Int!, $after: String) {\n    downtimeReasons(first: $first, after: $after, includeArchived: true) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          code\n          name\n          lossClass\n          archivedAt\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateDowntimeReason($input: CreateDowntimeReasonInput!) {\n    createDowntimeReason(input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation CreateDowntimeReason($input: CreateDowntimeReasonInput!) {\n    createDowntimeReason(input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateDowntimeReason($id: ID!, $input: UpdateDowntimeReasonInput!) {\n    updateDowntimeReason(id: $id, input: $input) {\n      id\n      archivedAt\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateDowntimeReason($id: ID!, $input: UpdateDowntimeReasonInput!) {\n    updateDowntimeReason(id: $id, input: $input) {\n      id\n      archivedAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ShiftCalendars($first: Int!, $after: String) {\n    shiftCalendars(first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          name\n          assetId\n          validFrom\n          shifts {\n            id\n            name\n            startTime\n            endTime\n            daysOfWeek\n          }\n          plannedStops {\n            id\n            name\n            startTime\n            endTime\n            daysOfWeek\n          }\n          holidays {\n            id\n            date\n            name\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query ShiftCalendars($first: Int!, $after: String) {\n    shiftCalendars(first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          name\n          assetId\n          validFrom\n          shifts {\n            id\n            name\n            startTime\n            endTime\n            daysOfWeek\n          }\n          plannedStops {\n            id\n            name\n            startTime\n            endTime\n            daysOfWeek\n          }\n          holidays {\n            id\n            date\n            name\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateShiftCalendar($input: CreateShiftCalendarInput!) {\n    createShiftCalendar(input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation CreateShiftCalendar($input: CreateShiftCalendarInput!) {\n    createShiftCalendar(input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteShiftCalendar($id: ID!) {\n    deleteShiftCalendar(id: $id)\n  }\n"): (typeof documents)["\n  mutation DeleteShiftCalendar($id: ID!) {\n    deleteShiftCalendar(id: $id)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetShift($calendarId: ID!, $input: ShiftInput!) {\n    setShift(calendarId: $calendarId, input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation SetShift($calendarId: ID!, $input: ShiftInput!) {\n    setShift(calendarId: $calendarId, input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AddPlannedStop($calendarId: ID!, $input: PlannedStopInput!) {\n    addPlannedStop(calendarId: $calendarId, input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation AddPlannedStop($calendarId: ID!, $input: PlannedStopInput!) {\n    addPlannedStop(calendarId: $calendarId, input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AddHoliday($calendarId: ID!, $input: HolidayInput!) {\n    addHoliday(calendarId: $calendarId, input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation AddHoliday($calendarId: ID!, $input: HolidayInput!) {\n    addHoliday(calendarId: $calendarId, input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RemoveCalendarPart($id: ID!, $part: CalendarPart!) {\n    removeCalendarPart(id: $id, part: $part) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation RemoveCalendarPart($id: ID!, $part: CalendarPart!) {\n    removeCalendarPart(id: $id, part: $part) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CurrentShiftKpis($assetId: ID!) {\n    currentShiftKpis(assetId: $assetId) {\n      ...KpiFields\n    }\n  }\n"): (typeof documents)["\n  query CurrentShiftKpis($assetId: ID!) {\n    currentShiftKpis(assetId: $assetId) {\n      ...KpiFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query KpiLossWaterfall($assetId: ID!, $from: DateTime!, $to: DateTime!) {\n    kpiLossWaterfall(assetId: $assetId, from: $from, to: $to) {\n      plannedOperationTimeMs\n      plannedDowntimeMs\n      plannedBusyTimeMs\n      setupMs\n      breakdownsMs\n      minorStopsMs\n      unknownMs\n      runTimeMs\n      reducedSpeedMs\n      startupRejectsMs\n      productionRejectsMs\n      fullyProductiveTimeMs\n      speedAboveIdeal\n    }\n  }\n"): (typeof documents)["\n  query KpiLossWaterfall($assetId: ID!, $from: DateTime!, $to: DateTime!) {\n    kpiLossWaterfall(assetId: $assetId, from: $from, to: $to) {\n      plannedOperationTimeMs\n      plannedDowntimeMs\n      plannedBusyTimeMs\n      setupMs\n      breakdownsMs\n      minorStopsMs\n      unknownMs\n      runTimeMs\n      reducedSpeedMs\n      startupRejectsMs\n      productionRejectsMs\n      fullyProductiveTimeMs\n      speedAboveIdeal\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DowntimePareto($assetId: ID!, $from: DateTime!, $to: DateTime!) {\n    downtimePareto(assetId: $assetId, from: $from, to: $to) {\n      reasonCode\n      reasonName\n      state\n      lossClass\n      durationMs\n      share\n      cumulativeShare\n    }\n  }\n"): (typeof documents)["\n  query DowntimePareto($assetId: ID!, $from: DateTime!, $to: DateTime!) {\n    downtimePareto(assetId: $assetId, from: $from, to: $to) {\n      reasonCode\n      reasonName\n      state\n      lossClass\n      durationMs\n      share\n      cumulativeShare\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MaintenanceWarnings($assetId: ID!) {\n    maintenanceWarnings(assetId: $assetId, openOnly: true, first: 20) {\n      totalCount\n      edges {\n        node {\n          id\n          kind\n          metric\n          message\n          severity\n          firstSeenAt\n          lastSeenAt\n          predictedAt\n          occurrences\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query MaintenanceWarnings($assetId: ID!) {\n    maintenanceWarnings(assetId: $assetId, openOnly: true, first: 20) {\n      totalCount\n      edges {\n        node {\n          id\n          kind\n          metric\n          message\n          severity\n          firstSeenAt\n          lastSeenAt\n          predictedAt\n          occurrences\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription MachineStateChanged($siteId: ID) {\n    machineStateChanged(siteId: $siteId) {\n      machineId\n      state\n      at\n    }\n  }\n"): (typeof documents)["\n  subscription MachineStateChanged($siteId: ID) {\n    machineStateChanged(siteId: $siteId) {\n      machineId\n      state\n      at\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription CurrentShiftKpisChanged($assetId: ID!) {\n    currentShiftKpisChanged(assetId: $assetId) {\n      assetId\n    }\n  }\n"): (typeof documents)["\n  subscription CurrentShiftKpisChanged($assetId: ID!) {\n    currentShiftKpisChanged(assetId: $assetId) {\n      assetId\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query NextShiftStart($assetId: ID!) {\n    nextShiftStart(assetId: $assetId)\n  }\n"): (typeof documents)["\n  query NextShiftStart($assetId: ID!) {\n    nextShiftStart(assetId: $assetId)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment GatewayIdentity on Gateway {\n    id\n    name\n    thingName\n    serialNumber\n    status\n    online\n    lastSeenAt\n    agentVersion\n    certificateExpiresAt\n    siteId\n    site {\n      id\n      name\n      timeZone\n    }\n  }\n"): (typeof documents)["\n  fragment GatewayIdentity on Gateway {\n    id\n    name\n    thingName\n    serialNumber\n    status\n    online\n    lastSeenAt\n    agentVersion\n    certificateExpiresAt\n    siteId\n    site {\n      id\n      name\n      timeZone\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Gateways($first: Int, $after: String) {\n    gateways(first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          ...GatewayIdentity\n          machines {\n            machineId\n            sourceKey\n            machine {\n              id\n              name\n            }\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Gateways($first: Int, $after: String) {\n    gateways(first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          ...GatewayIdentity\n          machines {\n            machineId\n            sourceKey\n            machine {\n              id\n              name\n            }\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RevokeGateway($id: ID!) {\n    revokeGateway(id: $id) {\n      gatewayId\n      revokedAt\n    }\n  }\n"): (typeof documents)["\n  mutation RevokeGateway($id: ID!) {\n    revokeGateway(id: $id) {\n      gatewayId\n      revokedAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription GatewayPresenceChanged {\n    gatewayPresenceChanged {\n      gatewayId\n      online\n      at\n    }\n  }\n"): (typeof documents)["\n  subscription GatewayPresenceChanged {\n    gatewayPresenceChanged {\n      gatewayId\n      online\n      at\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query GatewayDetail($id: ID!) {\n    gateway(id: $id) {\n      ...GatewayIdentity\n      desiredConfig\n      desiredVersion\n      desiredSetAt\n      reportedConfig\n      reportedVersion\n      reportedStatus\n      reportedError\n      reportedAt\n      configDifference {\n        inSync\n        paths\n      }\n    }\n  }\n"): (typeof documents)["\n  query GatewayDetail($id: ID!) {\n    gateway(id: $id) {\n      ...GatewayIdentity\n      desiredConfig\n      desiredVersion\n      desiredSetAt\n      reportedConfig\n      reportedVersion\n      reportedStatus\n      reportedError\n      reportedAt\n      configDifference {\n        inSync\n        paths\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query GatewayCommands($id: ID!, $first: Int!, $after: String) {\n    gateway(id: $id) {\n      id\n      commands(first: $first, after: $after) {\n        totalCount\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        edges {\n          node {\n            id\n            name\n            args\n            status\n            issuedAt\n            deadline\n            respondedAt\n            completedAt\n            result\n            error\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query GatewayCommands($id: ID!, $first: Int!, $after: String) {\n    gateway(id: $id) {\n      id\n      commands(first: $first, after: $after) {\n        totalCount\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        edges {\n          node {\n            id\n            name\n            args\n            status\n            issuedAt\n            deadline\n            respondedAt\n            completedAt\n            result\n            error\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetGatewayDesiredConfig($gatewayId: ID!, $config: String!) {\n    setGatewayDesiredConfig(gatewayId: $gatewayId, config: $config) {\n      id\n      desiredConfig\n      desiredVersion\n      desiredSetAt\n      configDifference {\n        inSync\n        paths\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation SetGatewayDesiredConfig($gatewayId: ID!, $config: String!) {\n    setGatewayDesiredConfig(gatewayId: $gatewayId, config: $config) {\n      id\n      desiredConfig\n      desiredVersion\n      desiredSetAt\n      configDifference {\n        inSync\n        paths\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SendGatewayCommand($gatewayId: ID!, $name: String!, $timeoutSeconds: Int) {\n    sendGatewayCommand(gatewayId: $gatewayId, name: $name, timeoutSeconds: $timeoutSeconds) {\n      id\n      status\n      deadline\n    }\n  }\n"): (typeof documents)["\n  mutation SendGatewayCommand($gatewayId: ID!, $name: String!, $timeoutSeconds: Int) {\n    sendGatewayCommand(gatewayId: $gatewayId, name: $name, timeoutSeconds: $timeoutSeconds) {\n      id\n      status\n      deadline\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription GatewayTwinChanged($siteId: ID) {\n    gatewayTwinChanged(siteId: $siteId) {\n      gatewayId\n      change\n      commandId\n      at\n    }\n  }\n"): (typeof documents)["\n  subscription GatewayTwinChanged($siteId: ID) {\n    gatewayTwinChanged(siteId: $siteId) {\n      gatewayId\n      change\n      commandId\n      at\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MachineStateTimeline($machineId: ID!, $from: DateTime!, $to: DateTime!) {\n    machineStateTimeline(machineId: $machineId, from: $from, to: $to) {\n      state\n      reasonCode\n      reasonName\n      start\n      end\n    }\n  }\n"): (typeof documents)["\n  query MachineStateTimeline($machineId: ID!, $from: DateTime!, $to: DateTime!) {\n    machineStateTimeline(machineId: $machineId, from: $from, to: $to) {\n      state\n      reasonCode\n      reasonName\n      start\n      end\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MachineSensorSeries($machineId: ID!, $from: DateTime!, $to: DateTime!, $maxPoints: Int) {\n    machineSensorSeries(machineId: $machineId, from: $from, to: $to, maxPoints: $maxPoints) {\n      source\n      bucketMs\n      series {\n        metric\n        points {\n          at\n          min\n          avg\n          max\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query MachineSensorSeries($machineId: ID!, $from: DateTime!, $to: DateTime!, $maxPoints: Int) {\n    machineSensorSeries(machineId: $machineId, from: $from, to: $to, maxPoints: $maxPoints) {\n      source\n      bucketMs\n      series {\n        metric\n        points {\n          at\n          min\n          avg\n          max\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FeedingGateways($machineId: ID!) {\n    feedingGateways(machineId: $machineId) {\n      id\n      name\n      serialNumber\n      thingName\n      status\n      online\n      lastSeenAt\n      desiredConfig\n      reportedConfig\n      machines {\n        machineId\n        sourceKey\n        tagMapping {\n          signal\n          source\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query FeedingGateways($machineId: ID!) {\n    feedingGateways(machineId: $machineId) {\n      id\n      name\n      serialNumber\n      thingName\n      status\n      online\n      lastSeenAt\n      desiredConfig\n      reportedConfig\n      machines {\n        machineId\n        sourceKey\n        tagMapping {\n          signal\n          source\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SiteStatus($siteId: ID!) {\n    machineStateCounts(assetId: $siteId) {\n      running\n      idle\n      setup\n      plannedStop\n      down\n      unknown\n      total\n    }\n    activeAlarms: alarms(\n      first: 200\n      filter: { siteId: $siteId, states: [active_unacknowledged, active_acknowledged] }\n    ) {\n      nextCursor\n      nodes {\n        id\n        state\n      }\n    }\n    gateways(siteId: $siteId, first: 1) {\n      totalCount\n    }\n    offlineGateways: gateways(siteId: $siteId, online: false, first: 1) {\n      totalCount\n    }\n  }\n"): (typeof documents)["\n  query SiteStatus($siteId: ID!) {\n    machineStateCounts(assetId: $siteId) {\n      running\n      idle\n      setup\n      plannedStop\n      down\n      unknown\n      total\n    }\n    activeAlarms: alarms(\n      first: 200\n      filter: { siteId: $siteId, states: [active_unacknowledged, active_acknowledged] }\n    ) {\n      nextCursor\n      nodes {\n        id\n        state\n      }\n    }\n    gateways(siteId: $siteId, first: 1) {\n      totalCount\n    }\n    offlineGateways: gateways(siteId: $siteId, online: false, first: 1) {\n      totalCount\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;