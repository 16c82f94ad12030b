/**
 * Capacity held for worse-served zones. The fairness terms (waiting, zone priority) only decide who
 * gets a vehicle when requests compete for the same one in a batch; everything else that fits is
 * inserted whatever its zone, so a central, well-served zone keeps taking the capacity that a
 * worse-served one would need a few minutes later. When capacity is contended, a ride from a zone
 * served clearly better than the worst zone of the batch therefore yields: it is not assigned in
 * this batch, for at most a share of its wait limit, after which it competes as usual.
 */

/** When a ride yields to worse-served zones. */
export interface FairHold {
  /** A ride yields when its zone's service rate exceeds the batch's worst by more than this (0..1). */
  margin: number;
  /** It yields only while it has waited less than this share of its wait limit (0..1). */
  share: number;
}

/** Measured with `npm run bench:fairness` (dispatcher/bench/README.md). */
export const DEFAULT_HOLD: FairHold = { margin: 0.05, share: 0.5 };

export interface HoldRide {
  /** Recent share of requests served in the ride's zone, 0..1. */
  zoneServiceRate: number;
  waitedSeconds: number;
  maxWaitSeconds: number;
}

export interface HoldDriver {
  /** Someone is aboard or assigned. */
  carrying: boolean;
  /** Why the driver cannot be asked now; null when they can. */
  unavailable: string | null;
}

/**
 * The rides of a batch that yield. Capacity counts as contended when fewer drivers are idle
 * (available, nobody aboard or assigned) than rides of the worst-served zones are waiting: with
 * enough idle drivers for all of those, holding anyone back would only make them wait.
 */
export function ridesThatYield(
  rides: ReadonlyMap<string, HoldRide>,
  drivers: Iterable<HoldDriver>,
  hold: FairHold = DEFAULT_HOLD,
): Set<string> {
  const yielding = new Set<string>();
  let worst = Infinity;
  for (const ride of rides.values()) worst = Math.min(worst, ride.zoneServiceRate);
  let contenders = 0;
  for (const ride of rides.values()) if (ride.zoneServiceRate <= worst + hold.margin) contenders++;
  let idle = 0;
  for (const driver of drivers) if (!driver.carrying && driver.unavailable === null) idle++;
  if (idle >= contenders) return yielding;
  for (const [id, ride] of rides) {
    if (ride.zoneServiceRate > worst + hold.margin && ride.waitedSeconds < hold.share * ride.maxWaitSeconds)
      yielding.add(id);
  }
  return yielding;
}
