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

/** The BullMQ queue that carries day planning (a noun): CPU-heavy, so never on the API's loop. */
export const PLANNING_QUEUE = 'planning';
/** Plan a day's booked rides over a territory's drivers; the job's return value is a `RotaView`. */
export const PLAN_DAY_JOB = 'plan-day';

/** A ride booked ahead, as the planner needs it. Coordinates `[lng, lat]`. */
export interface PlanDayRide {
  id: string;
  pickup: [number, number];
  dropoff: [number, number];
  seats: number;
  wheelchairPlaces: number;
  /** Booked pickup time, seconds since the epoch. */
  pickupAtSeconds: number;
  /** How long after the booked time the pickup may be, seconds (a task: its pickup window). */
  maxWaitSeconds: number;
  maxDetourFactor: number;
  /** A task takes cargo units, not seats; its delivery window, epoch seconds, null when open. Absent: a ride. */
  kind?: 'ride' | 'task';
  cargoUnits?: number;
  deliverAfterSeconds?: number | null;
  deliverBeforeSeconds?: number | null;
}

/** A driver the day can be planned on, starting from home. Coordinates `[lng, lat]`. */
export interface PlanDayDriver {
  id: string;
  name: string;
  home: [number, number];
  seats: number;
  wheelchairPlaces: number;
  cargoUnits: number;
  /** The rota sign-up this entry stands for: one vehicle per signed shift. */
  signupId?: string;
  /** The shift window, seconds since the epoch: the route fits inside it. */
  fromSeconds?: number;
  untilSeconds?: number;
}

/**
 * Everything a day's plan depends on: the API reads it (and checks who may see it); the
 * dispatcher only plans. Job id: `plan-day_<territoryId>_<date>_<inputVersion>` where
 * `inputVersion` is a digest of this payload, so the same question asked twice (by two
 * coordinators, or a reload) is planned once, and a changed day is planned anew.
 */
export interface PlanDayJob {
  territoryId: string;
  /** YYYY-MM-DD, the territory's local day. */
  date: string;
  /** Start of that local day, seconds since the epoch (absent: midnight UTC of `date`). */
  dayStartSeconds?: number;
  rides: PlanDayRide[];
  drivers: PlanDayDriver[];
}

/**
 * The rota's repeating job on the `planning` queue: reminders, no-shows and the day-ahead check of
 * tomorrow's booked rides over the drivers signed up (ADR 0027).
 */
export const ROTA_SWEEP_JOB = 'sweep-rota';

export const planDayJobId = (job: Pick<PlanDayJob, 'territoryId' | 'date'>, inputVersion: string) =>
  `plan-day_${job.territoryId}_${job.date}_${inputVersion}`;

/**
 * A coordinator offers a waiting ride to a driver they chose (ADR 0021), on the `matching` queue:
 * the dispatcher checks the insertion with the matching core and writes the offer, or says why not.
 * Job id: `offer-to-driver_<rideId>_<driverId>_<nonce>`.
 */
export const OFFER_TO_DRIVER_JOB = 'offer-to-driver';

export interface OfferToDriverJob {
  rideId: string;
  driverId: string;
  /** The coordinator, and the reason logged with the override. */
  coordinatorId: string;
  reason: string;
}

/** The offer made, or the engine's reason for refusing (`capacity`, `time-window`, `not-connected`, …). */
export type OfferToDriverResult = { offerId: string } | { refused: string };

export const offerToDriverJobId = (job: OfferToDriverJob, nonce: string) =>
  `offer-to-driver_${job.rideId}_${job.driverId}_${nonce}`;
