import {
  OUTBOUND_EVENTS_CHANNEL,
  type OutboundEvent,
  type OutboundMessage,
  type ServerToClientEvents,
} from '@navette/contracts';
import type { Redis } from 'ioredis';

/**
 * The worker never touches sockets: it publishes events for the API nodes to deliver.
 * A lost event is recovered by clients (drivers ask for pending offers on reconnect).
 */
export class OutboundEvents {
  constructor(private readonly redis: Redis) {}

  async publish<E extends keyof ServerToClientEvents>(
    room: string,
    event: E,
    payload: OutboundEvent<E>['payload'],
  ): Promise<void> {
    await this.send({ room, event, payload });
  }

  /** Asks the API to send the rider a fresh view of the ride. */
  async rideChanged(riderId: string, rideId: string): Promise<void> {
    await this.send({ rideChanged: rideId, riderId });
  }

  private async send(message: OutboundMessage): Promise<void> {
    await this.redis.publish(OUTBOUND_EVENTS_CHANNEL, JSON.stringify(message)).catch(() => undefined);
  }
}
