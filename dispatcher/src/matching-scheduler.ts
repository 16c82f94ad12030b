import {
  EXPIRE_OFFER_JOB,
  MATCH_RIDE_JOB,
  expireOfferJobId,
  matchRideJobId,
  type MatchRideJob,
  type OfferView,
} from '@navette/contracts';
import type { Queue } from 'bullmq';

/** Batch whatever waits in one zone (a root territory); see `scheduleZoneBatch`. */
export const MATCH_ZONE_JOB = 'match-zone';

export interface MatchZoneJob {
  zoneId: string;
}

/** The BullMQ deduplication id of a zone's batches: one running and at most one waiting per zone. */
export const zoneBatchDeduplicationId = (zoneId: string) => `match-zone_${zoneId}`;

/**
 * Puts the dispatcher's own follow-up jobs on the `matching` queue, with deterministic ids (a
 * zone's batch: a deterministic deduplication id).
 */
export class MatchingScheduler {
  constructor(
    private readonly queue: Queue,
    private readonly retryNoDriverMs: number,
  ) {}

  /** `retry`: no driver was free; ask again after a pause. */
  async scheduleMatch(job: MatchRideJob, when: 'now' | 'retry' = 'now'): Promise<void> {
    const id = matchRideJobId(job);
    // A finished job keeps its id for a while; a sweep that re-enqueues the same round must replace it.
    const previous = await this.queue.getJob(id);
    if (previous && ((await previous.isCompleted()) || (await previous.isFailed()))) await previous.remove();
    await this.queue.add(MATCH_RIDE_JOB, job, {
      jobId: id,
      delay: when === 'retry' ? this.retryNoDriverMs : 0,
      attempts: 5,
      backoff: { type: 'exponential', delay: 200 },
      removeOnComplete: 1000,
      removeOnFail: 5000,
    });
  }

  /**
   * A batch of the zone, through BullMQ's deduplication with `keepLastIfActive`: while a batch of
   * the zone waits, this adds nothing (that batch will see the ride); while one runs, one more is
   * kept and created by BullMQ when the running one finishes. So no two batches of a zone ever run
   * at once, on any worker, and a ride that arrives during a batch gets the next one (ADR 0031).
   * `lifo`: ahead of the queue's `match-ride` jobs, which only lead here.
   */
  async scheduleZoneBatch(zoneId: string): Promise<void> {
    await this.queue.add(MATCH_ZONE_JOB, { zoneId } satisfies MatchZoneJob, {
      deduplication: { id: zoneBatchDeduplicationId(zoneId), keepLastIfActive: true },
      lifo: true,
      attempts: 5,
      backoff: { type: 'exponential', delay: 200 },
      removeOnComplete: 1000,
      removeOnFail: 5000,
    });
  }

  async scheduleExpiry(offer: OfferView): Promise<void> {
    await this.queue.add(
      EXPIRE_OFFER_JOB,
      { offerId: offer.id },
      {
        jobId: expireOfferJobId({ offerId: offer.id }),
        delay: Math.max(0, Date.parse(offer.expiresAt) - Date.now()),
        attempts: 10,
        backoff: { type: 'fixed', delay: 500 },
        removeOnComplete: 1000,
        removeOnFail: 5000,
      },
    );
  }
}
