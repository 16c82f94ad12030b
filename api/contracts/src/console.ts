import type { DriverPauseReason } from './events.js';
import type { LngLat } from './geo.js';
import type { DecisionView } from './reciprocity.js';
import type { MatchExplanation } from './rides.js';

/**
 * What a driver on shift is doing, first that holds: on a trip, answering an offer, resting after
 * missed offers (until `restingUntil`), paused (`pausedBecause`), else idle.
 */
export type LiveDriverState = 'on-trip' | 'offered' | 'resting' | 'paused' | 'idle';

export interface LiveDriver {
  driverId: string;
  name: string;
  territoryId: string;
  state: LiveDriverState;
  /** ISO 8601, with `resting`. */
  restingUntil?: string;
  /** With `paused`. */
  pausedBecause?: Exclude<DriverPauseReason, 'resting'>;
  /** Latest reported position, if any; `positionAt` is when (ISO 8601). */
  position: LngLat | null;
  positionAt: string | null;
}

/**
 * One reason a waiting ride got no driver in its latest batch, as a code the page's catalogue
 * renders (ADR 0021), with how many drivers it excluded. Codes are the engine's
 * (`capacity`, `time-window`, `shift-end`, `resting`, `not-connected`, `position-stale`, `busy`,
 * `trust-distance`, `yields-to-worse-served-zone`, `costlier`, …) plus `no-driver-on-shift`.
 */
export interface WaitReason {
  code: string;
  drivers: number;
  /** The same reason in words, in the language the request asked for (`Accept-Language`: fr or en). */
  text: string;
}

export interface LiveRide {
  rideId: string;
  territoryId: string;
  status: 'requested' | 'offered';
  /** ISO 8601. */
  requestedAt: string;
  /** Seconds since it was requested. */
  waitingSeconds: number;
  pickup: LngLat;
  seats: number;
  wheelchairPlaces: number;
  /** The driver whose offer is pending, with `offered`. */
  offeredTo: string | null;
  /** That pending offer, with `offered` (what a coordinator withdraws). */
  offerId: string | null;
  /** Who asked for it. */
  riderName: string;
  /** The names of pickup and drop-off as the ride keeps them (a place, a street, a neighbourhood). */
  pickupName: string | null;
  dropoffName: string | null;
  /** Why it waits, from the engine's latest unmatched batch (empty when there was none yet). */
  why: WaitReason[];
  /** That batch, as `GET /api/rides/:id/explanation` gives it. */
  lastUnmatched: { at: string; explanation: MatchExplanation } | null;
}

/** `GET /api/territories/:id/live`: the territory and every territory within it, now. */
export interface TerritoryLiveView {
  territoryId: string;
  /** ISO 8601: when this was read. */
  at: string;
  drivers: LiveDriver[];
  /** Oldest first. */
  waiting: LiveRide[];
}

/** What the audit log records: moderation decisions, role changes, dispatch overrides (ADR 0021). */
export type AuditDecision = DecisionView['decision'];

/**
 * One row of `GET /api/territories/:id/audit-log`: a decision a coordinator took in the territory or
 * a territory within it (about a report, a pair block, a role or dispatch), newest first.
 */
export interface AuditEntry {
  id: string;
  decision: AuditDecision;
  reason: string;
  /** ISO 8601. */
  at: string;
  /** The territory it was taken in (the report's or the pair block's for moderation decisions). */
  territoryId: string | null;
  /** Who it is about. */
  subject: { id: string; name: string };
  /** Who took it. */
  decidedBy: { id: string; name: string };
  /** With `offer-ride` and `withdraw-offer`. */
  rideId: string | null;
  /** With decisions on a report. */
  reportId: string | null;
  /** With `grant-role` and `withdraw-role`. */
  role: 'driver' | 'coordinator' | null;
}

/** A coordinator's override of dispatch: the reason is required and goes to the audit log. */
export interface OverrideRequest {
  reason: string;
}

/** `POST /api/territories/:id/rides/:rideId/offer`: offer a waiting ride to a chosen driver. */
export interface ManualOfferRequest extends OverrideRequest {
  driverId: string;
}

/** What an override did: the rides sent back to matching (they keep their place in the queue). */
export interface OverrideResult {
  releasedRideIds: string[];
}

/** `POST /api/territories/:id/rides/:rideId/offer`: the offer the engine found feasible and made. */
export interface ManualOfferResult {
  offerId: string;
}
