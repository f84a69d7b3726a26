import { Controller, Get, HttpException, HttpStatus, Inject } from '@nestjs/common';
import type { Database } from '@convergent/platform-data-access-db';
import { DATABASE } from './api.tokens';
import { Public } from './auth/public.decorator';

@Controller()
export class HealthController {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  @Public()
  @Get('health')
  async health(): Promise<{ status: string; checks: Record<string, string> }> {
    try {
      await this.db.ping();
      return { status: 'ok', checks: { postgres: 'up' } };
    } catch (error) {
      throw new HttpException(
        { status: 'degraded', checks: { postgres: `down: ${(error as Error).message}` } },
        HttpStatus.SERVICE_UNAVAILABLE,
      );
    }
  }
}
