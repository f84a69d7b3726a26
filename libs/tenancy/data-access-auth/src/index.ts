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
