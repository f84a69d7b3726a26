import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { SignInService } from '@convergent/tenancy-data-access-auth';
import { AuthPayload } from './auth.model';
import { Public } from './public.decorator';

@Resolver()
export class AuthResolver {
  constructor(private readonly signIn: SignInService) {}

  @Public()
  @Mutation(() => AuthPayload, {
    description: 'Sign in with e-mail and password; returns a short-lived access token.',
  })
  async login(
    @Args('email') email: string,
    @Args('password') password: string,
    @Args('tenantSlug', {
      nullable: true,
      description: 'For members of several tenants; default: the first.',
    })
    tenantSlug?: string,
  ): Promise<AuthPayload> {
    const result = await this.signIn.signIn(email, password, tenantSlug ?? undefined);
    return {
      accessToken: result.token,
      expiresAt: result.expiresAt,
      role: result.membership.role,
      tenantName: result.membership.tenantName,
      userName: result.userName,
    };
  }
}
