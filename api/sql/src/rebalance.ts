/**
 * Rebalancing idle drivers toward worse-served zones (issue 13, ADR 0034). A pure rule, run the same
 * way by the API (the suggestion a driver's app shows) and by the fairness bench's simulated day.
 *
 * An idle driver waiting in a zone is worth the demand they would otherwise leave unserved there: the
 * k-th driver of a zone serves someone only if at least k requests come before the horizon (those
 * waiting now plus the forecast's Poisson arrivals), so their worth is that probability, raised by how
 * much worse the zone has recently been served than the best-served one (the fairness report's
 * service rate). Idle drivers count where they are heading: their current suggestion, else home.
 * While moving one driver gains worth where they go more than it loses where they leave (a zone whose
 * own forecast needs its driver keeps them), the move with the largest gain is made, the nearest
 * driver first. Drivers who opted out (or declined lately) are counted where they go but never moved.
 *
 * With a recall (`RebalanceOptions.recall`, the default since ADR 0034's revision of 2026-12-07),
 * drivers are first brought back from beyond reach only while the zones together expect more
 * requests than drivers within reach, and moves by worth are kept only toward a zone served worse
 * than the one left: on the demo town's day a driver within reach is not worth the kilometres of
 * a move (`npm run bench:day -- --follow-rate 0.5`, dispatcher/bench/README.md).
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
  /** Requests of the zone waiting for a driver now (none assigned yet); default 0. */
  waiting?: number;
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
  /** A zone served x (0..1) worse than the best-served one weighs its unserved demand (1 + gain × x) times. */
  gain: number;
  /** Nobody is sent further than this, seconds of driving. */
  maxTravelSeconds: number;
  /** The demand a waiting driver is there for: arrivals within this many seconds, plus those waiting now. */
  horizonSeconds: number;
  /** A move is suggested only when it gains more than this (in expected requests, fairness-weighted). */
  minGain: number;
  /**
   * When set, the rule first brings back drivers stranded beyond reach (ADR 0033): a driver is within
   * reach when heading for a zone or within `reachSeconds` of a waiting spot; while fewer drivers are
   * within reach than `perRequest` × the requests expected before the horizon (all zones, waiting
   * ones included), the nearest driver beyond reach (at most `maxTravelSeconds` away) is sent to the
   * nearest spot that lacks drivers within reach. Nobody within reach is moved for it; moves by
   * worth then go only toward a zone served worse than the one left (a driver outside every zone:
   * served worse than the best-served zone). Unset: the worth-based rule alone.
   */
  recall?: RecallOptions;
}

export interface RecallOptions {
  /** A driver this close to a waiting spot, seconds of driving, is within reach. */
  reachSeconds: number;
  /** Drivers wanted within reach per request expected before the horizon. */
  perRequest: number;
  /** Nobody is brought back from further than this, seconds of driving. */
  maxTravelSeconds: number;
}

/**
 * Measured with `npm run bench:fairness -- --rebalance` and `npm run bench:day -- --follow-rate 0.5`
 * (dispatcher/bench/README.md). The recall wants 0.75 drivers within reach per expected request
 * (1.5 before takeovers, ADR 0041: a driver who can come sooner now takes over a late pickup, so
 * fewer drivers need bringing back, and each brought back costs empty kilometres).
 */
export const DEFAULT_REBALANCE: RebalanceOptions = {
  gain: 10,
  maxTravelSeconds: 900,
  horizonSeconds: 900,
  minGain: 0.1,
  recall: { reachSeconds: 600, perRequest: 0.75, maxTravelSeconds: 1800 },
};

/** P(X ≥ k) for X Poisson with mean `mean`. */
export function poissonAtLeast(k: number, mean: number): number {
  if (k <= 0) return 1;
  if (mean <= 0) return 0;
  let term = Math.exp(-mean);
  let below = term;
  for (let i = 1; i < k; i++) {
    term *= mean / i;
    below += term;
  }
  return Math.max(0, 1 - below);
}

/**
 * What the k-th idle driver waiting in each zone is worth (k from 1): the chance that at least k
 * requests need a driver there before the horizon, times the zone's fairness weight.
 */
export function driverWorth(
  zones: readonly RebalanceZone[],
  options: RebalanceOptions,
): Map<string, (k: number) => number> {
  const rates = zones.flatMap((z) => (z.serviceRate === null ? [] : [z.serviceRate]));
  const best = rates.length ? Math.max(...rates) : 1;
  return new Map(
    zones.map((z) => {
      const weight = 1 + options.gain * Math.max(0, best - (z.serviceRate ?? best));
      const arrivals = (Math.max(0, z.forecastPerHour) * options.horizonSeconds) / 3600;
      const waiting = Math.max(0, Math.floor(z.waiting ?? 0));
      return [z.id, (k: number) => weight * poissonAtLeast(k - waiting, arrivals)];
    }),
  );
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
  const recalled = options.recall
    ? recallBeyondReach(zones, drivers, seconds, options.horizonSeconds, options.recall)
    : new Map<string, string | null>();
  const worth = driverWorth(zones, options);
  // With a recall, the worth of a driver moves them only toward a zone served worse than the one they leave
  // (a driver outside every zone: toward one served worse than the best-served zone).
  const rates = new Map(
    zones.flatMap((z) => (z.serviceRate === null ? [] : [[z.id, z.serviceRate] as const])),
  );
  const bestRate = Math.max(0, ...rates.values());
  const worse = (to: string, from: string | null) =>
    !options.recall ||
    (rates.get(to) ?? bestRate) < (from === null ? bestRate : (rates.get(from) ?? bestRate));
  const count = new Map(zones.map((z) => [z.id, 0]));
  const anchor = new Map<string, string | null>();
  for (const d of drivers) {
    const back = recalled.get(d.id);
    const zone = back ?? (d.anchor !== null && worth.has(d.anchor) ? d.anchor : null);
    anchor.set(d.id, zone);
    if (zone !== null) count.set(zone, count.get(zone)! + 1);
  }
  // What a zone gains from one more driver, and loses with one fewer.
  const added = (zone: string) => worth.get(zone)!(count.get(zone)! + 1);
  const lost = (zone: string | null) => (zone === null ? 0 : worth.get(zone)!(count.get(zone)!));
  const suggested = new Map<string, string | null>(drivers.filter((d) => d.movable).map((d) => [d.id, null]));
  const moved = new Set(
    drivers.flatMap((d) => {
      const back = recalled.get(d.id);
      return back != null && !(d.following && d.anchor === back) ? [d.id] : [];
    }),
  );
  for (let round = 0; round < drivers.length; round++) {
    let best: { driver: RebalanceDriver; to: string; gain: number; seconds: number } | undefined;
    for (const d of drivers) {
      if (!d.movable || moved.has(d.id)) continue;
      const from = anchor.get(d.id)!;
      const loss = lost(from);
      for (const z of zones) {
        if (z.id === from || !worse(z.id, from)) continue;
        const gain = added(z.id) - loss;
        if (gain <= options.minGain) continue;
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

/** `RebalanceOptions.recall`: drivers beyond reach sent to the nearest spot whose zone runs short. */
export function recallBeyondReach(
  zones: readonly RebalanceZone[],
  drivers: readonly RebalanceDriver[],
  seconds: (a: LngLat, b: LngLat) => number,
  horizonSeconds: number,
  recall: RecallOptions,
): Map<string, string | null> {
  // What each zone lacks: its expected requests (× perRequest) less the drivers within reach whose nearest spot it is.
  const short = new Map(
    zones.map((z) => [
      z.id,
      recall.perRequest *
        ((Math.max(0, z.forecastPerHour) * horizonSeconds) / 3600 + Math.max(0, Math.floor(z.waiting ?? 0))),
    ]),
  );
  const heading = (d: RebalanceDriver) => d.following && d.anchor !== null && short.has(d.anchor);
  const beyond: { driver: RebalanceDriver; nearest: number }[] = [];
  for (const d of drivers) {
    let zone: string | null = heading(d) ? d.anchor : null;
    let nearest = Infinity;
    for (const z of zones) {
      const s = seconds(d.at, z.spot);
      if (s < nearest) {
        nearest = s;
        if (!heading(d)) zone = z.id;
      }
    }
    if (heading(d) || nearest <= recall.reachSeconds) short.set(zone!, short.get(zone!)! - 1);
    else if (d.movable && nearest <= recall.maxTravelSeconds) beyond.push({ driver: d, nearest });
  }
  beyond.sort((a, b) => a.nearest - b.nearest || (a.driver.id < b.driver.id ? -1 : 1));
  // All zones together short of this many drivers within reach: that many come back, each to the nearest spot that lacks one.
  let missing = Math.ceil([...short.values()].reduce((sum, x) => sum + x, 0));
  const suggested = new Map<string, string | null>();
  for (const d of drivers) if (d.movable) suggested.set(d.id, heading(d) ? d.anchor : null);
  for (const { driver } of beyond) {
    if (missing <= 0) break;
    let to: { zone: string; seconds: number } | undefined;
    for (const z of zones) {
      if (short.get(z.id)! <= 0) continue;
      const s = seconds(driver.at, z.spot);
      if (s <= recall.maxTravelSeconds && (!to || s < to.seconds)) to = { zone: z.id, seconds: s };
    }
    if (!to) continue;
    short.set(to.zone, short.get(to.zone)! - 1);
    missing--;
    suggested.set(driver.id, to.zone);
  }
  return suggested;
}
