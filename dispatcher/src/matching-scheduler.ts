import {
  EXPIRE_OFFER_JOB,
  MATCH_RIDE_JOB,
  expireOfferJobId,
  matchRideJobId,
  type MatchRideJob,
  type OfferView,
} from '@navette/contracts';
import type { Queue } from 'bullmq';

/** Puts the dispatcher's own follow-up jobs on the `matching` queue, always with deterministic ids. */
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
