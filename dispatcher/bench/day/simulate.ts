import { performance } from 'node:perf_hooks';
import {
  assignBatch,
  createPrng,
  nearest,
  type Explanation,
  TravelMatrix,
  type PlannedStop,
  type PlannedStopTime,
  type Point,
  type TravelTimes,
  type TripRequest,
  type Vehicle,
} from '@navette/matching';
import { batchImprove } from '../../src/batch/batch-improve.js';
import { oneOfferPerDriver } from '../../src/batch/one-offer-per-driver.js';
import {
  closingAt,
  decideTakeovers,
  type TakeoverCandidate,
  type TakeoverOptions,
} from '../../src/batch/takeover.js';
import {
  communityHooks,
  DEFAULT_WEIGHTS,
  type DriverFacts,
  type RideFacts,
} from '../../src/rules/community-hooks.js';
import { suggestWaitingSpots, type RebalanceOptions, type RebalanceZone } from '@navette/sql';
import { nextTurnAt, positionAt, turnOnTheWay } from '../sim/movement.js';
import { RIDE_MAX_WAIT_SECONDS, STOP_SERVICE_SECONDS, type DayDemand, type Demanded } from './demand.js';

/** The dispatcher's sweep period (`SWEEP_EVERY_MS`, 5000), seconds. */
const SWEEP_SECONDS = 5;

/** Every vehicle of the day: four seats, two cargo units. */
export const CAPACITY = { seats: 4, cargo: 2 } as const;

/**
 * How the day is dispatched: `taxi` sends the nearest idle vehicle to each request in turn, never
 * pooling; `navette` runs the dispatcher's batch (the engine with pooling, the community rules, one
 * offer per driver, LNS re-optimisation of the routes not yet driven).
 */
export type Dispatch = 'taxi' | 'navette';

export interface SimOptions {
  dispatch: Dispatch;
  /** Where each vehicle starts (and how many there are). */
  starts: readonly Point[];
  /** How long a request waits for its batch, ms, given the arrivals in the second before it. */
  windowMs: (arrivalsLastSecond: number) => number;
  /** A request left without a vehicle goes back to matching after this, ms (`RETRY_NO_DRIVER_MS`). Default 3000. */
  retryMs?: number;
  /** Most requests decided in one batch (the dispatcher's `maxRides`). Default 200. */
  maxRides?: number;
  /** Vehicles nearest to each pickup given to the engine (the dispatcher's `candidatesPerRide`). Default 40. */
  candidates?: number;
  /** LNS after each batch's first decision: iterations and time cap, ms (the dispatcher's 200 and 50). */
  improveIterations?: number;
  improveMs?: number;
  /** Idle vehicles are suggested waiting spots by the service's rule and follow some; default none (they wait where they are). */
  rebalance?: SimRebalance;
  /**
   * A driver who can come sooner takes over a promised pickup (ADR 0041), as the dispatcher decides
   * it (`decideTakeovers`) after each batch and on a sweep every 5 s while some vehicle stands
   * idle, and accepts at once (as every offer in the simulation); default never.
   */
  takeover?: TakeoverOptions;
}

/**
 * The waiting-spot suggestions of the service (ADR 0034, `@navette/sql`'s `suggestWaitingSpots`) as
 * the API pushes them: the rule over the idle vehicles every `everySeconds` (`WAITING_SPOT_PUSH_MS`),
 * zones' forecast demand, the requests waiting in each and their service rate over the last 12 h
 * (`SERVICE_WINDOW_HOURS`); a vehicle counts where it heads (its suggestion, else the zone it stands
 * in). A new suggestion is followed at `followRate` (its own random stream), declined otherwise (none
 * for 20 min after). A vehicle following one drives to the spot at the travel model's speed, its
 * kilometres counted as empty ones, and stays offered to the engine on the way.
 */
export interface SimRebalance {
  options: RebalanceOptions;
  /** Share of new suggestions followed, 0..1. */
  followRate: number;
  /** Forecast requests per hour starting in `zone` during hour `hour` of the day (0 = 06:00). */
  forecast: (zone: string, hour: number) => number;
  /** Seed of the follow/decline stream. */
  seed: number;
  /** Seconds between two runs of the rule. Default 60. */
  everySeconds?: number;
}

/** What a vehicle did and does. */
interface SimVehicle {
  id: string;
  at: Point;
  freeAt: number;
  route: PlannedStopTime[];
  aboard: number;
  maxAboard: number;
  meters: number;
  emptyMeters: number;
  /** Σ trips aboard × meters driven. */
  tripMeters: number;
  trips: number;
  /** Meters driven to waiting spots. */
  spotMeters: number;
  /** The zone whose waiting spot the vehicle follows while idle. */
  waitingFor?: string;
  /** No new suggestion before this (after a decline), seconds. */
  quietUntil: number;
  /** Moved toward its spot up to this time, seconds. */
  movedAt: number;
}

interface SimRequest {
  d: Demanded;
  dueAt: number;
  /** Why the last batch left it out (Navette: the explanation's reasons; taxi: no idle vehicle in time). */
  why?: string;
  vehicle?: string;
  pickedUpAt?: number;
  droppedAt?: number;
  decidedAt?: number;
}

/** The measured day: counts and samples, turned into figures by `figures`. */
export interface DayRun {
  name: string;
  dispatch: Dispatch | 'offline';
  vehicles: number;
  requests: number;
  served: number;
  /** Rides only: pickup − request, seconds. */
  waits: number[];
  /** Rides only: (drop-off − end of pickup) ÷ direct. */
  rideOverDirect: number[];
  vehicleMeters: number;
  emptyMeters: number;
  /** Meters driven empty to waiting spots (part of `emptyMeters`). */
  spotMeters: number;
  /** Σ direct meters of the trips carried (a ride or a task counts once). */
  passengerMeters: number;
  /** Σ trips aboard × meters driven. */
  tripMeters: number;
  /** Most trips aboard one vehicle at once. */
  maxAboard: number;
  /** Engine time of each batch, ms. */
  batchMs: number[];
  /** Engine time of each sweep between batches that looked for takeovers (ADR 0041), ms. */
  sweepMs: number[];
  /** Seconds of the day simulated. */
  simulatedSeconds: number;
  /**
   * At the first batch of each hour (from 06:00): idle vehicles further than a ride's pickup window
   * (15 min) from every zone's waiting spot — out of reach of the demand. Empty for an offline plan.
   */
  strandedByHour: number[];
  /** Placements not sent because the engine's route left out a stop the driver had already accepted. */
  droppedPlacements: number;
  /** Promised pickups taken over by a driver who could come sooner (`SimOptions.takeover`); 0 without. */
  takenOver: number;
  /** Requests given to a vehicle that never carried them to their drop-off: a broken promise (always 0). */
  lostPromises: number;
  /** The requests never served, with why the last decision left each one out. */
  refused: Refusal[];
}

/** A request never served: when it was asked, what it was, and the last decision's reasons. */
export interface Refusal {
  id: string;
  kind: 'ride' | 'task';
  askedAt: number;
  zone: string;
  directSeconds: number;
  /** The last batch's reasons over the vehicles it considered, e.g. `time-window ×31, max-ride-time ×9`. */
  why: string;
}

const locateIn = (requests: ReadonlyMap<string, SimRequest>) => (stop: PlannedStop) => {
  const q = requests.get(stop.requestId)!.d.request;
  return stop.type === 'pickup' ? q.pickup : q.dropoff;
};

/** Drives `v` to `to`, counting kilometres, empty kilometres and trip-kilometres. */
function drive(v: SimVehicle, to: Point, travel: TravelTimes, m = travel.meters(v.at, to)): void {
  v.meters += m;
  if (v.aboard === 0) v.emptyMeters += m;
  v.tripMeters += v.aboard * m;
  v.at = to;
}

/** Serves every stop of `v` whose service started by `now`. */
function advance(
  v: SimVehicle,
  now: number,
  requests: ReadonlyMap<string, SimRequest>,
  travel: TravelTimes,
): void {
  const locate = locateIn(requests);
  while (v.route[0] && v.route[0].startSeconds <= now) {
    const stop = v.route.shift()!;
    drive(v, locate(stop), travel);
    const r = requests.get(stop.requestId)!;
    if (stop.type === 'pickup') {
      r.pickedUpAt = stop.startSeconds;
      v.aboard++;
      v.maxAboard = Math.max(v.maxAboard, v.aboard);
    } else {
      r.droppedAt = stop.startSeconds;
      v.aboard--;
      v.trips++;
    }
    v.freeAt = stop.startSeconds + STOP_SERVICE_SECONDS;
  }
}

/** Times of `stops` driven from `at` leaving at `from`: each stop as early as its window allows. */
function schedule(
  stops: readonly PlannedStop[],
  at: Point,
  from: number,
  requests: ReadonlyMap<string, SimRequest>,
  travel: TravelTimes,
): PlannedStopTime[] {
  const locate = locateIn(requests);
  let t = from;
  let here = at;
  return stops.map((s) => {
    const there = locate(s);
    const arrival = t + travel.seconds(here, there);
    const q = requests.get(s.requestId)!.d.request;
    const opens = (s.type === 'pickup' ? q.pickupWindow?.[0] : q.dropoffWindow?.[0]) ?? -Infinity;
    const start = Math.max(arrival, opens);
    t = start + STOP_SERVICE_SECONDS;
    here = there;
    return { requestId: s.requestId, type: s.type, arrivalSeconds: arrival, startSeconds: start };
  });
}

function newVehicle(id: string, at: Point): SimVehicle {
  return {
    id,
    at,
    freeAt: 0,
    route: [],
    aboard: 0,
    maxAboard: 0,
    meters: 0,
    emptyMeters: 0,
    tripMeters: 0,
    trips: 0,
    spotMeters: 0,
    quietUntil: 0,
    movedAt: 0,
  };
}

/** The figures of a finished day: every route driven to its end. */
function collect(
  name: string,
  dispatch: DayRun['dispatch'],
  vehicles: readonly SimVehicle[],
  requests: ReadonlyMap<string, SimRequest>,
  batchMs: number[],
  simulatedSeconds: number,
  travel: TravelTimes,
): DayRun {
  for (const v of vehicles) advance(v, Infinity, requests, travel);
  const all = [...requests.values()];
  const served = all.filter((r) => r.droppedAt !== undefined);
  const rides = served.filter((r) => r.d.request.kind === 'ride');
  const sum = (xs: readonly SimVehicle[], f: (v: SimVehicle) => number) => xs.reduce((s, v) => s + f(v), 0);
  return {
    name,
    dispatch,
    vehicles: vehicles.length,
    requests: all.length,
    served: served.length,
    waits: rides.map((r) => r.pickedUpAt! - r.d.askedAt),
    rideOverDirect: rides
      .filter((r) => r.d.directSeconds > 0)
      .map((r) => (r.droppedAt! - r.pickedUpAt! - STOP_SERVICE_SECONDS) / r.d.directSeconds),
    vehicleMeters: sum(vehicles, (v) => v.meters),
    emptyMeters: sum(vehicles, (v) => v.emptyMeters),
    spotMeters: sum(vehicles, (v) => v.spotMeters),
    passengerMeters: served.reduce((s, r) => s + r.d.directMeters, 0),
    tripMeters: sum(vehicles, (v) => v.tripMeters),
    maxAboard: Math.max(0, ...vehicles.map((v) => v.maxAboard)),
    batchMs,
    sweepMs: [],
    simulatedSeconds,
    droppedPlacements: 0,
    takenOver: 0,
    lostPromises: all.filter((r) => r.vehicle !== undefined && r.droppedAt === undefined).length,
    strandedByHour: [],
    refused: all
      .filter((r) => r.droppedAt === undefined)
      .map((r) => ({
        id: r.d.request.id,
        kind: r.d.request.kind,
        askedAt: r.d.askedAt,
        zone: r.d.zone,
        directSeconds: r.d.directSeconds,
        why: r.why ?? 'never decided',
      })),
  };
}

/** The reasons of an explanation's exclusions, commonest first: `time-window ×31, costlier ×2`. */
function reasons(e: Explanation): string {
  const count = new Map<string, number>();
  for (const o of e.others) count.set(o.reason, (count.get(o.reason) ?? 0) + 1);
  const list = [...count].sort((a, b) => b[1] - a[1]).map(([why, n]) => `${why} ×${n}`);
  return e.vehicleId !== undefined
    ? `planned onto ${e.vehicleId}, claimed first; ${list.join(', ')}`
    : list.join(', ');
}

/**
 * Where `v` can change course at `now`, and from when (`day.turns`): part way along its leg, at the
 * next vertex of its road (with the meters driven there), or at its next stop.
 */
function whereabouts(
  v: SimVehicle,
  now: number,
  requests: ReadonlyMap<string, SimRequest>,
  day: DayDemand,
): { at: Point; fromSeconds: number; meters?: number } {
  const locate = locateIn(requests);
  const seconds = (a: Point, b: Point) => day.travel.seconds(a, b);
  if (typeof day.turns === 'function') return turnOnTheWay(v, now, locate, seconds, day.turns);
  return day.turns === 'at stops' ? nextTurnAt(v, now, locate) : positionAt(v, now, locate, seconds);
}

/** The engine's view of a vehicle at `now`: where it can change course, what it carries. */
function toVehicle(
  v: SimVehicle,
  now: number,
  requests: ReadonlyMap<string, SimRequest>,
  day: DayDemand,
): Vehicle {
  const ahead = [...new Set(v.route.map((s) => requests.get(s.requestId)!))];
  const where = whereabouts(v, now, requests, day);
  return {
    id: v.id,
    at: where.at,
    availableFromSeconds: where.fromSeconds,
    capacity: CAPACITY,
    aboard: ahead
      .filter((r) => r.pickedUpAt !== undefined)
      .map((r) => ({ request: r.d.request, pickedUpAtSeconds: r.pickedUpAt! + STOP_SERVICE_SECONDS })),
    assigned: ahead.filter((r) => r.pickedUpAt === undefined).map((r) => r.d.request),
    stops: v.route.map((s) => ({ requestId: s.requestId, type: s.type })),
  };
}

/** Gives `v` a new route from `now`: it leaves from where it can change course (`whereabouts`). */
function reroute(
  v: SimVehicle,
  stops: readonly PlannedStop[],
  now: number,
  requests: ReadonlyMap<string, SimRequest>,
  day: DayDemand,
): void {
  const where = whereabouts(v, now, requests, day);
  drive(v, where.at, day.travel, where.meters);
  v.freeAt = where.fromSeconds;
  v.route = schedule(stops, v.at, where.fromSeconds, requests, day.travel);
  v.waitingFor = undefined;
}

/**
 * One day of online dispatch: requests arrive as in `day`; each waits its batching window (as the
 * API delays its match job); a batch takes every request waiting; a request the batch could not
 * place goes back to matching after `retryMs`, and is refused once its pickup window has closed.
 * Drivers accept every offer at once and follow the planned stops; idle, they wait where they are.
 */
export function simulate(day: DayDemand, options: SimOptions): DayRun {
  const travel = day.travel;
  const retry = (options.retryMs ?? 3000) / 1000;
  const maxRides = options.maxRides ?? 200;
  const k = options.candidates ?? 40;
  const iterations = options.improveIterations ?? 200;
  const improveMs = options.improveMs ?? 50;
  const vehicles = options.starts.map((at, i) => newVehicle(`v${i}`, at));
  const byId = new Map(vehicles.map((v) => [v.id, v]));
  const requests = new Map<string, SimRequest>();
  const pending: SimRequest[] = [];
  const active = new Set<SimVehicle>();
  const batchMs: number[] = [];
  // Decisions of the last hour per zone, for the rules' zone service rate.
  const decided: { at: number; zone: string; served: boolean }[] = [];
  let decidedFrom = 0;
  let next = 0;
  let lastSecond: number[] = [];
  let droppedPlacements = 0;
  let takenOver = 0;
  const rebalance = options.rebalance;
  const follows = createPrng((rebalance?.seed ?? 0) * 7_919 + 101);
  let ruleAt = 0;
  let rateFrom = 0;

  const decide = (r: SimRequest, now: number, vehicle?: string) => {
    r.decidedAt = now;
    r.vehicle = vehicle;
    decided.push({ at: now, zone: r.d.zone, served: vehicle !== undefined });
  };

  const taxiBatch = (batch: SimRequest[], now: number): string[] => {
    const idle = vehicles.filter((v) => v.route.length === 0);
    const chosen: string[] = [];
    for (const r of batch) {
      const q = r.d.request;
      let best: SimVehicle | undefined;
      let bestAt = Infinity;
      for (const v of idle) {
        if (v.route.length > 0) continue;
        const at = Math.max(now, v.freeAt) + travel.seconds(v.at, q.pickup);
        if (at < bestAt) [best, bestAt] = [v, at];
      }
      if (!best || bestAt > q.pickupWindow![1]) {
        r.why = best ? `nearest idle vehicle ${Math.round(bestAt - now)} s away` : 'no idle vehicle';
        chosen.push('');
        continue;
      }
      reroute(
        best,
        [
          { requestId: q.id, type: 'pickup' },
          { requestId: q.id, type: 'dropoff' },
        ],
        now,
        requests,
        day,
      );
      chosen.push(best.id);
    }
    return chosen;
  };

  /** Requests decided since `decided[from]`, and how many of them were served, by zone. */
  const servedByZone = (from: number) => {
    const byZone = new Map<string, { served: number; all: number }>();
    for (let i = from; i < decided.length; i++) {
      const e = decided[i]!;
      const z = byZone.get(e.zone) ?? { served: 0, all: 0 };
      z.all++;
      if (e.served) z.served++;
      byZone.set(e.zone, z);
    }
    return byZone;
  };

  /** The community rules (fairness on) as the dispatcher gives them for `asked` against `candidates`. */
  const rulesFor = (asked: readonly SimRequest[], candidates: readonly SimVehicle[], now: number) => {
    while (decidedFrom < decided.length && decided[decidedFrom]!.at < now - 3600) decidedFrom++;
    const recent = servedByZone(decidedFrom);
    const rides = new Map<string, RideFacts>(
      asked.map((r) => {
        const z = recent.get(r.d.zone);
        return [
          r.d.request.id,
          {
            riderId: `rider-${r.d.request.id}`,
            chain: { ids: [r.d.zone], escalateAfterSeconds: [] },
            waitedSeconds: now - r.d.askedAt,
            maxWaitSeconds: r.d.request.pickupWindow![1] - r.d.askedAt,
            maxTrustDistance: null,
            noPooling: false,
            zoneServiceRate: z && z.all > 0 ? z.served / z.all : 1,
          },
        ];
      }),
    );
    const totalTrips = vehicles.reduce((s, v) => s + v.trips, 0);
    const territories = new Set(day.zones);
    const drivers = new Map<string, DriverFacts>(
      candidates.map((v) => [
        v.id,
        {
          territories,
          maxTrustDistance: null,
          loadShare: totalTrips > 0 ? v.trips / totalTrips : 0,
          availabilityShare: 1 / vehicles.length,
          unavailable: null,
          carrying: v.route.length > 0,
        },
      ]),
    );
    return communityHooks({
      rides,
      drivers,
      trust: () => undefined,
      blockedPairs: new Set(),
      lending: [],
      askedPairs: new Set(),
      fairness: true,
      weights: DEFAULT_WEIGHTS,
    });
  };

  /** The travel matrix over the vehicles' positions and every stop of theirs and of `asked`. */
  const matrixFor = (asked: readonly TripRequest[], fleet: readonly Vehicle[]) =>
    TravelMatrix.build(travel, [
      ...fleet.map((v) => v.at),
      ...[...asked, ...fleet.flatMap((v) => [...v.assigned!, ...v.aboard!.map((a) => a.request)])].flatMap(
        (q) => [q.pickup, q.dropoff],
      ),
    ]);

  const navetteBatch = (batch: SimRequest[], now: number): string[] => {
    // The dispatcher's prefilter: the k vehicles nearest each pickup (by where they last stopped).
    const near = new Set<SimVehicle>();
    for (const r of batch) for (const v of nearest(vehicles, r.d.request.pickup, k)) near.add(v);
    const candidates = [...near];
    const fleet = candidates.map((v) => toVehicle(v, now, requests, day));
    const matrix = matrixFor(
      batch.map((r) => r.d.request),
      fleet,
    );
    const hooks = rulesFor(batch, candidates, now);
    const placements = oneOfferPerDriver(
      batch.map((r) => r.d.request),
      fleet,
      (qs, vs, pass) =>
        assignBatch(
          { requests: qs, vehicles: vs, travel: matrix, now, hooks },
          pass === 0 ? { improve: { ...batchImprove(improveMs), iterations } } : {},
        ),
    );
    return placements.map((p, i) => {
      if (p.vehicleId === undefined) {
        batch[i]!.why = reasons(p.explanation);
        return '';
      }
      const v = byId.get(p.vehicleId)!;
      // The offer's stops: the vehicle's commitments and this ride, in the planned order.
      const keep = new Set([...v.route.map((s) => s.requestId), batch[i]!.d.request.id]);
      const stops = p.stops.filter((s) => keep.has(s.requestId));
      // A route that lost a stop already promised (the engine found it late under its own schedule)
      // is not sent: the ride waits for the next round, the driver keeps their stops.
      if (stops.length !== v.route.length + 2) {
        droppedPlacements++;
        batch[i]!.why = 'placement left out: the route lost a stop already promised';
        return '';
      }
      reroute(v, stops, now, requests, day);
      return v.id;
    });
  };

  /**
   * `SimOptions.takeover`: promised pickups decided again while a vehicle stands idle (`decideTakeovers`,
   * as the dispatcher does); `offered`, the vehicles given a ride in this batch (a pending offer:
   * they neither give nor take one now). Each ride taken over leaves its first vehicle's route.
   */
  const takeOver = (takeover: TakeoverOptions, now: number, offered: ReadonlySet<string>): number => {
    if (!vehicles.some((v) => v.route.length === 0)) return 0;
    const asked: SimRequest[] = [];
    const candidates: TakeoverCandidate[] = [];
    for (const v of vehicles) {
      if (offered.has(v.id)) continue;
      for (const stop of v.route) {
        if (stop.type !== 'pickup' || stop.startSeconds <= now + takeover.leadSeconds) continue;
        const r = requests.get(stop.requestId)!;
        const request = closingAt(r.d.request, stop.startSeconds);
        candidates.push({ request, from: v.id, promisedSeconds: stop.startSeconds });
        asked.push({ ...r, d: { ...r.d, request } });
      }
    }
    if (candidates.length === 0) return 0;
    const free = vehicles.filter((v) => !offered.has(v.id));
    const near = new Set<SimVehicle>(candidates.map((c) => byId.get(c.from)!));
    for (const c of candidates) for (const v of nearest(free, c.request.pickup, k)) near.add(v);
    const fleet = [...near].map((v) => toVehicle(v, now, requests, day));
    const takeovers = decideTakeovers({
      candidates,
      fleet,
      travel: matrixFor(
        candidates.map((c) => c.request),
        fleet,
      ),
      nowSeconds: now,
      hooks: rulesFor(asked, [...near], now),
      minGainSeconds: takeover.minGainSeconds,
      late: takeover.late,
    });
    const leaving = new Map<string, Set<string>>();
    for (const t of takeovers) {
      const to = byId.get(t.to)!;
      reroute(to, t.stops, now, requests, day);
      active.add(to);
      requests.get(t.rideId)!.vehicle = to.id;
      leaving.set(t.from, (leaving.get(t.from) ?? new Set()).add(t.rideId));
    }
    for (const [id, gone] of leaving) {
      const v = byId.get(id)!;
      reroute(
        v,
        v.route.filter((s) => !gone.has(s.requestId)),
        now,
        requests,
        day,
      );
    }
    return takeovers.length;
  };

  /**
   * Idle vehicles following a suggestion drive toward its spot until `now` (`day.turns`): along the
   * straight line; on the streets, to the vertex of their road reached next, free from when they get
   * there; when vehicles turn only at stops, they stay where they are offered until they reach the spot.
   */
  const moveToSpots = (now: number) => {
    for (const v of vehicles) {
      if (v.waitingFor === undefined || v.route.length > 0) continue;
      const from = Math.max(v.movedAt, v.freeAt);
      if (now <= from) {
        v.movedAt = now;
        continue;
      }
      const spot = day.spots.get(v.waitingFor)!;
      let to: Point;
      let meters: number | undefined;
      if (typeof day.turns === 'function') {
        const turn = day.turns(v.at, spot, now - from);
        v.freeAt = Math.max(v.freeAt, from + turn.seconds);
        ({ at: to, meters } = turn);
      } else {
        const leg = travel.seconds(v.at, spot);
        if (day.turns === 'at stops' && leg > now - from) continue;
        const share = leg > now - from ? (now - from) / leg : 1;
        to = [v.at[0] + share * (spot[0] - v.at[0]), v.at[1] + share * (spot[1] - v.at[1])];
      }
      v.movedAt = now;
      const before = v.meters;
      drive(v, to, travel, meters);
      v.spotMeters += v.meters - before;
    }
  };

  /** The service's suggestions for the idle vehicles, each new one followed at the follow rate. */
  const suggest = (rebalance: SimRebalance, now: number, waiting: readonly SimRequest[]) => {
    while (rateFrom < decided.length && decided[rateFrom]!.at < now - 12 * 3600) rateFrom++;
    const rates = servedByZone(rateFrom);
    const unassigned = new Map<string, number>();
    for (const r of waiting) unassigned.set(r.d.zone, (unassigned.get(r.d.zone) ?? 0) + 1);
    const hour = Math.floor(now / 3600);
    const zones: RebalanceZone[] = day.zones.map((id) => {
      const rate = rates.get(id);
      return {
        id,
        spot: day.spots.get(id)!,
        forecastPerHour: rebalance.forecast(id, hour),
        serviceRate: rate ? rate.served / rate.all : null,
        waiting: unassigned.get(id) ?? 0,
      };
    });
    const idle = vehicles.filter((v) => v.route.length === 0);
    const suggested = suggestWaitingSpots(
      zones,
      idle.map((v) => ({
        id: v.id,
        at: v.at,
        anchor: v.waitingFor ?? day.zoneAt(v.at) ?? null,
        following: v.waitingFor !== undefined,
        movable: now >= v.quietUntil,
      })),
      (a, b) => travel.seconds(a, b),
      rebalance.options,
    );
    for (const v of idle) {
      if (!suggested.has(v.id)) continue;
      const zone = suggested.get(v.id) ?? undefined;
      if (zone === v.waitingFor) continue;
      if (zone === undefined || follows.next() < rebalance.followRate) {
        v.waitingFor = zone;
        v.movedAt = now;
      } else v.quietUntil = now + 1200;
    }
  };

  const spots = [...day.spots.values()];
  /** Idle vehicles that cannot reach any waiting spot within a ride's pickup window. */
  const stranded = (now: number) =>
    vehicles.filter(
      (v) =>
        v.route.length === 0 &&
        spots.every((s) => Math.max(0, v.freeAt - now) + travel.seconds(v.at, s) > RIDE_MAX_WAIT_SECONDS),
    ).length;
  const strandedByHour: number[] = [];
  let now = 0;
  // The dispatcher's sweeper gives a zone with promised rides a batch every SWEEP_SECONDS, and a
  // zone is looked at for takeovers at most every half of that (ADR 0041).
  const takeover = options.dispatch === 'navette' ? options.takeover : undefined;
  let sweepAt = takeover ? SWEEP_SECONDS : Infinity;
  let lookedAt = -Infinity;
  const sweepMs: number[] = [];
  /** Every vehicle serves the stops it has reached by `now`; idle ones drive on toward their spot. */
  const moveOn = () => {
    for (const v of active) {
      advance(v, now, requests, travel);
      if (v.route.length === 0) active.delete(v);
    }
    if (rebalance) moveToSpots(now);
  };
  /** Whether it looked (a zone is looked at at most every half sweep). */
  const lookForTakeovers = (offered: ReadonlySet<string>): boolean => {
    if (!takeover || now - lookedAt < SWEEP_SECONDS / 2) return false;
    lookedAt = now;
    takenOver += takeOver(takeover, now, offered);
    return true;
  };
  for (;;) {
    const arrival = day.requests[next]?.askedAt ?? Infinity;
    let due = Infinity;
    for (const r of pending) due = Math.min(due, r.dueAt);
    if (arrival === Infinity && due === Infinity) break;
    now = Math.min(arrival, due, sweepAt);
    if (now === sweepAt && now < arrival && now < due) {
      // A sweep between batches: vehicles move on, promised pickups may be taken over.
      sweepAt = now + SWEEP_SECONDS;
      moveOn();
      const started = performance.now();
      if (lookForTakeovers(new Set())) sweepMs.push(performance.now() - started);
      continue;
    }
    if (now >= sweepAt) sweepAt = now + SWEEP_SECONDS;
    if (arrival <= due) {
      const d = day.requests[next++]!;
      lastSecond = lastSecond.filter((t) => t > d.askedAt - 1);
      const r: SimRequest = { d, dueAt: d.askedAt + options.windowMs(lastSecond.length) / 1000 };
      lastSecond.push(d.askedAt);
      requests.set(d.request.id, r);
      pending.push(r);
      continue;
    }
    // A batch: everything waiting, oldest first, up to maxRides.
    moveOn();
    while (now >= strandedByHour.length * 3600 && strandedByHour.length * 3600 < day.seconds)
      strandedByHour.push(stranded(now));
    const open: SimRequest[] = [];
    for (const r of pending) {
      if (now > r.d.request.pickupWindow![1]) decide(r, now);
      else open.push(r);
    }
    const batch = open.slice(0, maxRides);
    const started = performance.now();
    const chosen = options.dispatch === 'taxi' ? taxiBatch(batch, now) : navetteBatch(batch, now);
    lookForTakeovers(new Set(chosen.filter((id) => id !== '')));
    batchMs.push(performance.now() - started);
    pending.length = 0;
    for (const [i, r] of batch.entries()) {
      if (chosen[i]) {
        decide(r, now, chosen[i]);
        active.add(byId.get(chosen[i])!);
      } else {
        r.dueAt = now + retry;
        pending.push(r);
      }
    }
    for (const r of open.slice(maxRides)) pending.push(r);
    if (rebalance && now >= ruleAt) {
      suggest(rebalance, now, pending);
      ruleAt = now + (rebalance.everySeconds ?? 60);
    }
  }
  return {
    ...collect(day.name, options.dispatch, vehicles, requests, batchMs, day.seconds, travel),
    droppedPlacements,
    takenOver,
    sweepMs,
    strandedByHour,
  };
}

/**
 * The same figures for a plan made offline (every request known in advance): vehicles start at
 * `starts` and drive the planned stops at the planned times.
 */
export function replayPlan(
  day: DayDemand,
  starts: readonly Point[],
  routes: readonly { vehicleId: string; stops: readonly PlannedStopTime[] }[],
  engineMs: number,
): DayRun {
  const requests = new Map<string, SimRequest>(
    day.requests.map((d) => [d.request.id, { d, dueAt: d.askedAt }]),
  );
  const vehicles = starts.map((at, i) => newVehicle(`v${i}`, at));
  const byId = new Map(vehicles.map((v) => [v.id, v]));
  for (const route of routes) byId.get(route.vehicleId)!.route = [...route.stops];
  return collect(day.name, 'offline', vehicles, requests, [engineMs], day.seconds, day.travel);
}

/** The requests of a day for the offline planner: the same windows, all known at the start. */
export function offlineRequests(day: DayDemand): TripRequest[] {
  return day.requests.map((d) => ({ ...d.request, booking: 'ahead' as const }));
}
