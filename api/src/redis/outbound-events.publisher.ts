import { Inject, Injectable, Logger } from '@nestjs/common';
import { outboundEventsChannel, type OutboundEvent, type ServerToClientEvents } from '@navette/contracts';
import type { Redis } from 'ioredis';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { REDIS } from './redis.tokens.js';

/**
 * Publishes events for sockets through Redis, so that every API node delivers them to the sockets
 * it holds (the dispatcher publishes the same way). A lost event is recovered by the client:
 * drivers ask for pending offers on reconnect, riders re-read their ride.
 */
@Injectable()
export class OutboundEventsPublisher {
  private readonly logger = new Logger(OutboundEventsPublisher.name);

  private readonly channel: string;

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.channel = outboundEventsChannel(config.queuePrefix);
  }

  async publish<E extends keyof ServerToClientEvents>(
    room: string,
    event: E,
    payload: OutboundEvent<E>['payload'],
  ): Promise<void> {
    const message: OutboundEvent<E> = { room, event, payload };
    try {
      await this.redis.publish(this.channel, JSON.stringify(message));
    } catch (error) {
      this.logger.warn(`event ${event} not published: ${(error as Error).message}`);
    }
  }
}
