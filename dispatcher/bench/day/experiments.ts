import { performance } from 'node:perf_hooks';
import { batchWindowMs } from '@navette/contracts';
import { planRoutes, type Point } from '@navette/matching';
import { DEFAULT_REBALANCE, type RebalanceOptions } from '@navette/sql';
import { DEFAULT_TAKEOVER, type TakeoverOptions } from '../../src/batch/takeover.js';
import { fleetStarts, HOURLY_PROFILE, slice, type DayDemand } from './demand.js';
import {
  CAPACITY,
  offlineRequests,
  replayPlan,
  simulate,
  type DayRun,
  type Dispatch,
  type SimRebalance,
} from './simulate.js';

/** The API's adaptive window with its defaults (`BATCH_WINDOW_MIN_MS` 50, `BATCH_WINDOW_MS` 2000, `BATCH_WINDOW_FULL_AT` 20). */
export const adaptiveWindow = (arrivals: number) =>
  batchWindowMs(arrivals, { minMs: 50, maxMs: 2000, fullAtPerSecond: 20 });
/** The window before ADR 0029: every request waits 2 s. */
export const fixedWindow = () => 2000;

/** Targets the taxi baseline must meet for a fleet to count as serving the demand. */
export const SERVES = { share: 0.99, waitP95Seconds: 600 };

/** The q-quantile of `xs` (nearest rank); NaN when empty. */
export function quantile(xs: readonly number[], q: number): number {
  if (xs.length === 0) return NaN;
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

/** The figures the bench prints for one run. */
export interface Figures {
  servedShare: number;
  waitP50: number;
  waitP95: number;
  rideP50: number;
  rideP95: number;
  vehicleKmPerPassengerKm: number;
  occupancy: number;
  emptyKm: number;
  vehicleKm: number;
  batchP50Ms: number;
  batchP99Ms: number;
  engineSeconds: number;
}

export function figures(run: DayRun): Figures {
  return {
    servedShare: run.requests ? run.served / run.requests : 0,
    waitP50: quantile(run.waits, 0.5),
    waitP95: quantile(run.waits, 0.95),
    rideP50: quantile(run.rideOverDirect, 0.5),
    rideP95: quantile(run.rideOverDirect, 0.95),
    vehicleKmPerPassengerKm: run.passengerMeters ? run.vehicleMeters / run.passengerMeters : NaN,
    occupancy: run.vehicleMeters ? run.tripMeters / run.vehicleMeters : 0,
    emptyKm: run.emptyMeters / 1000,
    vehicleKm: run.vehicleMeters / 1000,
    batchP50Ms: quantile(run.batchMs, 0.5),
    batchP99Ms: quantile(run.batchMs, 0.99),
    // Sweeps between batches are the dispatcher's work too (a zone batch of the sweeper).
    engineSeconds: [...run.batchMs, ...run.sweepMs].reduce((s, x) => s + x, 0) / 1000,
  };
}

/**
 * A zone's forecast requests per hour at each hour of the day, as the rota's forecast makes it: the
 * mean over past days (`FORECAST_WEEKS` = 4 of them in the API) of the requests starting there in that hour.
 */
export function forecastOf(past: readonly DayDemand[]): (zone: string, hour: number) => number {
  const counts = new Map<string, number>();
  for (const day of past)
    for (const d of day.requests) {
      const key = `${d.zone} ${Math.floor(d.askedAt / 3600)}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  return (zone, hour) => (counts.get(`${zone} ${hour}`) ?? 0) / Math.max(1, past.length);
}

/** Waiting spots in a run: the share of suggestions followed and the zones' forecast. */
export interface Rebalancing {
  followRate: number;
  forecast: (zone: string, hour: number) => number;
  /** The rule's options, default `DEFAULT_REBALANCE`. */
  options?: RebalanceOptions;
}

/** The service's waiting-spot rule with its defaults (`DEFAULT_REBALANCE`), followed at `rebalancing.followRate`. */
export function simRebalance(rebalancing: Rebalancing | undefined, seed: number): SimRebalance | undefined {
  if (!rebalancing || rebalancing.followRate <= 0) return undefined;
  return { seed, ...rebalancing, options: rebalancing.options ?? DEFAULT_REBALANCE };
}

/** How a day is run: the batching window, waiting spots, and the LNS's wall-clock cap. */
export interface RunOptions {
  /** The API's adaptive window (default), or the fixed 2 s one. */
  adaptive?: boolean;
  /** Idle Navette vehicles follow the service's waiting-spot suggestions. */
  rebalancing?: Rebalancing;
  /**
   * LNS time cap per batch, ms: the dispatcher's 50 by default, so the figures move a little with
   * the machine's load; `Infinity` runs its 200 iterations every batch (the same figures on every run).
   */
  improveMs?: number;
  /**
   * Promised pickups taken over by a driver who can come sooner (ADR 0041): the dispatcher's
   * `DEFAULT_TAKEOVER` unless given; null: never (promises stay with their first driver).
   */
  takeover?: TakeoverOptions | null;
}

/** One online day with `count` vehicles starting where `seed` puts them. */
export function runDay(
  day: DayDemand,
  dispatch: Dispatch,
  count: number,
  seed: number,
  options: RunOptions = {},
): DayRun {
  return simulate(day, {
    dispatch,
    starts: fleetStarts(day, count, seed),
    windowMs: (options.adaptive ?? true) ? adaptiveWindow : fixedWindow,
    rebalance: dispatch === 'navette' ? simRebalance(options.rebalancing, seed) : undefined,
    improveMs: options.improveMs,
    takeover:
      dispatch === 'navette'
        ? ((options.takeover === undefined ? DEFAULT_TAKEOVER : options.takeover) ?? undefined)
        : undefined,
  });
}

/** One step of the fleet sizing: the taxi baseline with that many vehicles. */
export interface SizingStep {
  vehicles: number;
  servedShare: number;
  waitP95: number;
}

/**
 * The fleet for the comparison: the smallest on a ladder (×1.15 from an estimate of the vehicles
 * busy at the peak hour) with which the taxi baseline serves ≥ 99 % with a wait p95 ≤ 10 min. The
 * same fleet then runs Navette, so pooling is judged where both serve the demand.
 */
export function sizeFleet(
  day: DayDemand,
  seed: number,
): { vehicles: number; taxi: DayRun; steps: SizingStep[] } {
  const peak = (day.requests.length / (day.seconds / 3600)) * Math.max(...HOURLY_PROFILE);
  const cycle =
    day.requests.reduce((s, d) => s + d.directSeconds, 0) / Math.max(1, day.requests.length) + 2 * 20;
  let vehicles = Math.max(2, Math.round((peak * 2 * cycle) / 3600));
  const steps: SizingStep[] = [];
  for (let attempt = 0; ; attempt++) {
    const taxi = runDay(day, 'taxi', vehicles, seed);
    const f = figures(taxi);
    steps.push({ vehicles, servedShare: f.servedShare, waitP95: f.waitP95 });
    if ((f.servedShare >= SERVES.share && f.waitP95 <= SERVES.waitP95Seconds) || attempt === 12)
      return { vehicles, taxi, steps };
    vehicles = Math.ceil(vehicles * 1.15);
  }
}

/**
 * The offline reference: every request of `day` known at the start, planned at once by the planner
 * (sequential insertion, then ALNS within `seconds`), driven by the same fleet from the same starts.
 * A good plan with perfect foresight, not a proven lower bound.
 */
export function offlinePlan(day: DayDemand, count: number, seed: number, seconds: number): DayRun {
  const starts = fleetStarts(day, count, seed);
  const started = performance.now();
  const plan = planRoutes(
    {
      requests: offlineRequests(day),
      vehicles: starts.map((at, i) => ({ id: `v${i}`, at, availableFromSeconds: 0, capacity: CAPACITY })),
      travel: day.travel,
      now: 0,
    },
    {
      construction: 'sequential',
      seed: 1,
      iterations: 1_000_000,
      timeLimitMs: seconds * 1000,
      clock: () => performance.now(),
    },
  );
  if (!plan.feasible) throw new Error('the offline plan failed the exact check');
  return replayPlan(day, starts, plan.routes, performance.now() - started);
}

/** A slice of the city and its three runs with the fleet scaled to its share of that hour's demand. */
export interface SliceRuns {
  label: string;
  requests: number;
  vehicles: number;
  taxi: DayRun;
  navette: DayRun;
  offline: DayRun;
}

/**
 * Slices of a city day where the offline planner can work: the requests of one peak hour whose
 * pickup and drop-off both lie within 3 km of a hot spot, served by the city's vehicles in proportion
 * to the slice's share of that hour's requests.
 */
export function citySlices(
  day: DayDemand,
  fleet: number,
  seed: number,
  seconds: number,
  options: Pick<RunOptions, 'improveMs' | 'takeover'> = {},
): SliceRuns[] {
  // The morning and evening peak hours, or the day's last hour when it is cut short.
  const last = day.seconds / 3600 - 1;
  const spots = [
    { label: 'within 3 km of the centre', hour: Math.min(2, last), centre: [4.8357, 45.764] as Point },
    {
      label: 'within 3 km of the east hot spot',
      hour: Math.min(11, last),
      centre: [4.8679, 45.7505] as Point,
    },
  ];
  return spots.flatMap(({ label, hour, centre }) => {
    const part = slice(day, hour * 3600, (hour + 1) * 3600, centre, 3000);
    if (part.requests.length < 2) return [];
    const inHour = day.requests.filter(
      (d) => d.askedAt >= hour * 3600 && d.askedAt < (hour + 1) * 3600,
    ).length;
    const vehicles = Math.max(2, Math.ceil((fleet * part.requests.length) / Math.max(1, inHour)));
    const clock = `${String(6 + hour).padStart(2, '0')}:00–${String(7 + hour).padStart(2, '0')}:00`;
    return {
      label: `${clock}, ${label}`,
      requests: part.requests.length,
      vehicles,
      taxi: runDay(part, 'taxi', vehicles, seed),
      navette: runDay(part, 'navette', vehicles, seed, options),
      offline: offlinePlan(part, vehicles, seed, seconds),
    };
  });
}
