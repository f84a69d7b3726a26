import { Args, Context, Mutation, Resolver } from '@nestjs/graphql';
import {
  PasswordChangeService,
  SessionService,
  SignInService,
  type Principal,
  type RefreshedSession,
  type SignInResult,
} from '@convergent/tenancy-data-access-auth';
import { AuthPayload, ClientType } from './auth.model';
import { CurrentPrincipal } from './current-principal.decorator';
import { Public } from './public.decorator';
import { RefreshCookieService } from './refresh-cookie.service';
import type { HttpRequest } from './request-context';

@Resolver()
export class AuthResolver {
  constructor(
    private readonly signIn: SignInService,
    private readonly sessions: SessionService,
    private readonly passwords: PasswordChangeService,
    private readonly cookie: RefreshCookieService,
  ) {}

  @Public()
  @Mutation(() => AuthPayload, {
    description:
      'Sign in with e-mail and password; returns a short-lived access token and sets the refresh cookie. Answers RATE_LIMITED (with extensions.retryAt) after repeated failures for the account or from the address.',
  })
  async login(
    @Context('req') req: HttpRequest,
    @Args('email') email: string,
    @Args('password') password: string,
    @Args('tenantSlug', {
      nullable: true,
      description: 'For members of several tenants; default: the first.',
    })
    tenantSlug?: string,
    @Args('clientType', { type: () => ClientType, defaultValue: ClientType.BROWSER })
    clientType: ClientType = ClientType.BROWSER,
  ): Promise<AuthPayload> {
    const session = await this.signIn.signIn({
      email,
      password,
      clientAddress: req.ip ?? 'unknown',
      ...(tenantSlug ? { tenantSlug } : {}),
    });
    return this.respond(req, session, clientType);
  }

  @Public()
  @Mutation(() => AuthPayload, {
    description:
      'Exchange a refresh token for a new access token and a new refresh token. Browsers send the cookie and the header "x-convergent-csrf: 1"; API clients pass refreshToken. A refresh token used twice ends its session.',
  })
  async refreshSession(
    @Context('req') req: HttpRequest,
    @Args('clientType', { type: () => ClientType, defaultValue: ClientType.BROWSER })
    clientType: ClientType,
    @Args('refreshToken', {
      type: () => String,
      nullable: true,
      description: 'API clients: the token to exchange.',
    })
    refreshToken?: string | null,
  ): Promise<AuthPayload> {
    const session = await this.sessions.refresh(this.cookie.presented(req, refreshToken));
    return this.respond(req, session, clientType);
  }

  @Public()
  @Mutation(() => Boolean, {
    description:
      'Sign out: ends the session of the refresh token (cookie or argument) on every device that holds a copy, and clears the cookie.',
  })
  async logout(
    @Context('req') req: HttpRequest,
    @Args('refreshToken', {
      type: () => String,
      nullable: true,
      description: 'API clients: their refresh token.',
    })
    refreshToken?: string | null,
  ): Promise<boolean> {
    // Nothing to end (already signed out) is not an error: the cookie is cleared all the same.
    const presented = this.cookie.presentedIfAny(req, refreshToken);
    if (presented) await this.sessions.end(presented);
    this.cookie.clear(req);
    return true;
  }

  @Mutation(() => Boolean, {
    description:
      'Change your password (at least 12 characters, not your e-mail). Ends your other sessions; this one stays signed in.',
  })
  async changePassword(
    @CurrentPrincipal() principal: Principal,
    @Args('currentPassword') currentPassword: string,
    @Args('newPassword') newPassword: string,
  ): Promise<boolean> {
    await this.passwords.changePassword(principal, currentPassword, newPassword);
    return true;
  }

  private respond(
    req: HttpRequest,
    session: SignInResult | RefreshedSession,
    clientType: ClientType,
  ): AuthPayload {
    this.cookie.set(req, session.refresh);
    const inBody = clientType === ClientType.API;
    return {
      accessToken: session.token,
      expiresAt: session.expiresAt,
      refreshToken: inBody ? session.refresh.token : null,
      refreshTokenExpiresAt: inBody ? session.refresh.expiresAt : null,
      role: session.membership.role,
      tenantName: session.membership.tenantName,
      userName: session.userName,
    };
  }
}
