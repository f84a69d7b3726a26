export enum AlarmLifecycleErrorCode {
  NoOpenAlarm = 'ALARM_NO_OPEN_ALARM',
  AlarmClosed = 'ALARM_CLOSED',
  AlreadyAcknowledged = 'ALARM_ALREADY_ACKNOWLEDGED',
  AlreadyCleared = 'ALARM_ALREADY_CLEARED',
  NotActive = 'ALARM_NOT_ACTIVE',
  NotShelved = 'ALARM_NOT_SHELVED',
  InvalidShelvePeriod = 'ALARM_INVALID_SHELVE_PERIOD',
}

// Knows nothing of HTTP or GraphQL: the API's global filter maps the code.
export class AlarmLifecycleError extends Error {
  constructor(
    readonly code: AlarmLifecycleErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'AlarmLifecycleError';
  }
}
