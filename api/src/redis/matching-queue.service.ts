import { Inject, Injectable } from '@nestjs/common';
import { MATCH_RIDE_JOB, matchRideJobId, type MatchRideJob } from '@navette/contracts';
import type { Queue } from 'bullmq';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { ArrivalCounter, batchWindowMs } from './batch-window.js';
import { MATCHING_QUEUE_TOKEN } from './redis.tokens.js';

/** How long before a booked pickup matching starts, in milliseconds: the dispatcher's horizon too. */
export const BOOKED_MATCH_LEAD_MS = 30 * 60_000;

/** Longest a request waits for Redis to take a job, in milliseconds. */
const ENQUEUE_TIMEOUT_MS = 1000;

export class EnqueueTimeoutError extends Error {}

/** Hands rides to the dispatcher. Job ids are deterministic: enqueuing twice is a no-op. */
@Injectable()
export class MatchingQueueService {
  private readonly arrivals = new ArrivalCounter();

  constructor(
    @Inject(MATCHING_QUEUE_TOKEN) private readonly queue: Queue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * A new ride (round 0) waits one batching window so that rides arriving together are matched
   * together, a window that grows with the arrival rate (ADR 0029); a ride sent back to matching
   * (later rounds) goes at once.
   */
  async enqueueMatch(job: MatchRideJob, pickupAt: Date | null = null): Promise<void> {
    // A ride booked ahead is matched from BOOKED_MATCH_LEAD_MS before its pickup time.
    const bookedDelay = pickupAt ? pickupAt.getTime() - BOOKED_MATCH_LEAD_MS - Date.now() : 0;
    // BullMQ waits for Redis to come back before adding; a rider must not wait that long. The
    // ride is already stored: if Redis is away, the dispatcher's sweeper enqueues it later (and
    // this add, should it complete then, is a no-op under the same job id).
    const window = job.round === 0 ? this.windowMs() : 0;
    let timer: NodeJS.Timeout | undefined;
    const add = this.queue.add(MATCH_RIDE_JOB, job, {
      jobId: matchRideJobId(job),
      delay: Math.max(window, bookedDelay),
      attempts: 5,
      backoff: { type: 'exponential', delay: 200 },
      removeOnComplete: 1000,
      removeOnFail: 5000,
    });
    add.catch(() => undefined);
    try {
      await Promise.race([
        add,
        new Promise((_, reject) => {
          timer = setTimeout(
            () => reject(new EnqueueTimeoutError('Redis did not take the job in time')),
            ENQUEUE_TIMEOUT_MS,
          );
        }),
      ]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** This request's batching window: short when few arrive, the whole `batchWindowMs` under load. */
  private windowMs(): number {
    return batchWindowMs(this.arrivals.record(), {
      maxMs: this.config.batchWindowMs,
      // Without a minimum, the window is fixed.
      minMs: this.config.batchWindowMinMs ?? this.config.batchWindowMs,
      fullAtPerSecond: this.config.batchWindowFullAtPerSecond ?? 20,
    });
  }
}
