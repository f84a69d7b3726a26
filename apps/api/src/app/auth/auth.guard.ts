import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext } from '@nestjs/graphql';
import { DomainError } from '@convergent/shared-util-contracts';
import { SignInService } from '@convergent/tenancy-data-access-auth';
import { IS_PUBLIC } from './public.decorator';
import type { RequestContext } from './request-context';

// Global and deny-by-default: every resolver needs a valid bearer token unless marked @Public().
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly signIn: SignInService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()]))
      return true;
    const { req } =
      context.getType<'graphql' | 'http'>() === 'graphql'
        ? GqlExecutionContext.create(context).getContext<RequestContext>()
        : { req: context.switchToHttp().getRequest<RequestContext['req']>() };
    const header = req.headers.authorization ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match?.[1])
      throw new DomainError('UNAUTHENTICATED', 'sign in first: send "Authorization: Bearer <access token>"');
    req.principal = await this.signIn.principalFor(match[1]);
    return true;
  }
}
