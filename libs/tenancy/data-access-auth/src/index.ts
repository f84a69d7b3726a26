export { hashPassword, verifyPassword } from './password-hasher';
export { AccessTokenService } from './access-token.service';
export type { AccessTokenClaims, IssuedAccessToken } from './access-token.service';
export { AuthRepository } from './auth.repository';
export type { MembershipAccess, TenantMembership, UserCredentials } from './auth.repository';
export { SignInService } from './sign-in.service';
export type { SignInResult } from './sign-in.service';
export type { Principal, MemberRole } from './principal';
