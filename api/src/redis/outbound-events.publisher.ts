import { Inject, Injectable, Logger } from '@nestjs/common';
import { OUTBOUND_EVENTS_CHANNEL, type OutboundEvent, type ServerToClientEvents } from '@navette/contracts';
import type { Redis } from 'ioredis';
import { REDIS } from './redis.tokens.js';

/**
 * Publishes events for sockets through Redis, so that every API node delivers them to the sockets
 * it holds (the dispatcher publishes the same way). A lost event is recovered by the client:
 * drivers ask for pending offers on reconnect, riders re-read their ride.
 */
@Injectable()
export class OutboundEventsPublisher {
  private readonly logger = new Logger(OutboundEventsPublisher.name);

  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  async publish<E extends keyof ServerToClientEvents>(
    room: string,
    event: E,
    payload: OutboundEvent<E>['payload'],
  ): Promise<void> {
    const message: OutboundEvent<E> = { room, event, payload };
    try {
      await this.redis.publish(OUTBOUND_EVENTS_CHANNEL, JSON.stringify(message));
    } catch (error) {
      this.logger.warn(`event ${event} not published: ${(error as Error).message}`);
    }
  }
}
