import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { RetentionRepository } from './retention.repository.js';

/** How often each API node sweeps, ms. Default 1 h: retention is counted in days. */
export const RETENTION_SWEEP_EVERY_MS = 60 * 60_000;
/** The first sweep after boot, ms (10 min): a node restarted more often than hourly still sweeps. */
export const RETENTION_FIRST_SWEEP_MS = 10 * 60_000;

/** Rides coarsened per statement; a sweep repeats until a batch comes back short. */
const BATCH = 500;

export interface RetentionSweepResult {
  /** Ended rides whose exact places were replaced by their zone's point. */
  ridesCoarsened: number;
  /** Stale driver positions removed. */
  positionsRemoved: number;
}

/**
 * Applies each territory's place retention: rides ended longer ago than `placeRetentionDays` keep
 * their counts (status, times, zone, driver) but lose their exact pickup and drop-off.
 */
@Injectable()
export class RetentionSweepService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(RetentionSweepService.name);
  private timer: NodeJS.Timeout | undefined;
  private first: NodeJS.Timeout | undefined;
  private running: Promise<RetentionSweepResult> | undefined;

  constructor(@Inject(RetentionRepository) private readonly retention: RetentionRepository) {}

  onApplicationBootstrap(): void {
    const sweepQuietly = () => {
      this.sweep().catch((error: Error) => this.logger.warn(`retention sweep failed: ${error.message}`));
    };
    this.first = setTimeout(sweepQuietly, RETENTION_FIRST_SWEEP_MS).unref();
    this.timer = setInterval(sweepQuietly, RETENTION_SWEEP_EVERY_MS).unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearTimeout(this.first);
    clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }

  /** One sweep now; concurrent calls on this node share it. */
  sweep(): Promise<RetentionSweepResult> {
    this.running ??= this.sweepOnce().finally(() => (this.running = undefined));
    return this.running;
  }

  private async sweepOnce(): Promise<RetentionSweepResult> {
    let ridesCoarsened = 0;
    for (;;) {
      const n = await this.retention.coarsenDueRides(BATCH);
      ridesCoarsened += n;
      if (n < BATCH) break;
    }
    return { ridesCoarsened, positionsRemoved: await this.retention.removeStalePositions() };
  }
}
