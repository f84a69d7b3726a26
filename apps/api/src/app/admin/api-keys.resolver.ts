import { Inject } from '@nestjs/common';
import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import {
  ApiKeyService,
  auditActorOf,
  parseScope,
  type ApiKeyRecord,
  type Principal,
} from '@convergent/tenancy-data-access-auth';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { requireRole } from '../auth/require-role';
import { pageRequest, toConnection, type Connection } from '../graphql/connection';
import {
  ApiAccessValue,
  ApiDomainValue,
  ApiKey,
  ApiKeyConnection,
  ApiKeysArgs,
  CreateApiKeyInput,
  CreatedApiKey,
} from './api-key.model';

function toApiKey(record: ApiKeyRecord): ApiKey {
  return {
    ...record,
    scopes: record.scopes.flatMap((scope) => {
      const grant = parseScope(scope);
      return grant
        ? [{ domain: grant.domain as ApiDomainValue, access: grant.access as ApiAccessValue }]
        : [];
    }),
  };
}

@Resolver(() => ApiKey)
export class ApiKeysResolver {
  constructor(@Inject(ApiKeyService) private readonly keys: ApiKeyService) {}

  @Query(() => ApiKeyConnection, {
    description: "Admins: the tenant's API keys, newest first, revoked ones included unless filtered out.",
  })
  async apiKeys(
    @CurrentPrincipal() principal: Principal,
    @Args() args: ApiKeysArgs,
  ): Promise<Connection<ApiKey>> {
    requireRole(principal, ['admin'], 'list API keys');
    const request = pageRequest(args);
    const { rows, totalCount } = await this.keys.page(
      principal.tenantId,
      {
        ...(args.revoked != null ? { revoked: args.revoked } : {}),
        ...(args.expired != null ? { expired: args.expired } : {}),
      },
      request,
    );
    return toConnection(rows.map(toApiKey), request, totalCount);
  }

  @Mutation(() => CreatedApiKey, {
    description:
      'Admins (signed in, not with a key): a new API key for a partner. The key is shown only in this answer.',
  })
  async createApiKey(
    @CurrentPrincipal() principal: Principal,
    @Args('input') input: CreateApiKeyInput,
  ): Promise<CreatedApiKey> {
    requireRole(principal, ['admin'], 'create API keys');
    const created = await this.keys.create(principal.tenantId, auditActorOf(principal), {
      name: input.name,
      scopes: input.scopes,
      expiresAt: input.expiresAt ?? null,
    });
    return { key: created.key, apiKey: toApiKey(created.record) };
  }

  @Mutation(() => ApiKey, { description: 'Admins: the key stops working at once. Cannot be undone.' })
  async revokeApiKey(
    @CurrentPrincipal() principal: Principal,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<ApiKey> {
    requireRole(principal, ['admin'], 'revoke API keys');
    return toApiKey(await this.keys.revoke(principal.tenantId, auditActorOf(principal), id));
  }
}
