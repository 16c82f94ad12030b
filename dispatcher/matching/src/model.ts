import type { Point } from './travel-times.js';

/** The load dimensions a vehicle carries and a request occupies. */
export type Dimension = 'seats' | 'wheelchairs' | 'cargo';

/** The dimensions in the fixed order the core uses internally. */
export const DIMENSIONS: readonly Dimension[] = ['seats', 'wheelchairs', 'cargo'];

/**
 * An amount per dimension: seats, wheelchair places, cargo units. A missing dimension is 0.
 * A wheelchair user occupies a wheelchair place (not a seat) unless the caller says otherwise.
 */
export type Load = Readonly<Partial<Record<Dimension, number>>>;

/** A time window `[earliest, latest]` in seconds on the caller's clock (the same clock as `now`). */
export type TimeWindow = readonly [earliestSeconds: number, latestSeconds: number];

/** A ride (people) or a task (a parcel or an errand from A to B). */
export type RequestKind = 'ride' | 'task';

/**
 * Something to carry from `pickup` to `dropoff`. All times are seconds on the caller's clock.
 *
 * Windows: `pickupWindow` defaults to `[now, now + maxWaitSeconds]` (or unbounded latest when
 * neither `maxWaitSeconds` nor a window is given); `dropoffWindow` defaults to unbounded.
 * Ride time (end of pickup service to start of dropoff service) is limited by `maxRideSeconds`, or
 * `maxDetourFactor × direct travel seconds` when only the factor is given, or not at all.
 */
export interface TripRequest {
  readonly id: string;
  readonly kind: RequestKind;
  /** `[lng, lat]` (or planar coordinates for benchmark instances). */
  readonly pickup: Point;
  readonly dropoff: Point;
  /** What it occupies while aboard. Default `{ seats: 1 }` for a ride, `{ cargo: 1 }` for a task. */
  readonly load?: Load;
  readonly pickupWindow?: TimeWindow;
  readonly dropoffWindow?: TimeWindow;
  /** Maximum wait after `now` (or after the pickup window opens), seconds. */
  readonly maxWaitSeconds?: number;
  /** Maximum ride time, seconds. */
  readonly maxRideSeconds?: number;
  /** Maximum ride time as a multiple of the direct travel time (e.g. 1.5). */
  readonly maxDetourFactor?: number;
  /** Time spent at the pickup (boarding, loading), seconds. Default 0. */
  readonly pickupServiceSeconds?: number;
  /** Time spent at the dropoff, seconds. Default 0. */
  readonly dropoffServiceSeconds?: number;
  /** `'now'` for live dispatch, `'ahead'` for pre-booked trips. Informational; default `'now'`. */
  readonly booking?: 'now' | 'ahead';
  /** Cost of leaving this request unserved, in cost units. Default: `PlanOptions.unassignedPenalty`. */
  readonly unassignedPenalty?: number;
}

/** A rider (or parcel) already aboard: only its dropoff remains. */
export interface AboardRider {
  readonly request: TripRequest;
  /** When the pickup service ended, seconds: the ride-time limit counts from here. */
  readonly pickedUpAtSeconds: number;
}

/** One planned stop of a vehicle's route, referring to an assigned or aboard request by id. */
export interface PlannedStop {
  readonly requestId: string;
  readonly type: 'pickup' | 'dropoff';
}

/**
 * A vehicle and its driver's commitments. `stops` lists the stops not yet reached, in order; every
 * request in `assigned` has its pickup and dropoff there, every rider in `aboard` its dropoff.
 * When `stops` is omitted, the planner orders them itself.
 */
export interface Vehicle {
  readonly id: string;
  /** Where the vehicle is (or will be free), `[lng, lat]`. */
  readonly at: Point;
  /** When it is at `at` and can leave, seconds. Default: `now`. */
  readonly availableFromSeconds?: number;
  readonly capacity: Load;
  /** The route must be finished (last stop served, or back at `endAt`) by then, seconds. Default: unbounded. */
  readonly shiftEndSeconds?: number;
  /** Where the route ends (a depot, home). Default: open route, ends at its last stop. */
  readonly endAt?: Point;
  /** Longest route from leaving `at` to the end, seconds. Default: unbounded. */
  readonly maxRouteSeconds?: number;
  readonly aboard?: readonly AboardRider[];
  readonly assigned?: readonly TripRequest[];
  readonly stops?: readonly PlannedStop[];
  /** Territory the vehicle serves; matched against `ScoringHooks.exclude` by the caller. */
  readonly territory?: string;
}

/** One weighted term of a candidate's cost: contributes `value × weight`. */
export interface CostTerm {
  readonly name: string;
  readonly value: number;
  readonly weight: number;
}

/**
 * Caller-supplied preferences and rules, called once per (request, vehicle) pair per decision.
 * `terms` add to the travel cost (e.g. trust distance, fairness priority); `exclude` is a hard rule
 * (blocked pair, maximum trust distance, territory): it returns `true` (or a short reason string)
 * to exclude the pair, `false` to allow it.
 */
export interface ScoringHooks {
  readonly terms?: (request: TripRequest, vehicle: Vehicle) => readonly CostTerm[];
  readonly exclude?: (request: TripRequest, vehicle: Vehicle) => boolean | string;
}

/**
 * How a plan is priced: travel at `seconds × perSecond + meters × perMeter` (defaults 1 and 0), plus
 * `perRiderWaitSecond` for each second a ride's pickup starts after its window opens (default
 * `RIDER_WAIT_WEIGHT`, 0.5; tasks wait free within their window). 0 prices travel alone, as in
 * Cordeau's instances.
 */
export interface TravelCostWeights {
  readonly perSecond?: number;
  readonly perMeter?: number;
  readonly perRiderWaitSecond?: number;
}
