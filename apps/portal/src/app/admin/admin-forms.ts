import type { ApiAccess, ApiDomain, Role } from '../../gql/graphql';
import { addDays, localDate, startOfLocalDate } from '../format/time-zone';

// The API's own limits, said before a round trip; the API still decides.

export const ROLES: readonly { value: Role; label: string }[] = [
  { value: 'admin', label: 'Administrator' },
  { value: 'operator', label: 'Operator' },
  { value: 'technician', label: 'Technician' },
  { value: 'viewer', label: 'Viewer' },
];

export function roleLabel(role: Role): string {
  return ROLES.find((r) => r.value === role)?.label ?? role;
}

export type Problems<K extends string> = Partial<Record<K, string>>;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export interface InviteForm {
  email: string;
  role: Role | null;
}

export function validateInvite(form: InviteForm): Problems<'email' | 'role'> {
  const problems: Problems<'email' | 'role'> = {};
  if (!EMAIL.test(form.email.trim())) problems.email = 'Enter an e-mail address such as name@example.com.';
  if (!form.role) problems.role = 'Choose what the new member may do.';
  return problems;
}

// No sites chosen means every site, as the API reads a missing siteIds.
export function siteIdsInput(siteIds: readonly string[]): string[] | null {
  return siteIds.length === 0 ? null : [...siteIds];
}

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 256;

export interface AcceptForm {
  token: string;
  name: string;
  password: string;
  repeat: string;
}

export function validateAccept(form: AcceptForm): Problems<keyof AcceptForm> {
  const problems: Problems<keyof AcceptForm> = {};
  if (form.token.trim() === '') problems.token = 'Paste the invitation token from your link.';
  if (form.name.trim() === '') problems.name = 'Enter your name as colleagues will see it.';
  else if (form.name.trim().length > 100) problems.name = 'At most 100 characters.';
  if (form.password.length < MIN_PASSWORD_LENGTH)
    problems.password = `At least ${MIN_PASSWORD_LENGTH} characters; a few unrelated words make a good one.`;
  else if (form.password.length > MAX_PASSWORD_LENGTH)
    problems.password = `At most ${MAX_PASSWORD_LENGTH} characters.`;
  if (form.repeat !== form.password) problems.repeat = 'The two passwords differ.';
  return problems;
}

export const API_DOMAINS: readonly { value: ApiDomain; label: string }[] = [
  { value: 'assets', label: 'Assets (the asset tree)' },
  { value: 'kpi', label: 'KPIs' },
  { value: 'fleet', label: 'Fleet (gateways, provisioning)' },
  { value: 'alarms', label: 'Alarms' },
  { value: 'admin', label: 'Administration (members, invitations, audit log)' },
];

export type ScopeChoice = ApiAccess | 'NONE';

export interface ApiKeyForm {
  name: string;
  scopes: Record<ApiDomain, ScopeChoice>;
  // A calendar date in the viewer's zone; empty: never expires.
  expiresOn: string;
}

export function emptyApiKeyForm(): ApiKeyForm {
  return {
    name: '',
    scopes: { assets: 'NONE', kpi: 'NONE', fleet: 'NONE', alarms: 'NONE', admin: 'NONE' },
    expiresOn: '',
  };
}

export function validateApiKey(
  form: ApiKeyForm,
  now: Date,
  timeZone: string,
): Problems<'name' | 'scopes' | 'expiresOn'> {
  const problems: Problems<'name' | 'scopes' | 'expiresOn'> = {};
  const name = form.name.trim();
  if (name === '') problems.name = 'Name the key after what uses it, e.g. "ERP sync (Acme)".';
  else if (name.length > 100) problems.name = 'At most 100 characters.';
  if (Object.values(form.scopes).every((s) => s === 'NONE'))
    problems.scopes = 'Give the key at least one domain to read or write.';
  if (form.expiresOn !== '') {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(form.expiresOn)) problems.expiresOn = 'Enter a date, or leave it empty.';
    else if (form.expiresOn < localDate(now, timeZone)) problems.expiresOn = 'Choose today or a later day.';
  }
  return problems;
}

// A key valid "until" a day works to the end of that day in the viewer's zone.
export function apiKeyInput(form: ApiKeyForm, timeZone: string) {
  return {
    name: form.name.trim(),
    scopes: API_DOMAINS.flatMap(({ value: domain }) => {
      const access = form.scopes[domain];
      return access === 'NONE' ? [] : [{ domain, access }];
    }),
    ...(form.expiresOn
      ? { expiresAt: startOfLocalDate(addDays(form.expiresOn, 1), timeZone).toISOString() }
      : {}),
  };
}

export interface AuditFilterForm {
  action: string;
  entityType: string;
  // "user:<id>" or "key:<id>"; empty: anyone.
  actor: string;
  fromDay: string;
  toDay: string;
}

export const EMPTY_AUDIT_FILTER: AuditFilterForm = {
  action: '',
  entityType: '',
  actor: '',
  fromDay: '',
  toDay: '',
};

export function validateAuditFilter(form: AuditFilterForm): Problems<'toDay'> {
  if (form.fromDay && form.toDay && form.toDay < form.fromDay)
    return { toDay: 'The last day comes before the first.' };
  return {};
}

// Days are the viewer's calendar days; the API's "to" is exclusive, so the last day counts whole.
export function auditFilterInput(form: AuditFilterForm, timeZone: string) {
  const [actorKind, actorId] = form.actor.split(':');
  return {
    ...(form.action.trim() ? { action: form.action.trim() } : {}),
    ...(form.entityType.trim() ? { entityType: form.entityType.trim() } : {}),
    ...(actorKind === 'user' && actorId ? { actorUserId: actorId } : {}),
    ...(actorKind === 'key' && actorId ? { actorApiKeyId: actorId } : {}),
    ...(form.fromDay ? { from: startOfLocalDate(form.fromDay, timeZone).toISOString() } : {}),
    ...(form.toDay ? { to: startOfLocalDate(addDays(form.toDay, 1), timeZone).toISOString() } : {}),
  };
}
