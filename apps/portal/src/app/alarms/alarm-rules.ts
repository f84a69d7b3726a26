import type { AlarmState, Severity } from '../../gql/graphql';

// What the alarms screen shows and allows, as pure functions (the API enforces the same).

export const SEVERITIES: readonly Severity[] = ['critical', 'major', 'minor', 'warning', 'info'];

export const STATE_LABELS: Record<AlarmState, string> = {
  active_unacknowledged: 'Active, unacknowledged',
  active_acknowledged: 'Active, acknowledged',
  cleared_unacknowledged: 'Cleared, unacknowledged',
  cleared_acknowledged: 'Closed',
};

export const SEVERITY_COLORS: Record<Severity, string> = {
  critical: 'red',
  major: 'orange',
  minor: 'yellow',
  warning: 'blue',
  info: 'gray',
};

// The default view: everything still open (closed alarms are history, chosen on purpose).
export const OPEN_STATES: readonly AlarmState[] = [
  'active_unacknowledged',
  'active_acknowledged',
  'cleared_unacknowledged',
];

export type AlarmAction = 'acknowledge' | 'clear';

export function allowedActions(state: AlarmState): AlarmAction[] {
  const actions: AlarmAction[] = [];
  if (state === 'active_unacknowledged' || state === 'cleared_unacknowledged') actions.push('acknowledge');
  if (state === 'active_unacknowledged' || state === 'active_acknowledged') actions.push('clear');
  return actions;
}

export const MAX_COMMENT = 2000;

export function commentProblem(comment: string): string | null {
  return comment.trim().length > MAX_COMMENT ? `At most ${MAX_COMMENT} characters.` : null;
}

export interface AlarmFilterForm {
  severities: Severity[];
  states: AlarmState[];
  siteId: string | null;
}

export function alarmFilterInput(form: AlarmFilterForm) {
  return {
    ...(form.severities.length > 0 ? { severities: form.severities } : {}),
    ...(form.states.length > 0 ? { states: form.states } : {}),
    ...(form.siteId ? { siteId: form.siteId } : {}),
  };
}
