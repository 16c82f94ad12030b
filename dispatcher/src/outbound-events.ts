import {
  outboundEventsChannel,
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
  private readonly channel: string;

  /** `queuePrefix`: the deployment's (`QUEUE_PREFIX`), which names the channel; must match the API's. */
  constructor(
    private readonly redis: Redis,
    queuePrefix: string,
  ) {
    this.channel = outboundEventsChannel(queuePrefix);
  }

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
    await this.redis.publish(this.channel, JSON.stringify(message)).catch(() => undefined);
  }
}
