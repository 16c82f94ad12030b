import {
  assignBatch,
  createPrng,
  GreatCircleTravelTimes,
  TravelMatrix,
  type PlannedStopTime,
  type Point,
  type TripRequest,
  type Vehicle,
} from '@navette/matching';
import {
  communityHooks,
  DEFAULT_WEIGHTS,
  type DriverFacts,
  type RideFacts,
  type RuleWeights,
} from '../../src/rules/community-hooks.js';
import type { FairHold } from '../../src/rules/fair-hold.js';
import { suggestWaitingSpots, type RebalanceOptions, type RebalanceZone } from '@navette/sql';
import { advance, driveHome, positionAt, type Boarding } from './movement.js';
import { centreOf, gini, pointIn, pointInRing, zoneOf, type Town } from './zones.js';

/** Idle drivers are suggested waiting spots (`@navette/sql` rebalance, the service's rule) and follow some. */
export interface DayRebalance {
  options: RebalanceOptions;
  /** Share of new suggestions a driver follows (0..1); the others are declined. */
  followRate: number;
  /** After a decline, no new suggestion for this long, seconds. Default 1200. */
  quietAfterDeclineSeconds?: number;
}

export interface DayOptions {
  town: Town;
  /** Vehicles on shift all day, living in the zones in proportion to their demand. */
  vehicles: number;
  hours: number;
  /** Share of trips ending anywhere in the town's area rather than in a zone. Default 0.2. */
  outboundShare?: number;
  /** A zone's service rate counts the requests decided within this many seconds before now. Default 3600. */
  zoneRateWindowSeconds?: number;
  /** Seconds between batches. Default 30. */
  stepSeconds?: number;
  /** A request not assigned within this is refused, seconds. Default 900. */
  maxWaitSeconds?: number;
  seed: number;
  fairness: boolean;
  /** The rules' weights; default the dispatcher's. */
  weights?: RuleWeights;
  /** When a ride of a better-served zone yields; default the dispatcher's. */
  hold?: FairHold;
  /** Rebalancing idle drivers (with `fairness` on only); default none: idle drivers drive home. */
  rebalance?: DayRebalance;
}

interface SimRequest {
  request: TripRequest;
  zone: string;
  askedAt: number;
  directSeconds: number;
  assignedTo?: string;
  pickedUpAt?: number;
  droppedAt?: number;
  refused?: boolean;
  decidedAt?: number;
}

interface SimVehicle {
  id: string;
  /** Where the driver waits when idle: a point in their own neighbourhood. */
  home: Point;
  at: Point;
  freeAt: number;
  /** Stops ahead with the times of the last plan. */
  route: PlannedStopTime[];
  trips: number;
  /** The zone whose waiting spot the driver follows while idle (rebalancing), else home. */
  waitingFor?: string;
  /** No new suggestion before this (after a decline), seconds. */
  quietUntil: number;
}

/** Counts of one simulated day; `summarise` turns one or several into rates. */
export interface DayTally {
  zones: {
    zone: string;
    requests: number;
    served: number;
    /** Requests refused, by the hour of the day they were asked in (0 = the first hour). */
    refusedByHour: number[];
  }[];
  waitSeconds: number;
  pickedUp: number;
  rideOverDirect: number;
  completed: number;
  /** Completed trips of each driver. */
  trips: number[];
  batches: number;
  decideMs: number;
}

export interface ZoneOutcome {
  zone: string;
  requests: number;
  served: number;
  refused: number;
  refusalRate: number;
}

export interface DaySummary {
  requests: number;
  served: number;
  serviceRate: number;
  zones: ZoneOutcome[];
  refusalGini: number;
  meanWaitSeconds: number;
  meanRideOverDirect: number;
  /** Gini of trips per driver, each divided by the driver's declared share of availability (equal here). */
  driverLoadGini: number;
  batches: number;
  decideMs: number;
}

const SERVICE_SECONDS = 30;

/**
 * A day of dispatch in a town, with the real engine and the real community rules: requests arrive
 * per zone (Poisson), each step assigns the waiting ones together into the routes vehicles follow,
 * vehicles advance along their planned stops, requests waiting past the limit are refused.
 */
export function simulateDay(options: DayOptions): DayTally {
  const step = options.stepSeconds ?? 30;
  const maxWait = options.maxWaitSeconds ?? 900;
  const window = options.zoneRateWindowSeconds ?? 3600;
  const outbound = options.town.area ? (options.outboundShare ?? 0.2) : 0;
  const zones = options.town.zones;
  const prng = createPrng(options.seed);
  const random = () => prng.next();
  const travel = new GreatCircleTravelTimes();
  // Drivers live where the riders are: homes spread over the zones in proportion to their demand.
  const demand = zones.reduce((s, z) => s + z.requestsPerHour, 0);
  const homeZone = (i: number) => {
    let quantile = ((i + 0.5) / options.vehicles) * demand;
    return zones.find((z) => (quantile -= z.requestsPerHour) < 0) ?? zones.at(-1)!;
  };
  const vehicles: SimVehicle[] = Array.from({ length: options.vehicles }, (_, i) => {
    const home = pointIn(homeZone(i), random);
    return { id: `v${i}`, home, at: home, freeAt: 0, route: [], trips: 0, quietUntil: 0 };
  });
  const requests = new Map<string, SimRequest>();
  const zoneIds = new Set(zones.map((z) => z.id));
  const decidedLog: SimRequest[] = [];
  // Followed or declined suggestions draw from their own stream, so the demand stays the same.
  const follows = createPrng(options.seed * 7919 + 104_729);
  const rebalance = options.fairness ? options.rebalance : undefined;
  const spots = new Map(zones.map((z) => [z.id, centreOf(z)]));
  const homeZones = vehicles.map((v) => zoneOf(zones, v.home)?.id ?? null);
  let serial = 0;
  let batches = 0;
  let decideMs = 0;

  // Requests arrive during the service hours; the run goes on until every one is decided.
  const closing = options.hours * 3600;
  for (
    let now = 0;
    now < closing || [...requests.values()].some((r) => r.decidedAt === undefined);
    now += step
  ) {
    // 1. Vehicles advance: stops whose service started are done.
    for (const v of vehicles) {
      advance(v, now, SERVICE_SECONDS, (stop): Boarding => {
        const r = requests.get(stop.requestId)!;
        if (stop.type === 'pickup') r.pickedUpAt = stop.startSeconds;
        else {
          r.droppedAt = stop.startSeconds;
          v.trips++;
        }
        return stop.type === 'pickup' ? r.request.pickup : r.request.dropoff;
      });
      const waitAt = v.waitingFor === undefined ? v.home : spots.get(v.waitingFor)!;
      driveHome(v, waitAt, now, step, (a, b) => travel.seconds(a, b));
    }
    // 2. New requests, per zone.
    for (const zone of now < closing ? zones : []) {
      const expected = (zone.requestsPerHour * step) / 3600;
      let arrivals = 0;
      for (let p = Math.exp(-expected), u = random(); u > p; u *= random()) arrivals++;
      for (let a = 0; a < arrivals; a++) {
        const pickup = pointIn(zone, random);
        const dropoff =
          random() < outbound
            ? pointInRing(options.town.area!, random)
            : pointIn(zones[Math.floor(random() * zones.length)]!, random);
        const id = `r${++serial}`;
        requests.set(id, {
          zone: zone.id,
          askedAt: now,
          directSeconds: travel.seconds(pickup, dropoff),
          request: {
            id,
            kind: 'ride',
            pickup,
            dropoff,
            load: { seats: 1 },
            pickupWindow: [now, now + maxWait],
            maxDetourFactor: 1.6,
            pickupServiceSeconds: SERVICE_SECONDS,
            dropoffServiceSeconds: SERVICE_SECONDS,
          },
        });
      }
    }
    // 3. Refuse requests that waited too long; batch the others.
    const waiting: SimRequest[] = [];
    for (const r of requests.values()) {
      if (r.decidedAt !== undefined) continue;
      if (now - r.askedAt >= maxWait) {
        r.refused = true;
        r.decidedAt = now;
        decidedLog.push(r);
      } else waiting.push(r);
    }
    if (waiting.length === 0) continue;
    // The zone's recent service rate, from the day so far.
    const recent = new Map<string, { served: number; decided: number }>();
    for (let i = decidedLog.length - 1; i >= 0 && now - decidedLog[i]!.decidedAt! <= window; i--) {
      const r = decidedLog[i]!;
      const z = recent.get(r.zone) ?? { served: 0, decided: 0 };
      z.decided++;
      if (r.assignedTo) z.served++;
      recent.set(r.zone, z);
    }
    const zoneRate = (id: string) => {
      const z = recent.get(id);
      return z && z.decided > 0 ? z.served / z.decided : 1;
    };
    const totalTrips = vehicles.reduce((s, v) => s + v.trips, 0);
    const rides = new Map<string, RideFacts>(
      waiting.map((r) => [
        r.request.id,
        {
          riderId: `rider-${r.request.id}`,
          chain: { ids: [r.zone], escalateAfterSeconds: [] },
          waitedSeconds: now - r.askedAt,
          maxWaitSeconds: maxWait,
          maxTrustDistance: null,
          noPooling: false,
          zoneServiceRate: zoneRate(r.zone),
        },
      ]),
    );
    const drivers = new Map<string, DriverFacts>(
      vehicles.map((v) => [
        v.id,
        {
          territories: zoneIds,
          maxTrustDistance: null,
          loadShare: totalTrips > 0 ? v.trips / totalTrips : 0,
          availabilityShare: 1 / vehicles.length,
          unavailable: null,
          carrying: v.route.length > 0,
        },
      ]),
    );
    const locate = (stop: PlannedStopTime) => {
      const r = requests.get(stop.requestId)!.request;
      return stop.type === 'pickup' ? r.pickup : r.dropoff;
    };
    const fleet: Vehicle[] = vehicles.map((v) => {
      const ahead = v.route.map((s) => requests.get(s.requestId)!);
      const aboard = [...new Set(ahead.filter((r) => r.pickedUpAt !== undefined))];
      const assigned = [...new Set(ahead.filter((r) => r.pickedUpAt === undefined))];
      const where = positionAt(v, now, locate, (a, b) => travel.seconds(a, b));
      return {
        id: v.id,
        at: where.at,
        availableFromSeconds: where.fromSeconds,
        capacity: { seats: 4 },
        aboard: aboard.map((r) => ({ request: r.request, pickedUpAtSeconds: r.pickedUpAt! })),
        assigned: assigned.map((r) => r.request),
        stops: v.route.map((s) => ({ requestId: s.requestId, type: s.type })),
      };
    });
    const points = [
      ...fleet.map((v) => v.at),
      ...fleet.flatMap((v) => [...(v.aboard ?? []).map((a) => a.request), ...(v.assigned ?? [])]),
      ...waiting.map((r) => r.request),
    ].flatMap((x) => ('pickup' in x ? [x.pickup, x.dropoff] : [x]));
    const started = performance.now();
    const decision = assignBatch({
      requests: waiting.map((r) => r.request),
      vehicles: fleet,
      travel: TravelMatrix.build(travel, points),
      now,
      hooks: communityHooks({
        rides,
        drivers,
        trust: () => undefined,
        blockedPairs: new Set(),
        lending: [],
        askedPairs: new Set(),
        fairness: options.fairness,
        weights: options.weights ?? DEFAULT_WEIGHTS,
        hold: options.hold,
      }),
    });
    decideMs += performance.now() - started;
    batches++;
    for (const e of decision.explanations) {
      if (!e.vehicleId) continue;
      const r = requests.get(e.requestId)!;
      r.assignedTo = e.vehicleId;
      r.decidedAt = now;
      decidedLog.push(r);
    }
    for (const route of decision.routes) {
      const vehicle = vehicles.find((v) => v.id === route.vehicleId)!;
      vehicle.route = [...route.stops];
      if (vehicle.route.length > 0) vehicle.waitingFor = undefined;
    }
    // 4. Idle drivers get the service's suggestions; each new one is followed at the follow rate.
    if (rebalance) {
      // Requests still waiting for a driver after this batch, per zone.
      const unassigned = new Map<string, number>();
      for (const r of waiting) if (!r.assignedTo) unassigned.set(r.zone, (unassigned.get(r.zone) ?? 0) + 1);
      const rebalanceZones: RebalanceZone[] = zones.map((z) => ({
        id: z.id,
        spot: spots.get(z.id)!,
        forecastPerHour: z.requestsPerHour,
        serviceRate: recent.get(z.id)?.decided ? zoneRate(z.id) : null,
        waiting: unassigned.get(z.id) ?? 0,
      }));
      const idle = vehicles.flatMap((v, i) => (v.route.length === 0 ? [{ v, i }] : []));
      const suggestions = suggestWaitingSpots(
        rebalanceZones,
        idle.map(({ v, i }) => ({
          id: v.id,
          at: v.at,
          anchor: v.waitingFor ?? homeZones[i]!,
          following: v.waitingFor !== undefined,
          movable: now >= v.quietUntil,
        })),
        (a, b) => travel.seconds(a, b),
        rebalance.options,
      );
      for (const { v } of idle) {
        if (!suggestions.has(v.id)) continue;
        const zone = suggestions.get(v.id) ?? undefined;
        if (zone === v.waitingFor) continue;
        if (zone === undefined || follows.next() < rebalance.followRate) v.waitingFor = zone;
        else v.quietUntil = now + (rebalance.quietAfterDeclineSeconds ?? 1200);
      }
    }
  }

  const decided = [...requests.values()].filter((r) => r.decidedAt !== undefined);
  const picked = decided.filter((r) => r.pickedUpAt !== undefined);
  const completed = decided.filter((r) => r.droppedAt !== undefined && r.directSeconds > 0);
  return {
    zones: zones.map((z) => {
      const inZone = decided.filter((r) => r.zone === z.id);
      const refusedByHour = Array.from({ length: Math.ceil(options.hours) }, () => 0);
      for (const r of inZone) if (!r.assignedTo) refusedByHour[Math.floor(r.askedAt / 3600)]!++;
      return {
        zone: z.id,
        requests: inZone.length,
        served: inZone.filter((r) => r.assignedTo).length,
        refusedByHour,
      };
    }),
    waitSeconds: picked.reduce((s, r) => s + (r.pickedUpAt! - r.askedAt), 0),
    pickedUp: picked.length,
    rideOverDirect: completed.reduce(
      (s, r) => s + (r.droppedAt! - r.pickedUpAt! - SERVICE_SECONDS) / r.directSeconds,
      0,
    ),
    completed: completed.length,
    trips: vehicles.map((v) => v.trips),
    batches,
    decideMs,
  };
}

/** Rates over one or several simulated days (counts added up, then divided). */
export function summarise(days: readonly DayTally[]): DaySummary {
  const zoneIds = days[0]?.zones.map((z) => z.zone) ?? [];
  const zones = zoneIds.map((zone, i) => {
    const requests = days.reduce((s, d) => s + d.zones[i]!.requests, 0);
    const served = days.reduce((s, d) => s + d.zones[i]!.served, 0);
    return {
      zone,
      requests,
      served,
      refused: requests - served,
      refusalRate: requests ? 1 - served / requests : 0,
    };
  });
  const sum = (f: (d: DayTally) => number) => days.reduce((s, d) => s + f(d), 0);
  const requests = sum((d) => d.zones.reduce((s, z) => s + z.requests, 0));
  const served = sum((d) => d.zones.reduce((s, z) => s + z.served, 0));
  const trips = days.flatMap((d) => d.trips);
  return {
    requests,
    served,
    serviceRate: requests ? served / requests : 0,
    zones,
    refusalGini: gini(zones.map((z) => z.refusalRate)),
    meanWaitSeconds:
      sum((d) => d.waitSeconds) /
      Math.max(
        1,
        sum((d) => d.pickedUp),
      ),
    meanRideOverDirect:
      sum((d) => d.rideOverDirect) /
      Math.max(
        1,
        sum((d) => d.completed),
      ),
    driverLoadGini: gini(trips),
    batches: sum((d) => d.batches),
    decideMs: sum((d) => d.decideMs),
  };
}
