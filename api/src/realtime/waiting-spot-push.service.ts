import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { ServerToClientEvents } from '@navette/contracts';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { WaitingSpotService } from '../rebalancing/waiting-spot.service.js';

/** Default period of the check, milliseconds: a suggestion is never urgent (ADR 0034). */
const DEFAULT_PUSH_MS = 60_000;

/** What the service needs of a driver's socket: its id, and a way to tell its driver. */
export interface WaitingSpotSocket {
  id: string;
  emit(
    event: 'waiting-spot:changed',
    ...payload: Parameters<ServerToClientEvents['waiting-spot:changed']>
  ): unknown;
}

interface Tracked {
  socket: WaitingSpotSocket;
  driverId: string;
  /** The suggestion last told to this socket (its id, '' for none); undefined before the first. */
  told?: string;
}

const logger = new Logger('WaitingSpotPush');

/**
 * Tells each driver socket this API node holds when its waiting spot changes (ADR 0034): every
 * period, the suggestions of all the node's drivers in one pass (the rule once per town), and a
 * `waiting-spot:changed` to each socket whose suggestion is new or was withdrawn. The app asks
 * once over HTTP when it (re)connects, and no longer polls.
 */
@Injectable()
export class WaitingSpotPushService implements OnModuleInit, OnModuleDestroy {
  private readonly sockets = new Map<string, Tracked>();
  private readonly periodMs: number;
  private timer: ReturnType<typeof setInterval> | undefined;
  private running = false;

  constructor(
    @Inject(WaitingSpotService) private readonly spots: WaitingSpotService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.periodMs = config.waitingSpotPushMs || DEFAULT_PUSH_MS;
  }

  onModuleInit(): void {
    this.timer = setInterval(() => void this.check(), this.periodMs);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  connected(socket: WaitingSpotSocket, driverId: string): void {
    this.sockets.set(socket.id, { socket, driverId });
  }

  disconnected(socketId: string): void {
    this.sockets.delete(socketId);
  }

  /** One pass over the node's driver sockets; a pass still running when the next is due is not doubled. */
  async check(): Promise<void> {
    if (this.running || this.sockets.size === 0) return;
    this.running = true;
    try {
      const driverIds = [...new Set([...this.sockets.values()].map((t) => t.driverId))];
      const views = await this.spots.suggestions(driverIds);
      for (const tracked of this.sockets.values()) {
        const view = views.get(tracked.driverId);
        if (!view) continue; // connected after the pass began: the next one tells it
        const key = view.suggestion?.id ?? '';
        // Off shift and never told anything: nothing to withdraw.
        if (key === tracked.told || (tracked.told === undefined && view.reason === 'off-shift')) continue;
        tracked.told = key;
        tracked.socket.emit('waiting-spot:changed', view);
      }
    } catch (error) {
      logger.warn(`waiting spots: ${(error as Error).message}`);
    } finally {
      this.running = false;
    }
  }
}
