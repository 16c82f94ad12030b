/** The BullMQ queue that carries matching work (a noun). */
export const MATCHING_QUEUE = 'matching';

/** Job names (verbs). */
export const MATCH_RIDE_JOB = 'match-ride';
export const EXPIRE_OFFER_JOB = 'expire-offer';

/**
 * Find a driver for a ride. Job id: `match-ride_<rideId>_<round>` so a duplicate is a no-op.
 * (BullMQ refuses `:` in custom job ids.)
 */
export interface MatchRideJob {
  rideId: string;
  /** Increments each time the ride goes back to matching (decline, expiry, driver drop-out). */
  round: number;
}

/** Expire an offer the driver did not answer. Job id: `expire-offer_<offerId>`. */
export interface ExpireOfferJob {
  offerId: string;
}

export const matchRideJobId = (job: MatchRideJob) => `match-ride_${job.rideId}_${job.round}`;
export const expireOfferJobId = (job: ExpireOfferJob) => `expire-offer_${job.offerId}`;

/** The repeating job that finds rides and offers left behind by a crash. */
export const SWEEP_JOB = 'sweep-matching';
