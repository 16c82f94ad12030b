import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { DriverAvailability, ServerToClientEvents } from '@navette/contracts';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { DriverConnectionRepository } from './driver-connection.repository.js';

/** Default period of the presence heartbeat, milliseconds. */
const DEFAULT_HEARTBEAT_MS = 15_000;
/** A socket not renewed for this many heartbeats counts as gone. */
const MISSED_HEARTBEATS = 3;

/** What the service needs of a socket: its id, and a way to tell its driver. */
export interface PresenceSocket {
  id: string;
  emit<E extends 'driver:paused' | 'driver:resumed'>(
    event: E,
    ...payload: Parameters<ServerToClientEvents[E]>
  ): unknown;
}

interface Tracked {
  socket: PresenceSocket;
  driverId: string;
  /** The availability last told to this socket, as JSON; undefined before the first. */
  told?: string;
}

const logger = new Logger('DriverPresence');

/**
 * Keeps the presence of the driver sockets this API node holds (a row each, renewed every
 * heartbeat for all of them at once), and tells each driver when offers stop reaching them
 * and why (`driver:paused`), and when they resume (`driver:resumed`): on connecting, on each
 * heartbeat that finds a change, and as soon as a position ends a stale pause.
 */
@Injectable()
export class DriverPresenceService implements OnModuleInit, OnModuleDestroy {
  private readonly sockets = new Map<string, Tracked>();
  private readonly heartbeatMs: number;
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(
    @Inject(DriverConnectionRepository) private readonly connections: DriverConnectionRepository,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.heartbeatMs = config.presenceHeartbeatMs || DEFAULT_HEARTBEAT_MS;
  }

  private get ttlSeconds(): number {
    return (this.heartbeatMs * MISSED_HEARTBEATS) / 1000;
  }

  onModuleInit(): void {
    this.timer = setInterval(() => void this.guard(() => this.heartbeat()), this.heartbeatMs);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  /** A driver's socket joined: it counts as a live connection, and learns its availability. */
  connected(socket: PresenceSocket, driverId: string): Promise<void> {
    this.sockets.set(socket.id, { socket, driverId });
    return this.guard(async () => {
      await this.connections.add(socket.id, driverId, this.ttlSeconds);
      // Gone while its row was written: the row must not outlive it.
      if (!this.sockets.has(socket.id)) return this.connections.remove(socket.id);
      await this.tell([driverId]);
    });
  }

  disconnected(socketId: string): Promise<void> {
    this.sockets.delete(socketId);
    return this.guard(() => this.connections.remove(socketId));
  }

  /**
   * A position came through this socket: a position pause lifted at once. Its presence row is not
   * renewed here: the heartbeat renews every socket of the node in one statement, and a write per
   * report (every driver, every few seconds) cost as much as the report itself (ADR 0039).
   */
  reported(socketId: string): Promise<void> {
    const tracked = this.sockets.get(socketId);
    if (!tracked) return Promise.resolve();
    return this.guard(async () => {
      const told = tracked.told ? (JSON.parse(tracked.told) as DriverAvailability) : undefined;
      if (told?.state === 'paused' && told.reason !== 'resting') await this.tell([tracked.driverId]);
    });
  }

  private async heartbeat(): Promise<void> {
    await this.connections.renew([...this.sockets.keys()], this.ttlSeconds);
    await this.connections.purge();
    await this.tell([...new Set([...this.sockets.values()].map((t) => t.driverId))]);
  }

  /** Sends each of these drivers' sockets their availability when it differs from what they were told. */
  private async tell(driverIds: string[]): Promise<void> {
    const availability = await this.connections.availability(driverIds);
    const wanted = new Set(driverIds);
    for (const tracked of this.sockets.values()) {
      if (!wanted.has(tracked.driverId)) continue;
      const now = availability.get(tracked.driverId);
      if (!now) {
        tracked.told = undefined; // off shift: nothing to say
        continue;
      }
      const json = JSON.stringify(now);
      if (json === tracked.told) continue;
      tracked.told = json;
      if (now.state === 'available') tracked.socket.emit('driver:resumed', {});
      else
        tracked.socket.emit('driver:paused', {
          reason: now.reason,
          ...(now.until ? { until: now.until } : {}),
        });
    }
  }

  private async guard(work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (error) {
      logger.warn(`presence: ${(error as Error).message}`);
    }
  }
}
