import type { RequestKind } from './rides.js';

/** One zone (a territory nested in the one reported on) over the period. */
export interface ZoneFairness {
  territoryId: string;
  name: string;
  requests: number;
  served: number;
  refused: number;
  cancelled: number;
  /** served / (served + refused); null when nothing was decided. */
  serviceRate: number | null;
  refusalRate: number | null;
  /** Seconds from request to pickup, over rides picked up. */
  waitP50Seconds: number | null;
  waitP90Seconds: number | null;
  /** Offers drivers declined or let expire for rides of this zone. */
  declinedOffers: number;
}

/** One kind of request (rides, tasks) over the territory and the period: a parcel may be served worse than a rider. */
export interface KindFairness {
  kind: RequestKind;
  requests: number;
  served: number;
  refused: number;
  cancelled: number;
  /** served / (served + refused); null when nothing was decided. */
  serviceRate: number | null;
  /** Seconds from request (or booked time) to pickup, over requests picked up. */
  waitP50Seconds: number | null;
  waitP90Seconds: number | null;
}

export interface DriverFairness {
  driverId: string;
  name: string;
  trips: number;
  /** Share of the territory's trips driven by this driver, 0..1. */
  loadShare: number;
  declaredHoursPerWeek: number;
  /** Share of the declared hours, 0..1. */
  availabilityShare: number;
  /** Hours of rota shifts the driver signed up for in the period (the rota, ADR 0027). */
  rotaShiftHours: number;
  /** Share of the listed drivers' rota shift hours, 0..1: beside `loadShare` and `availabilityShare`. */
  rotaShiftShare: number;
}

/** The coordinator's fairness report for a territory and a period. */
export interface FairnessReport {
  territoryId: string;
  from: string;
  to: string;
  zones: ZoneFairness[];
  /** Inequality of refusal rates across zones (Gini, 0 = equal). */
  refusalGini: number;
  overallServiceRate: number | null;
  drivers: DriverFairness[];
  /** Trips this territory's drivers drove for other territories, and the reverse. */
  lending: { lent: number; borrowed: number };
  /** Rides and tasks apart, both always listed. Always sent; optional for clients built before tasks. */
  kinds?: KindFairness[];
}
