export { hashPassword, verifyPassword } from './password-hasher';
export { AccessTokenService } from './access-token.service';
export type { AccessTokenClaims, IssuedAccessToken } from './access-token.service';
export { AuthRepository } from './auth.repository';
export type {
  LoginStateDecision,
  MembershipAccess,
  TenantMembership,
  UserAccount,
  UserCredentials,
} from './auth.repository';
export { RefreshTokenRepository } from './refresh-token.repository';
export type { NewRefreshToken, StoredRefreshToken } from './refresh-token.repository';
export { SignInService } from './sign-in.service';
export type { SignInRequest, SignInResult } from './sign-in.service';
export { SessionService, REFRESH_TOKEN_TTL_MS, hashRefreshToken } from './session.service';
export type { IssuedRefreshToken, RefreshedSession } from './session.service';
export { PasswordChangeService } from './password-change.service';
export { AddressThrottle, DEFAULT_ADDRESS_THROTTLE } from './address-throttle.service';
export type { AddressAttempt, AddressThrottlePolicy } from './address-throttle.service';
export { DEFAULT_LOCKOUT, AFTER_SUCCESS, activeLock, beginAttempt } from './login-lockout.service';
export type { AttemptDecision, LockoutPolicy, LoginState } from './login-lockout.service';
export { MIN_PASSWORD_LENGTH, assertAcceptablePassword } from './password-policy.service';
export { systemClock } from './clock.service';
export type { Clock } from './clock.service';
export type { Principal, MemberRole } from './principal';
export { auditActorOf } from './principal';
export type { ApiKeyGrant } from './principal';
export { SlidingWindowLimiter } from './sliding-window';
export type { SlidingWindowPolicy, WindowAttempt } from './sliding-window';
export { API_DOMAINS, API_ACCESS, checkScope, normalizeScopes, parseScope, scopeOf } from './api-key-scopes';
export type { ApiAccess, ApiDomain, ApiScope, ScopeGrant, ScopeVerdict } from './api-key-scopes';
export { looksLikeApiKey, parseApiKey } from './api-key-secret';
export { ApiKeyRepository } from './api-key.repository';
export type { ApiKeyRecord } from './api-key.repository';
export { ApiKeyService, LAST_USED_PRECISION_MS } from './api-key.service';
export type { CreateApiKeyRequest, CreatedApiKey } from './api-key.service';
export { MemberRepository } from './member.repository';
export type { ListedMember, Member, MemberFilter, MembershipChange } from './member.repository';
export { InvitationService, INVITATION_TTL_MS } from './invitation.service';
export type { AcceptedInvitation, CreatedInvitation, InviteRequest } from './invitation.service';
export {
  AuditLogRepository,
  MAX_AUDIT_PAGE,
  decodeAuditCursor,
  encodeAuditCursor,
} from './audit-log.repository';
export type { AuditLogEntry, AuditLogFilter, AuditLogPage } from './audit-log.repository';
