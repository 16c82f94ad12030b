import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import {
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
  type RateLimiterAbstract,
} from 'rate-limiter-flexible';
import { AppError } from '../common/app-error.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { REDIS } from '../redis/redis.tokens.js';

/**
 * What is limited: login attempts (per address and email), failed logins (per address, whatever
 * the accounts), ride requests, position pings and copies or erasures of one's data (per member),
 * socket commands (per socket and per member), and membership links (issuing per member, using
 * per address, password changes per member: ADR 0021) with the login allowance.
 */
export type RateLimited =
  | 'login'
  | 'login-address'
  | 'ride-request'
  | 'position'
  | 'member-data'
  | 'socket-command'
  | 'member-command'
  | 'membership-link';

/**
 * Per-minute limits shared by every API node through Redis (rate-limiter-flexible). While Redis is
 * away each node falls back to a local in-memory limiter with the same limits. A socket lives on
 * one node, so its own limit is kept in memory.
 */
@Injectable()
export class RateLimitsService {
  private readonly limiters: Record<RateLimited, RateLimiterAbstract>;

  constructor(@Inject(REDIS) redis: Redis, @Inject(APP_CONFIG) config: AppConfig) {
    const limiter = (keyPrefix: RateLimited, points: number) =>
      new RateLimiterRedis({
        storeClient: redis,
        keyPrefix: `${config.queuePrefix}:rl:${keyPrefix}`,
        points,
        duration: 60,
        insuranceLimiter: new RateLimiterMemory({ points, duration: 60 }),
      });
    const limits = config.rateLimits;
    this.limiters = {
      login: limiter('login', limits.loginPerMinute),
      'login-address': limiter('login-address', limits.loginFailuresPerAddressPerMinute),
      'ride-request': limiter('ride-request', limits.rideRequestsPerMinute),
      position: limiter('position', limits.positionsPerMinute),
      'member-data': limiter('member-data', limits.memberDataPerMinute),
      'socket-command': new RateLimiterMemory({ points: limits.socketCommandsPerMinute, duration: 60 }),
      'member-command': limiter('member-command', limits.memberCommandsPerMinute),
      'membership-link': limiter('membership-link', limits.loginPerMinute),
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

  /** Gives back one counted attempt (e.g. a login that succeeded: only failures count per address). */
  async refund(kind: RateLimited, key: string): Promise<void> {
    await this.limiters[kind].reward(key, 1);
  }
}
