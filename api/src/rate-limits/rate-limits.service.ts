import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { AppError } from '../common/app-error.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { REDIS } from '../redis/redis.tokens.js';

/**
 * What is limited: login attempts (per address and email), ride requests, position pings, and
 * copies or erasures of one's data (per member).
 */
export type RateLimited = 'login' | 'ride-request' | 'position' | 'member-data';

/**
 * Per-minute limits shared by every API node through Redis (rate-limiter-flexible). While Redis is
 * away each node falls back to a local in-memory limiter with the same limits.
 */
@Injectable()
export class RateLimitsService {
  private readonly limiters: Record<RateLimited, RateLimiterRedis>;

  constructor(@Inject(REDIS) redis: Redis, @Inject(APP_CONFIG) config: AppConfig) {
    const limiter = (keyPrefix: RateLimited, points: number) =>
      new RateLimiterRedis({
        storeClient: redis,
        keyPrefix: `${config.queuePrefix}:rl:${keyPrefix}`,
        points,
        duration: 60,
        insuranceLimiter: new RateLimiterMemory({ points, duration: 60 }),
      });
    this.limiters = {
      login: limiter('login', config.rateLimits.loginPerMinute),
      'ride-request': limiter('ride-request', config.rateLimits.rideRequestsPerMinute),
      position: limiter('position', config.rateLimits.positionsPerMinute),
      'member-data': limiter('member-data', config.rateLimits.memberDataPerMinute),
    };
  }

  /** Counts one more; throws RATE_LIMITED (429) once the minute's allowance is spent. */
  async consume(kind: RateLimited, key: string): Promise<void> {
    try {
      await this.limiters[kind].consume(key);
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) {
        const seconds = Math.ceil(rejection.msBeforeNext / 1000);
        throw new AppError('RATE_LIMITED', `too many ${kind} attempts; try again in ${seconds} s`);
      }
      throw rejection;
    }
  }
}
