import type { LngLat, PointGeometry } from './geo.js';

/** What is asked for: a person's ride, or a task (a parcel, an errand) carried from A to B. */
export type RequestKind = 'ride' | 'task';

/**
 * Where a request stands. `requested`: waiting for matching; `offered`: a driver is being asked;
 * `assigned`: a driver accepted; `picked_up`; `completed`; `cancelled` by the rider;
 * `unserved`: no driver could take it; `no_show`: the rider was not at the pickup (marked by the driver).
 */
export type RideStatus =
  'requested' | 'offered' | 'assigned' | 'picked_up' | 'completed' | 'cancelled' | 'unserved' | 'no_show';

export interface CreateRideRequest {
  kind?: RequestKind;
  pickup: PointGeometry;
  dropoff: PointGeometry;
  /** Seats needed, 1–8. Default 1. */
  seats?: number;
  /** Wheelchair places needed, 0–2. Default 0. */
  wheelchairPlaces?: number;
  /** Only drivers within this many trust steps (1 = someone I vouched for or who vouched for me). */
  maxTrustDistance?: number;
  /** Booked ahead: the wanted pickup time (ISO 8601), from 15 minutes to 14 days ahead. Default: now. */
  pickupAt?: string;
  /**
   * Words for the driver ("blue door, second floor", "a guide dog"), 1–280 characters after
   * trimming; shown to the driver with the trip, cleared with the exact places at retention.
   */
  notes?: string;
}

export interface RideView {
  id: string;
  kind: RequestKind;
  status: RideStatus;
  riderId: string;
  pickup: PointGeometry;
  dropoff: PointGeometry;
  /**
   * What the pickup and drop-off are called (`GET /api/places/reverse` at request time): a place, a
   * street or a neighbourhood; null for rides asked before places existed.
   */
  pickupName: string | null;
  dropoffName: string | null;
  seats: number;
  wheelchairPlaces: number;
  territoryId: string;
  /** ISO 8601. */
  requestedAt: string;
  /** Booked ahead: the wanted pickup time (ISO 8601); null for now. */
  pickupAt: string | null;
  /** The assigned driver, once a driver accepted. */
  driverId: string | null;
  driverName: string | null;
  /** The assigned driver's last known position, shown to the rider only until pickup. */
  driverPosition: LngLat | null;
  /** Estimated pickup time (ISO 8601), once assigned. */
  expectedPickupAt: string | null;
  /**
   * Estimated drop-off time (ISO 8601), once assigned: the pickup estimate plus the direct trip,
   * then, on board, from the driver's position. Pooled stops on the way are not counted.
   */
  expectedDropoffAt: string | null;
  /** The assigned driver's vehicle as they named it ("Blue Berlingo"); null until assigned. */
  vehicleLabel: string | null;
  /** How many other riders' rides share the driver's trip now (pooling); 0 when alone or unassigned. */
  sharedWith: number;
}

/**
 * `GET /api/rides/estimate?pickup=lng,lat&dropoff=lng,lat`: what a rider may expect before asking,
 * by the engine's default travel model (great-circle distance × circuity at a constant speed).
 */
export interface RideEstimate {
  /**
   * Wait until pickup, in seconds: the nearest driver on shift in the pickup's territory driving to
   * it; null when no driver is on shift there (the request then waits for one).
   */
  waitSeconds: number | null;
  /** Direct driving time from pickup to drop-off, in seconds (before any pooling detour). */
  tripSeconds: number;
  /** Direct driving distance from pickup to drop-off, in meters. */
  tripMeters: number;
  /** Drivers on shift in the pickup's territory now. */
  driversOnShift: number;
}

/** What a driver sees of a request before accepting: areas, not addresses (privacy). */
export interface OfferView {
  id: string;
  rideId: string;
  kind: RequestKind;
  /** Pickup rounded to about 100 m. The exact address comes with the trip once accepted. */
  pickupArea: LngLat;
  dropoffArea: LngLat;
  /** The names of pickup and drop-off: a place within 150 m, a street (never a house number) or a neighbourhood. */
  pickupName: string | null;
  dropoffName: string | null;
  seats: number;
  wheelchairPlaces: number;
  /** Driving distance from the driver to the pickup, in meters (estimate). */
  approachMeters: number;
  /**
   * What accepting adds to the driver's route, by the engine's travel model: driving seconds and
   * meters of the route with this ride minus without it (for a driver with no route, the approach
   * and the ride itself). Null for offers made before the engine computed it.
   */
  detourSeconds: number | null;
  detourMeters: number | null;
  /** ISO 8601: after this the offer can no longer be accepted. */
  expiresAt: string;
}

/** A driver's accepted ride: exact addresses. */
export interface TripView {
  id: string;
  rideId: string;
  status: 'active' | 'completed' | 'cancelled';
  rideStatus: RideStatus;
  riderName: string;
  pickup: PointGeometry;
  dropoff: PointGeometry;
  pickupName: string | null;
  dropoffName: string | null;
  seats: number;
  /** The rider's words for the driver; null when none. */
  notes: string | null;
}

/** One stop of a driver's route: where to go next, for whom. */
export interface RouteStopView {
  rideId: string;
  type: 'pickup' | 'dropoff';
  position: LngLat;
  /** What the stop is called (the ride's pickup or drop-off name). */
  name: string | null;
  riderName: string;
  seats: number;
  /** The rider's words for the driver; null when none. */
  notes: string | null;
}

/** The stops ahead of a driver, in the order to serve them (pooled rides interleave). */
export interface RouteView {
  tripId: string | null;
  stops: RouteStopView[];
}

/** What a driver marks on the road. */
export type TripEvent = 'picked_up' | 'dropped_off' | 'no_show';

/**
 * A mark (HTTP body of `POST /api/trips/:rideId/mark`, socket `trip:mark` with `rideId`): the event
 * and, when the app knows it, where the driver is. The API records how far that is from the stop
 * (the pickup for `picked_up` and `no_show`, the drop-off for `dropped_off`); without a position,
 * the driver's last reported one is used.
 */
export interface TripMark {
  event: TripEvent;
  position?: LngLat;
}

/** The engine's account of one decision: the chosen vehicle's cost terms, and why the others were not. */
export interface MatchExplanation {
  /** `assignment`, `repair`, `unserved`; `driver-taken-meanwhile` when the chosen driver was gone on writing. */
  stage: string;
  terms: { name: string; value: number; weight: number }[];
  total: number;
  /** Up to ten other drivers (by id) and the reason each was not chosen (`trust-distance`, `costlier`…). */
  others: { vehicleId: string; reason: string; total?: number }[];
}

/** `GET /api/rides/:id/explanation` (coordinators): why each driver was asked, and why none was, lately. */
export interface RideExplanations {
  rideId: string;
  offers: {
    offerId: string;
    driverId: string;
    driverName: string;
    status: string;
    reach: string;
    createdAt: string;
    explanation: MatchExplanation;
  }[];
  /** The latest batch that left the ride without an offer, if any. */
  lastUnmatched: { at: string; explanation: MatchExplanation } | null;
}

/** The answer to declining an offer (HTTP and socket). */
export interface OfferDeclined {
  /** @format uuid */
  offerId: string;
}
