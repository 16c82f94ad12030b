import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Inject, Injectable } from '@nestjs/common';
import {
  OFFER_TO_DRIVER_JOB,
  offerToDriverJobId,
  type OfferToDriverJob,
  type OfferToDriverResult,
} from '@navette/contracts';
import type { Queue } from 'bullmq';
import type { AuthMember } from '../auth/auth-member.js';
import { AppError, notFound } from '../common/app-error.js';
import { MATCHING_QUEUE_TOKEN } from '../redis/redis.tokens.js';
import { OverrideRepository } from './override.repository.js';

/** Longest the API waits for the dispatcher to check and write a manual offer, in milliseconds. */
export const MANUAL_OFFER_WAIT_MS = 10_000;
/** How often the waiting request looks at its job, in milliseconds. */
const POLL_MS = 100;

const unavailable = () =>
  new AppError(
    'PLANNER_UNAVAILABLE',
    `no dispatcher checked the offer within ${MANUAL_OFFER_WAIT_MS / 1000} s`,
  );

/**
 * A coordinator offers a waiting ride to a driver they chose. The check is the matching core's
 * (one insertion, on the dispatcher's snapshot, under the zone's lock), so it runs in the
 * dispatcher as a job the API waits for (ADR 0012); an infeasible offer is a 409 with the engine's
 * reason. The override and its reason are logged by the dispatcher with the offer.
 */
@Injectable()
export class ManualOfferService {
  constructor(
    @Inject(OverrideRepository) private readonly overrides: OverrideRepository,
    @Inject(MATCHING_QUEUE_TOKEN) private readonly queue: Queue,
  ) {}

  async offer(
    caller: AuthMember,
    territoryId: string,
    rideId: string,
    driverId: string,
    reason: string,
  ): Promise<{ offerId: string }> {
    const admin = caller.role === 'admin';
    if (!(await this.overrides.waitingRideInScope(territoryId, caller.id, admin, rideId)))
      throw notFound('ride');
    if (!(await this.overrides.shiftInScope(territoryId, caller.id, admin, driverId)))
      throw notFound('driver on shift');
    const job: OfferToDriverJob = { rideId, driverId, coordinatorId: caller.id, reason: reason.trim() };
    const result = await this.run(job);
    if ('refused' in result)
      throw new AppError('CONFLICT', `the engine cannot offer this ride to this driver: ${result.refused}`);
    return result;
  }

  private async run(job: OfferToDriverJob): Promise<OfferToDriverResult> {
    const deadline = Date.now() + MANUAL_OFFER_WAIT_MS;
    const jobId = offerToDriverJobId(job, randomUUID());
    await this.queue
      .add(OFFER_TO_DRIVER_JOB, job, { jobId, removeOnComplete: { age: 60 }, removeOnFail: { age: 60 } })
      .catch(() => Promise.reject(unavailable()));
    for (;;) {
      const found = await this.queue.getJob(jobId).catch(() => undefined);
      if (found?.finishedOn && found.failedReason)
        throw new Error(`manual offer failed: ${found.failedReason}`);
      if (found?.finishedOn) return found.returnvalue as OfferToDriverResult;
      if (Date.now() + POLL_MS >= deadline) throw unavailable();
      await sleep(POLL_MS);
    }
  }
}
