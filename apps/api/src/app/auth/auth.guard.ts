import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { DomainError } from '@convergent/shared-util-contracts';
import {
  ApiKeyService,
  checkScope,
  SignInService,
  SlidingWindowLimiter,
  type Clock,
  type Principal,
} from '@convergent/tenancy-data-access-auth';
import { API_KEY_FIELD_DOMAINS } from './api-key-fields';
import { API_KEY_RATE_LIMITER, CLOCK } from './auth.tokens';
import { credentialOf } from './credentials';
import { IS_PUBLIC } from './public.decorator';
import type { HttpRequest, RequestContext } from './request-context';

// Global and deny-by-default: every resolver needs a valid access token or API key unless marked
// @Public(). An API key is further limited to the fields its scopes reach (api-key-fields.ts).
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly signIn: SignInService,
    private readonly apiKeys: ApiKeyService,
    @Inject(API_KEY_RATE_LIMITER) private readonly keyLimiter: SlidingWindowLimiter,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()]))
      return true;
    const isGraphql = context.getType<'graphql' | 'http'>() === 'graphql';
    const req = isGraphql
      ? GqlExecutionContext.create(context).getContext<RequestContext>().req
      : context.switchToHttp().getRequest<HttpRequest>();
    // The guard runs once per root field; a request is authenticated (and counted) once. A
    // principal already present was established by the transport (e.g. at connection time).
    if (!req.principal) {
      req.authentication ??= this.authenticate(req);
      req.principal = await req.authentication;
    }
    const principal = req.principal;
    if (principal.apiKey && isGraphql)
      this.authorizeKey(principal.apiKey.scopes, GqlExecutionContext.create(context).getInfo());
    return true;
  }

  private async authenticate(req: HttpRequest): Promise<Principal> {
    const credential = credentialOf(req);
    if (credential.kind === 'access-token') return this.signIn.principalFor(credential.token);
    const principal = await this.apiKeys.principalFor(credential.key);
    const now = this.clock.now();
    const attempt = await this.keyLimiter.begin(principal.apiKey?.id ?? '', now);
    if (!attempt.allowed) {
      const seconds = Math.max(1, Math.ceil((attempt.retryAt.getTime() - now.getTime()) / 1000));
      throw new DomainError(
        'RATE_LIMITED',
        `this API key has used up its requests for the minute: try again in ${seconds} s`,
        { retryAt: attempt.retryAt.toISOString(), retryAfterSeconds: seconds },
      );
    }
    return principal;
  }

  private authorizeKey(scopes: readonly string[], info: GraphQLResolveInfo): void {
    const domain = API_KEY_FIELD_DOMAINS[info.fieldName];
    if (!domain)
      throw new DomainError('FORBIDDEN', `API keys cannot use ${info.fieldName}: sign in as a user for it`);
    const verdict = checkScope(scopes, domain, info.parentType.name === 'Mutation');
    if (!verdict.allowed) throw new DomainError('FORBIDDEN', `${verdict.reason} (${info.fieldName})`);
  }
}
