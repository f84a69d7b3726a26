import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import { DomainError } from '@convergent/shared-util-contracts';
import type { Principal } from '@convergent/tenancy-data-access-auth';
import type { RequestContext } from './request-context';

export const CurrentPrincipal = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Principal => {
    const { req } = GqlExecutionContext.create(context).getContext<RequestContext>();
    if (!req.principal) throw new DomainError('UNAUTHENTICATED', 'sign in first');
    return req.principal;
  },
);
