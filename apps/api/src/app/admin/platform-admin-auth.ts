import {
  activeLock,
  verifyPassword,
  type AddressThrottle,
  type AuthRepository,
  type Clock,
  type SignInService,
} from '@convergent/tenancy-data-access-auth';

export type PlatformAdminDecision =
  { allowed: true; userId: string } | { allowed: false; status: 401 | 403 | 429; message: string };

const BASIC = /^Basic\s+([A-Za-z0-9+/=]+)$/i;
const BEARER = /^Bearer\s+(\S+)$/i;

const unauthenticated = (message: string): PlatformAdminDecision => ({
  allowed: false,
  status: 401,
  message,
});

// Who may open the platform's own tools (the queue dashboard): platform admins, signed in with
// their email and password (HTTP Basic) and no tenant. Tenant credentials never qualify: a valid
// tenant access token is answered 403, anything else 401. Failed passwords count against the
// caller's address like sign-ins do.
export class PlatformAdminAuthenticator {
  constructor(
    private readonly accounts: AuthRepository,
    private readonly signIn: SignInService,
    private readonly throttle: AddressThrottle,
    private readonly clock: Clock,
  ) {}

  async check(authorization: string | undefined, clientAddress: string): Promise<PlatformAdminDecision> {
    const bearer = BEARER.exec(authorization ?? '');
    if (bearer?.[1]) {
      const principal = await this.signIn.principalFor(bearer[1]).catch(() => null);
      return principal
        ? { allowed: false, status: 403, message: 'tenant sign-ins cannot open platform tools' }
        : unauthenticated('the access token is invalid or expired');
    }
    const basic = BASIC.exec(authorization ?? '');
    if (!basic?.[1]) return unauthenticated('sign in with a platform administrator email and password');
    const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 1) return unauthenticated('send "email:password" in the Basic credentials');
    return this.checkPassword(decoded.slice(0, colon), decoded.slice(colon + 1), clientAddress);
  }

  private async checkPassword(
    email: string,
    password: string,
    address: string,
  ): Promise<PlatformAdminDecision> {
    const now = this.clock.now();
    const attempt = await this.throttle.begin(address, now);
    if (!attempt.allowed)
      return { allowed: false, status: 429, message: 'too many failed sign-ins from your address' };
    const credentials = await this.accounts.credentialsByEmail(email);
    // The hash is checked even for unknown emails so timing does not reveal which accounts exist.
    const passwordOk = await verifyPassword(credentials?.passwordHash ?? null, password);
    if (!credentials || !passwordOk || credentials.disabledAt || activeLock(credentials.lockedUntil, now))
      return unauthenticated('wrong email or password');
    await this.throttle.release(address, attempt.member);
    const account = await this.accounts.accountById(credentials.id);
    return account?.platformRole === 'platform_admin'
      ? { allowed: true, userId: credentials.id }
      : { allowed: false, status: 403, message: 'only platform administrators may open platform tools' };
  }
}
