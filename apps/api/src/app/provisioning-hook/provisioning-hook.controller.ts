import { timingSafeEqual } from 'node:crypto';
import {
  Body,
  Controller,
  Headers,
  HttpCode,
  Inject,
  Logger,
  NotFoundException,
  Post,
  UnauthorizedException,
} from '@nestjs/common';
import { ProvisioningClaimRepository } from '@convergent/fleet-data-access-gateways';
import { Public } from '../auth/public.decorator';
import { decisionFor, parseHookRequest, type HookDecision } from './provisioning-hook.decision';

export const PROVISIONING_HOOK_SECRET = Symbol('PROVISIONING_HOOK_SECRET');

// The platform's half of AWS IoT's pre-provisioning hook: the Lambda (infra/aws) forwards each
// RegisterThing here and provisions the gateway only on { allow: true }. The claim is consumed
// and the gateway registered in one transaction, as in the local profile. Off (404) unless
// PROVISIONING_HOOK_SECRET is set; reachable by the Lambda only, with that secret.
@Controller('internal')
export class ProvisioningHookController {
  private readonly logger = new Logger('provisioning-hook');

  constructor(
    @Inject(PROVISIONING_HOOK_SECRET) private readonly secret: string | null,
    @Inject(ProvisioningClaimRepository) private readonly claims: ProvisioningClaimRepository,
  ) {}

  @Public()
  @Post('provisioning-hook')
  @HttpCode(200)
  async decide(
    @Headers('authorization') authorization: string | undefined,
    @Body() body: unknown,
  ): Promise<HookDecision> {
    if (this.secret === null) throw new NotFoundException();
    if (!bearerMatches(authorization, this.secret))
      throw new UnauthorizedException('wrong or missing hook secret');
    const request = parseHookRequest(body);
    if (!request.ok) {
      this.logger.warn(`refused before lookup: ${request.decision.allow ? '' : request.decision.reason}`);
      return request.decision;
    }
    const decision = decisionFor(await this.claims.consume(request.token, request.registration));
    this.logger.log(
      `${request.registration.thingName}: ${decision.allow ? `registered as gateway ${decision.gatewayId}` : `refused (${decision.reason})`}`,
    );
    return decision;
  }
}

function bearerMatches(header: string | undefined, secret: string): boolean {
  const given = Buffer.from(header?.startsWith('Bearer ') ? header.slice(7) : '', 'utf8');
  const expected = Buffer.from(secret, 'utf8');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
