import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { MATCHING_QUEUE } from '@navette/contracts';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { MatchingQueueService } from './matching-queue.service.js';
import { OutboundEventsPublisher } from './outbound-events.publisher.js';
import { MATCHING_QUEUE_TOKEN, REDIS } from './redis.tokens.js';

@Global()
@Module({
  providers: [
    {
      provide: REDIS,
      inject: [APP_CONFIG],
      // Commands fail fast while Redis is down (health says not ready) instead of queueing forever.
      // The commands of one event-loop turn (e.g. the rate limits of every position report it
      // handles) go in one write: ADR 0039.
      useFactory: (config: AppConfig) =>
        new Redis(config.redisUrl, {
          maxRetriesPerRequest: 1,
          enableOfflineQueue: false,
          lazyConnect: false,
          enableAutoPipelining: true,
        }),
    },
    {
      provide: MATCHING_QUEUE_TOKEN,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => {
        const queue = new Queue(MATCHING_QUEUE, {
          connection: { url: config.redisUrl },
          prefix: config.queuePrefix,
        });
        queue.on('error', () => undefined);
        return queue;
      },
    },
    OutboundEventsPublisher,
    MatchingQueueService,
  ],
  exports: [REDIS, MATCHING_QUEUE_TOKEN, OutboundEventsPublisher, MatchingQueueService],
})
export class RedisModule implements OnApplicationShutdown {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(MATCHING_QUEUE_TOKEN) private readonly queue: Queue,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await this.queue.close();
    this.redis.disconnect();
  }
}
