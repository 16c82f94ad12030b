/**
 * Rebalancing idle drivers toward worse-served zones (issue 13, ADR 0034). A pure rule, run the same
 * way by the API (the suggestion a driver's app shows) and by the fairness bench's simulated day.
 *
 * Each zone asks for a share of the idle drivers: its forecast demand for the hour (the rota's
 * forecast), raised by how much worse it has recently been served than the best-served zone (the
 * fairness report's service rate). Idle drivers count where they are heading: their current
 * suggestion, else home. While moving one driver from a zone above its share to one below it brings
 * both closer to their shares, the nearest such driver who follows suggestions is moved. Drivers who
 * opted out (or declined lately) are counted where they go but never moved.
 */

/** `[lng, lat]`, as everywhere in Navette. */
export type LngLat = readonly [number, number];

export interface RebalanceZone {
  id: string;
  /** Where a driver waits for this zone (a named place near its centre). */
  spot: LngLat;
  /** Forecast requests per hour starting in the zone. */
  forecastPerHour: number;
  /** Recent share of the zone's decided requests that were served, 0..1; null when none were decided. */
  serviceRate: number | null;
}

export interface RebalanceDriver {
  id: string;
  at: LngLat;
  /** The zone the driver is heading for: their current suggestion's, else the zone of home; null if neither is a zone. */
  anchor: string | null;
  /** The anchor is a suggestion the driver is following (kept unless moved), not home. */
  following: boolean;
  /** Follows suggestions: not opted out, no decline lately. */
  movable: boolean;
}

export interface RebalanceOptions {
  /** A zone served x (0..1) worse than the best-served one asks for (1 + gain × x) times its forecast share. */
  gain: number;
  /** Nobody is sent further than this, seconds of driving. */
  maxTravelSeconds: number;
}

/** Measured with `npm run bench:fairness -- --rebalance` (dispatcher/bench/README.md). */
export const DEFAULT_REBALANCE: RebalanceOptions = { gain: 10, maxTravelSeconds: 900 };

/** The share of idle drivers each zone asks for (summing to 1; all 0 without any demand). */
export function zoneShares(zones: readonly RebalanceZone[], gain: number): Map<string, number> {
  const rates = zones.flatMap((z) => (z.serviceRate === null ? [] : [z.serviceRate]));
  const best = rates.length ? Math.max(...rates) : 1;
  const weights = zones.map(
    (z) => Math.max(0, z.forecastPerHour) * (1 + gain * Math.max(0, best - (z.serviceRate ?? best))),
  );
  const total = weights.reduce((s, w) => s + w, 0);
  return new Map(zones.map((z, i) => [z.id, total > 0 ? weights[i]! / total : 0]));
}

/**
 * Where each idle driver who follows suggestions should wait: a zone id, or null (no suggestion:
 * wait at home, or keep the zone they are in). Drivers anchored in a zone keep it unless moved.
 */
export function suggestWaitingSpots(
  zones: readonly RebalanceZone[],
  drivers: readonly RebalanceDriver[],
  seconds: (a: LngLat, b: LngLat) => number,
  options: RebalanceOptions = DEFAULT_REBALANCE,
): Map<string, string | null> {
  const shares = zoneShares(zones, options.gain);
  const byId = new Map(zones.map((z) => [z.id, z]));
  const count = new Map(zones.map((z) => [z.id, 0]));
  const anchor = new Map<string, string | null>();
  for (const d of drivers) {
    const zone = d.anchor !== null && byId.has(d.anchor) ? d.anchor : null;
    anchor.set(d.id, zone);
    if (zone !== null) count.set(zone, count.get(zone)! + 1);
  }
  const deficit = (zone: string) => shares.get(zone)! * drivers.length - count.get(zone)!;
  const suggested = new Map<string, string | null>(drivers.filter((d) => d.movable).map((d) => [d.id, null]));
  const moved = new Set<string>();
  for (let round = 0; round < drivers.length; round++) {
    let best: { driver: RebalanceDriver; to: string; gain: number; seconds: number } | undefined;
    for (const d of drivers) {
      if (!d.movable || moved.has(d.id)) continue;
      const from = anchor.get(d.id)!;
      const fromDeficit = from === null ? -Infinity : deficit(from);
      for (const z of zones) {
        if (z.id === from) continue;
        // Moving one driver changes each deficit by one: worth it only when it narrows the gap.
        const gain = from === null ? deficit(z.id) - 0.5 : deficit(z.id) - fromDeficit - 1;
        if (gain <= 1e-9) continue;
        const travel = seconds(d.at, z.spot);
        if (travel > options.maxTravelSeconds) continue;
        if (!best || gain > best.gain + 1e-9 || (Math.abs(gain - best.gain) <= 1e-9 && travel < best.seconds))
          best = { driver: d, to: z.id, gain, seconds: travel };
      }
    }
    if (!best) break;
    const from = anchor.get(best.driver.id)!;
    if (from !== null) count.set(from, count.get(from)! - 1);
    count.set(best.to, count.get(best.to)! + 1);
    anchor.set(best.driver.id, best.to);
    moved.add(best.driver.id);
  }
  for (const d of drivers) {
    if (!d.movable) continue;
    const zone = anchor.get(d.id)!;
    // Not moved: a driver already following a suggestion keeps it; one heading home gets none.
    suggested.set(d.id, moved.has(d.id) || (zone !== null && d.following) ? zone : null);
  }
  return suggested;
}
