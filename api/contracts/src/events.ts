import type { Ack, ErrorBody } from './errors.js';
import type { LngLat } from './geo.js';
import type { OfferView, RideView, TripMark, TripTakenOver, TripView } from './rides.js';
import type { RotaFlagged, RotaNoShow, RotaPromoted, RotaReminder } from './rota.js';
import type { WaitingSpotView } from './rebalancing.js';

/** Payload of `driver:moved`. */
export interface DriverMoved {
  driverId: string;
  position: LngLat;
  /** ISO 8601. */
  at: string;
}

/**
 * Payload of `drivers:moved`: the positions one API node wrote together (ADR 0039), for one
 * territory's coordinators; each driver at most once.
 */
export interface DriversMoved {
  territoryId: string;
  moves: DriverMoved[];
}

/**
 * Why a driver on shift gets no offers now: no live socket (`not-connected`), no position
 * (`no-position`), the last position older than the territory's `positionMaxAgeSeconds`
 * (`position-stale`), a position outside every territory (`outside-territory`), the driver's own
 * weekly trip limit reached (`weekly-limit`), their quiet hours (`quiet-hours`), or a rest after a
 * declined or missed offer (`resting`). The same rules the dispatcher applies before matching.
 */
export type DriverPauseReason =
  | 'not-connected'
  | 'no-position'
  | 'position-stale'
  | 'outside-territory'
  | 'weekly-limit'
  | 'quiet-hours'
  | 'resting';

/** Payload of `driver:paused`. */
export interface DriverPaused {
  reason: DriverPauseReason;
  /** When the pause ends by itself, ISO 8601 (only for `resting`). */
  until?: string;
}

/** A driver's availability for offers, as shown in the shift view. */
export type DriverAvailability = { state: 'available' } | ({ state: 'paused' } & DriverPaused);

export interface PositionReport {
  position: LngLat;
}

/**
 * Why the server closed a socket: its token expired, the member was suspended or no longer exists,
 * their role changed (log in again for the new role's rooms), or their password was changed or
 * reset (every session signed before it ends; sign in again).
 */
export type SessionEndReason = 'expired' | 'suspended' | 'removed' | 'role-changed' | 'password-changed';

/**
 * Server → client events (past tense). Rooms: `member:<id>` (every member's own),
 * `driver:<id>` (a driver's), `territory:<id>` (its coordinators).
 */
export interface ServerToClientEvents {
  'offer:received': (offer: OfferView) => void;
  'offer:expired': (payload: { offerId: string }) => void;
  'ride:updated': (ride: RideView) => void;
  /**
   * To a driver (driver:<id>): a ride they had accepted, not yet picked up, was taken over by a
   * driver who can be at the pickup sooner (ADR 0041); their route no longer has its stops.
   */
  'trip:taken-over': (takenOver: TripTakenOver) => void;
  /** To the rider of an assigned ride (member:<id>): their driver's new position. */
  'driver:moved': (moved: DriverMoved) => void;
  /** To a territory's coordinators (territory:<id>): drivers' new positions, written together. */
  'drivers:moved': (moved: DriversMoved) => void;
  /**
   * To a driver on shift: offers stopped, and why. Sent on connecting, on a change, and after each
   * declined or missed offer; the latest one holds (a repeat is harmless).
   */
  'driver:paused': (paused: DriverPaused) => void;
  /** To a driver on shift: offers may come again (also sent on connecting when available). */
  'driver:resumed': (payload: Record<string, never>) => void;
  /**
   * To a driver on shift: a new waiting spot was suggested, or the one shown was withdrawn
   * (`suggestion: null`, with why), the same view as `GET /api/drivers/me/waiting-spot` (ADR 0034).
   * Checked every minute (`WAITING_SPOT_PUSH_MS`) and sent only on a change; the app asks once
   * over HTTP on each (re)connect.
   */
  'waiting-spot:changed': (view: WaitingSpotView) => void;
  /** To a driver: a signed shift starts soon (the territory's reminder time before it). */
  'rota:reminder': (reminder: RotaReminder) => void;
  /** To a driver: moved up from a waiting list; they are now signed for the shift. */
  'rota:promoted': (promoted: RotaPromoted) => void;
  /** To coordinators: a signed driver did not start their shift. */
  'rota:no-show': (noShow: RotaNoShow) => void;
  /** To coordinators: booked rides of a coming day that no signed-up driver can take. */
  'rota:flagged': (flagged: RotaFlagged) => void;
  /** Sent just before the server disconnects the socket; the client should not reconnect with the same token. */
  'session:ended': (payload: { reason: SessionEndReason }) => void;
  /** An event the server does not know was sent without an ack: its name and the `UNKNOWN_EVENT` problem. */
  'command:refused': (payload: CommandRefused) => void;
}

/** Payload of `command:refused`. */
export interface CommandRefused {
  event: string;
  error: ErrorBody;
}

/** Client → server events (imperative). Each answers through its ack. */
export interface ClientToServerEvents {
  'position:report': (report: PositionReport, ack: (res: Ack<{ at: string }>) => void) => void;
  'offer:accept': (payload: { offerId: string }, ack: (res: Ack<TripView>) => void) => void;
  'offer:decline': (payload: { offerId: string }, ack: (res: Ack<{ offerId: string }>) => void) => void;
  'trip:mark': (payload: TripMark & { rideId: string }, ack: (res: Ack<TripView>) => void) => void;
  /** Asks for every offer still pending for this driver (after a reconnect); they come as `offer:received`. */
  'offers:resend': (payload: Record<string, never>, ack: (res: Ack<{ count: number }>) => void) => void;
}

/** What the dispatcher (or any process) publishes for the API's socket gateway to deliver. */
export interface OutboundEvent<E extends keyof ServerToClientEvents = keyof ServerToClientEvents> {
  room: string;
  event: E;
  payload: Parameters<ServerToClientEvents[E]>[0];
}

/**
 * A worker's note that a ride changed: the API node holding the rider's socket reads the ride and
 * sends a fresh `ride:updated`, so workers need not know how a `RideView` is built.
 */
export interface RideChangedNotice {
  rideChanged: string;
  riderId: string;
}

export type OutboundMessage = OutboundEvent | RideChangedNotice;

/**
 * The Redis pub/sub channel carrying `OutboundMessage`s from workers to socket owners, inside the
 * deployment's queue prefix (`QUEUE_PREFIX`, default `navette` → `navette:outbound-events`), so
 * that deployments sharing one Redis do not hear each other. The one definition for every side.
 */
export const outboundEventsChannel = (queuePrefix: string) => `${queuePrefix}:outbound-events`;

export const rooms = {
  member: (id: string) => `member:${id}`,
  driver: (id: string) => `driver:${id}`,
  territory: (id: string) => `territory:${id}`,
} as const;
