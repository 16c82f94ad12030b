/**
 * What the load generator's threads tell each other. Times are wall-clock milliseconds
 * (`performance.timeOrigin + performance.now()`), comparable across threads and processes.
 */
export const now = (): number => performance.timeOrigin + performance.now();

/** Main → a drivers' thread. */
export interface DriversStart {
  type: 'start';
  baseUrl: string;
  password: string;
  emails: string[];
  /** Period of each driver's position reports, ms. */
  positionEveryMs: number;
  /** From an accepted offer to the drop-off that frees the driver, ms. */
  tripMs: number;
  /** Neighbourhood outlines, `[lng, lat]` rings: each driver stays in one. */
  areas: [number, number][][];
  seed: number;
}

/** Main → a riders' thread. */
export interface RidersStart {
  type: 'start';
  baseUrl: string;
  password: string;
  emails: string[];
  /** Neighbourhood outlines: requests go from a point of one to a point of another (or the same). */
  areas: [number, number][][];
  seed: number;
}

/** Main → the riders' thread: requests per second from now on. */
export interface RidersRate {
  type: 'rate';
  perSecond: number;
}

export interface Stop {
  type: 'stop';
}

/** A thread → main, every half second: what happened since its last report. */
export interface Records {
  type: 'records';
  /** `[rideId, at]`: a driver's first `offer:received` for the ride. */
  offers?: [string, number][];
  /** `[rideId, sentAt, ok]`: a driver sent `offer:accept`, and whether the ack was a success. */
  accepts?: [string, number, boolean][];
  /** `[driverId lng lat, sentAt]`: a `position:report` sent. */
  positions?: [string, number][];
  /** `[rideId, sentAt, answeredAt]`: a request answered 201 by the API. */
  requests?: [string, number, number][];
  /** `[rideId, at]`: the rider's `ride:updated` with status `assigned`. */
  assigned?: [string, number][];
  /** Failures by kind (`POST /api/rides 429`, `position:report RATE_LIMITED`, …). */
  errors?: Record<string, number>;
  /** Drivers with a ride in hand (offered and not yet dropped off), and online. */
  busy?: number;
  online?: number;
}

/** A thread → main: its members are logged in and connected (drivers on shift). */
export interface Ready {
  type: 'ready';
  online: number;
  failed: string[];
}

export interface Done {
  type: 'done';
}

export type FromThread = Records | Ready | Done;

/** The key of a position report: who and where (the coordinator's `drivers:moved` carries both). */
export const positionKey = (driverId: string, position: readonly [number, number]) =>
  `${driverId} ${position[0]} ${position[1]}`;
