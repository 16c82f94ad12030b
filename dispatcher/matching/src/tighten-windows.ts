import type { Problem } from './problem.js';

/**
 * Narrows each request's windows by its ride limit (Cordeau 2006, §2): the pickup starts no earlier
 * than the earliest dropoff minus the limit and the pickup's service, and the dropoff no later than
 * the latest pickup plus that service plus the limit. Every feasible schedule already keeps these,
 * so feasibility is unchanged, whatever the travel times (no triangle inequality assumed, which is
 * why the direct-travel rules of the paper are left out); the insertion screens, which reason on
 * windows, become much sharper on requests with one tight window and a ride limit, as in
 * pre-booked trips. Mutates `p`; returns the number of bounds narrowed.
 */
export function tightenWindows(p: Problem): number {
  let narrowed = 0;
  for (let r = 0; r < p.requestCount; r++) {
    const pn = p.pickupNode[r]!;
    if (pn < 0) continue; // aboard: the dropoff's window already carries the ride limit
    const dn = p.dropoffNode[r]!;
    const s = p.service[pn]!;
    const ride = p.maxRide[r]!;
    const earliestPickup = p.earliest[dn]! - ride - s;
    const latestDropoff = p.latest[pn]! + s + ride;
    if (earliestPickup > p.earliest[pn]!) {
      p.earliest[pn] = earliestPickup;
      narrowed++;
    }
    if (latestDropoff < p.latest[dn]!) {
      p.latest[dn] = latestDropoff;
      narrowed++;
    }
  }
  return narrowed;
}
