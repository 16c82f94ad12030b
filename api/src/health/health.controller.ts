import { Controller, Get, Inject, Res } from '@nestjs/common';
import type { HealthView } from '@navette/contracts';
import type { Response } from 'express';
import type { Redis } from 'ioredis';
import { DataSource } from 'typeorm';
import { Public } from '../auth/auth.decorators.js';
import { REDIS } from '../redis/redis.tokens.js';
import { ApiDoc } from '../api-docs/api-doc.decorator.js';
import { ApiTags } from '@nestjs/swagger';

const CHECK_TIMEOUT_MS = 1500;

function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  return Promise.race([
    promise,
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error('timeout')), ms)),
  ]);
}

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  /** 200 only when PostgreSQL and Redis both answer; 503 (not ready) otherwise. */
  @Public()
  @ApiDoc({
    summary: 'Readiness',
    description: '200 only when PostgreSQL and Redis both answer; 503 otherwise.',
    replies: {
      200: 'HealthView',
      503: {
        mediaType: 'application/json',
        schema: { $ref: '#/components/schemas/HealthView' },
        description: 'Not ready: a check is down',
      },
    },
  })
  @Get()
  async health(@Res({ passthrough: true }) response: Response): Promise<HealthView> {
    const [postgres, redis] = await Promise.all([
      within(this.db.query('SELECT 1'), CHECK_TIMEOUT_MS).then(
        () => 'up' as const,
        () => 'down' as const,
      ),
      within(this.redis.ping(), CHECK_TIMEOUT_MS).then(
        () => 'up' as const,
        () => 'down' as const,
      ),
    ]);
    const ok = postgres === 'up' && redis === 'up';
    response.status(ok ? 200 : 503);
    return { status: ok ? 'ok' : 'unavailable', checks: { postgres, redis } };
  }
}
