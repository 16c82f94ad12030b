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
  /** Booked ahead: the wanted pickup time (ISO 8601), from 15 minutes to 14 days ahead. Default: now. Rides only: a task says `task.pickupAfter`. */
  pickupAt?: string;
  /**
   * Words for the driver ("blue door, second floor", "a guide dog"), 1–280 characters after
   * trimming; shown to the driver with the trip, cleared with the exact places at retention.
   */
  notes?: string;
  /** What a task carries, to whom, and when: required when `kind` is `task`, refused for a ride. */
  task?: CreateTaskRequest;
}

/** What a task is: a parcel between neighbours, groceries, a prescription picked up, an errand. */
export type TaskCategory = 'parcel' | 'groceries' | 'prescription' | 'errand' | 'other';

/** A size in plain words; each territory says how many cargo units it takes (`TerritoryCargoSizes`). */
export type TaskSize = 'bag' | 'box' | 'boot';

/** How heavy, roughly: light (one hand), medium (two hands), heavy (two people or a trolley). */
export type WeightClass = 'light' | 'medium' | 'heavy';

/** When the delivery fails (nobody there): bring it back to the sender, or try again later in the route. */
export type FailedDeliveryChoice = 'return' | 'replan';

/**
 * Who receives a task: a member (by id), or someone without an account (a name and a phone or an
 * e-mail). Stored under the territory's retention rule and erased with the ride's places.
 */
export interface TaskRecipient {
  /** @format uuid */
  memberId?: string;
  /** 1–80 characters. Required without `memberId`. */
  name?: string;
  /** Digits, spaces, +, -, ( and ), 6–20 characters. A phone or an e-mail is required without `memberId`. */
  phone?: string;
  email?: string;
}

export interface CreateTaskRequest {
  /** A short description, 1–120 characters ("a box of books"). */
  what: string;
  category: TaskCategory;
  size: TaskSize;
  weightClass?: WeightClass;
  recipient: TaskRecipient;
  /** For the driver at the pickup, at most 500 characters ("ring twice"). */
  pickupInstructions?: string;
  /** For the driver at the drop-off, at most 500 characters. */
  dropoffInstructions?: string;
  /** Pick up after (ISO 8601, up to 14 days ahead). Default: now. */
  pickupAfter?: string;
  /** Pick up before (ISO 8601); at most the territory's task delay limit after `pickupAfter`. Default: that limit. */
  pickupBefore?: string;
  /** Deliver between `deliverAfter` and `deliverBefore` (ISO 8601). Default: any time after pickup. */
  deliverAfter?: string;
  deliverBefore?: string;
  /** Default `return`. */
  onFailure?: FailedDeliveryChoice;
}

/** How a delivery ended: the recipient's code, left with a neighbour or in a safe place, or brought back to the sender. */
export type DeliveryOutcome = 'code' | 'neighbour' | 'safe-place' | 'returned';

/** A task as its sender (and coordinators) see it. The handover code is not here: see `TaskHandoverView`. */
export interface TaskView {
  what: string;
  category: TaskCategory;
  size: TaskSize;
  weightClass: WeightClass | null;
  /** Null once erased under the retention rule. */
  recipient: { memberId: string | null; name: string | null; phone: string | null; email: string | null };
  pickupInstructions: string | null;
  dropoffInstructions: string | null;
  /** ISO 8601 or null. */
  pickupBefore: string | null;
  deliverAfter: string | null;
  deliverBefore: string | null;
  onFailure: FailedDeliveryChoice;
  /** Failed delivery attempts so far. */
  failedAttempts: number;
  /** True once a failed delivery sent it back to the sender. */
  returning: boolean;
  outcome: DeliveryOutcome | null;
  outcomeNote: string | null;
  outcomeAt: string | null;
}

/** `GET /api/rides/:id/handover` (the sender only): what to pass on to the recipient. */
export interface TaskHandoverView {
  rideId: string;
  /** Six digits the recipient gives the driver; null once the delivery ended. */
  code: string | null;
  /** The tracking page, no account needed; null once it expired. */
  trackingUrl: string | null;
  /** True when the code and the link were mailed to the recipient. */
  mailedToRecipient: boolean;
}

/** Where a task stands, for the tracking page: nothing about the people but the driver's first name. */
export type TrackingState =
  | 'waiting'
  | 'driver-coming'
  | 'on-its-way'
  | 'delivered'
  | 'returning'
  | 'returned'
  | 'cancelled'
  | 'unserved';

/** `GET /api/track/:token`: the state and the driver's approach, from the pickup to the drop-off. */
export interface TrackingView {
  state: TrackingState;
  what: string;
  pickupName: string | null;
  dropoffName: string | null;
  pickup: LngLat;
  dropoff: LngLat;
  /** The driver's last position while the task is on its way to them or to the drop-off; null otherwise. */
  driverPosition: LngLat | null;
  /** ISO 8601: the window the recipient can expect it in, when one was set. */
  deliverAfter: string | null;
  deliverBefore: string | null;
  outcome: DeliveryOutcome | null;
  /** The link stops working at this time (ISO 8601) once the delivery ended; null while it runs. */
  expiresAt: string | null;
}

/** `POST /api/trips/:rideId/handover`: how the driver ends a delivery at the drop-off. */
export interface HandoverRequest {
  /** `code`: the recipient gave the code; `neighbour`/`safe-place`: left, with a note; `failed`: nobody, per the sender's choice; `returned`: given back to the sender. */
  outcome: 'code' | 'neighbour' | 'safe-place' | 'failed' | 'returned';
  /** Six digits, with `code`. */
  code?: string;
  /** Required with `neighbour` and `safe-place` (who or where), at most 500 characters. */
  note?: string;
}

/** A task as the driver sees it once accepted: what, and who to collect from and deliver to. */
export interface TripTaskView {
  what: string;
  size: TaskSize;
  weightClass: WeightClass | null;
  /** The sender's name: collect from them. */
  senderName: string;
  /** Deliver to (the sender while returning). */
  recipientName: string | null;
  recipientPhone: string | null;
  recipientEmail: string | null;
  pickupInstructions: string | null;
  dropoffInstructions: string | null;
  deliverAfter: string | null;
  deliverBefore: string | null;
  returning: boolean;
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
  /** Cargo units a task takes (0 for a ride). Always sent; optional for clients built before tasks. */
  cargoUnits?: number;
  /** A task's details; null for a ride. Always sent. */
  task?: TaskView | null;
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
  /** Cargo units a task takes (0 for a ride). Always sent. */
  cargoUnits?: number;
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
  /**
   * A takeover (ADR 0041): the ride is already promised to another driver, and this driver would be
   * at the pickup `soonerSeconds` earlier. Accepting takes the ride over (the other driver is told,
   * `trip:taken-over`); declining or letting it expire leaves it with them. Null (or absent, from
   * servers before takeovers) for a ride nobody has yet.
   */
  takeover?: { soonerSeconds: number } | null;
}

/** Payload of `trip:taken-over`: a ride of this driver's went to a driver who can be there sooner. */
export interface TripTakenOver {
  rideId: string;
  /** The pickup's name, as the driver's route showed it. */
  pickupName: string | null;
  /** How much sooner the other driver will be at the pickup, seconds. */
  soonerSeconds: number;
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
  /** Always sent (optional for clients built before tasks), as are `cargoUnits` and `task`. */
  kind?: RequestKind;
  cargoUnits?: number;
  /** A task's what and contacts; null for a ride. */
  task?: TripTaskView | null;
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
  /** Always sent (optional for clients built before tasks), as are `cargoUnits` and `handover`. */
  kind?: RequestKind;
  cargoUnits?: number;
  /**
   * For a task: `collect` from the sender, `deliver` to the recipient (`return` to the sender after
   * a failed delivery), with the contact and the instructions for this stop; null for a ride.
   */
  handover?: {
    action: 'collect' | 'deliver' | 'return';
    what: string;
    contactName: string | null;
    contactPhone: string | null;
    contactEmail: string | null;
    instructions: string | null;
  } | null;
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
  /** When no driver could take it: waiting for room (`capacity`: seats, wheelchair places or cargo) or for a `time-window`. */
  waitingFor?: 'capacity' | 'time-window';
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
