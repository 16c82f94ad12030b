import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { outboundEventsChannel, rooms, type OutboundMessage } from '@navette/contracts';
import { Redis } from 'ioredis';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { RideRepository } from '../rides/ride.repository.js';
import { RealtimeGateway } from './realtime.gateway.js';

/**
 * Delivers events published by any process (this API node, other nodes, the dispatcher) to the
 * sockets this node holds. Each node emits only locally, so nothing is delivered twice.
 */
@Injectable()
export class OutboundEventsSubscriber implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(OutboundEventsSubscriber.name);
  private subscriber?: Redis;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(RealtimeGateway) private readonly gateway: RealtimeGateway,
    @Inject(RideRepository) private readonly rides: RideRepository,
  ) {}

  onModuleInit(): void {
    this.subscriber = new Redis(this.config.redisUrl, { maxRetriesPerRequest: null });
    this.subscriber.on('error', (error: Error) => this.logger.warn(`redis subscriber: ${error.message}`));
    this.subscriber.on('message', (_channel: string, message: string) => void this.deliver(message));
    // Not awaited: the API boots (and reports not-ready) while Redis is away; ioredis subscribes
    // as soon as it connects, and again after every reconnect.
    this.subscriber
      .subscribe(outboundEventsChannel(this.config.queuePrefix))
      .catch((error: Error) => this.logger.warn(error.message));
  }

  private async deliver(raw: string): Promise<void> {
    try {
      const message = JSON.parse(raw) as OutboundMessage;
      const local = this.gateway.server.local;
      if ('rideChanged' in message) {
        const room = rooms.member(message.riderId);
        // Only the node holding the rider's socket reads the ride.
        if (!this.gateway.server.sockets.adapter.rooms.get(room)?.size) return;
        const view = await this.rides.view(message.rideChanged);
        if (view) local.to(room).emit('ride:updated', view);
        return;
      }
      // The server is typed per event; the channel carries any of them.
      (local.to(message.room).emit as (e: string, p: unknown) => boolean)(message.event, message.payload);
    } catch (error) {
      this.logger.warn(`unreadable outbound event: ${(error as Error).message}`);
    }
  }

  onApplicationShutdown(): void {
    this.subscriber?.disconnect();
  }
}
