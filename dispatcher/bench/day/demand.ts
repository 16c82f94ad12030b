import { readFileSync } from 'node:fs';
import { DEFAULT_MAX_DETOUR_FACTOR } from '@navette/contracts';
import {
  createPrng,
  GreatCircleTravelTimes,
  type Point,
  type Prng,
  type TravelTimes,
  type TripRequest,
} from '@navette/matching';
import { CENTRE, cityPoint } from '../city.js';
import type { TurnAlong } from '../sim/movement.js';
import {
  centreOf,
  HELSINKI_FALLBACK,
  pointIn,
  pointInRing,
  townFromGeoJson,
  zoneOf,
  type TerritoryFeature,
  type Town,
} from '../sim/zones.js';

/** Seconds at a stop (boarding, loading), as the dispatcher plans (`to-core.ts`). */
export const STOP_SERVICE_SECONDS = 20;
/** A ride's wait limit and detour factor: the territories' defaults (rides 15 min, 1.5×). */
export const RIDE_MAX_WAIT_SECONDS = 900;
export const RIDE_MAX_DETOUR = DEFAULT_MAX_DETOUR_FACTOR;
/** A task's (a parcel, an errand): the territories' task defaults (2 h, 3×). */
export const TASK_MAX_WAIT_SECONDS = 7200;
export const TASK_MAX_DETOUR = 3;

/** The day's clock: seconds from 06:00, service until midnight. */
export const SERVICE_HOURS = 18;
export const FIRST_HOUR = 6;

/**
 * Relative demand per hour from 06:00 to 23:00 (mean 1): a morning peak at 8, an evening one at 17,
 * a quieter middle of the day and a thin late evening.
 */
export const HOURLY_PROFILE: readonly number[] = (() => {
  const raw = [0.5, 1.6, 2.0, 1.2, 0.8, 0.8, 1.0, 0.9, 0.8, 1.0, 1.5, 2.0, 1.7, 1.0, 0.7, 0.6, 0.5, 0.4];
  const mean = raw.reduce((s, x) => s + x, 0) / raw.length;
  return raw.map((x) => x / mean);
})();

/** One request of the day: when it is asked, what it is, and its direct trip. */
export interface Demanded {
  askedAt: number;
  request: TripRequest;
  /** The zone its pickup lies in (the community rules' territory). */
  zone: string;
  directSeconds: number;
  directMeters: number;
}

/** A day's demand, known to the simulator in full (the online dispatch only sees it as it arrives). */
export interface DayDemand {
  name: string;
  zones: readonly string[];
  /** Sorted by `askedAt`. */
  requests: readonly Demanded[];
  /** Seconds from the first hour to the last request. */
  seconds: number;
  /** Where a driver waits for each zone (its waiting spot: the zone's middle). */
  spots: ReadonlyMap<string, Point>;
  /** The zone a point lies in, if any. */
  zoneAt: (p: Point) => string | undefined;
  /** How vehicles drive between two points this day: `travel` (straight line), or a road network (`onRoads`). */
  travel: TravelTimes;
  /**
   * Where a vehicle on its way can change course: `anywhere` along the straight line; on a road
   * network whose streets are known, at the next vertex of its fastest road (a `TurnAlong`,
   * `roads/turning-roads.ts`); on one known only by its table (times between places), `at stops`:
   * it reaches its next stop or waiting spot first (`sim/movement.ts`'s `nextTurnAt`).
   */
  turns: 'anywhere' | 'at stops' | TurnAlong;
}

/** The default travel model: great circle × 1.3 at 30 km/h, as the dispatcher's without a road network. */
export const travel = new GreatCircleTravelTimes();

/** A ride (one rider, one in five a party of two) or, `taskShare` of the time, a task of one cargo unit. */
function request(
  id: string,
  at: number,
  pickup: Point,
  dropoff: Point,
  random: () => number,
  taskShare: number,
): TripRequest {
  const task = random() < taskShare;
  return {
    id,
    kind: task ? 'task' : 'ride',
    pickup,
    dropoff,
    load: task ? { cargo: 1 } : { seats: random() < 0.2 ? 2 : 1 },
    pickupWindow: [at, at + (task ? TASK_MAX_WAIT_SECONDS : RIDE_MAX_WAIT_SECONDS)],
    maxDetourFactor: task ? TASK_MAX_DETOUR : RIDE_MAX_DETOUR,
    pickupServiceSeconds: STOP_SERVICE_SECONDS,
    dropoffServiceSeconds: STOP_SERVICE_SECONDS,
  };
}

/**
 * Requests over the service day from sources of `perHour` mean rate each, shaped by the hourly
 * profile: a Poisson count per minute, times uniform within the minute.
 */
function generate(
  name: string,
  seed: number,
  sources: readonly { zone: string; perHour: number }[],
  where: (zone: string, prng: Prng) => [Point, Point],
  taskShare: number,
  zones: readonly string[],
  hours: number,
): Omit<DayDemand, 'spots' | 'zoneAt'> {
  const prng = createPrng(seed);
  const random = () => prng.next();
  const out: Demanded[] = [];
  for (let minute = 0; minute < Math.min(hours, SERVICE_HOURS) * 60; minute++) {
    const shape = HOURLY_PROFILE[Math.floor(minute / 60)]!;
    for (const source of sources) {
      const expected = (source.perHour * shape) / 60;
      let count = 0;
      for (let p = Math.exp(-expected), u = random(); u > p; u *= random()) count++;
      for (let c = 0; c < count; c++) {
        const at = 60 * (minute + random());
        const [pickup, dropoff] = where(source.zone, prng);
        out.push({
          askedAt: at,
          request: request('', at, pickup, dropoff, random, taskShare),
          zone: source.zone,
          directSeconds: travel.seconds(pickup, dropoff),
          directMeters: travel.meters(pickup, dropoff),
        });
      }
    }
  }
  out.sort((a, b) => a.askedAt - b.askedAt);
  const requests = out.map((d, i) => ({ ...d, request: { ...d.request, id: `r${i + 1}` } }));
  return { name, zones, requests, seconds: Math.min(hours, SERVICE_HOURS) * 3600, travel, turns: 'anywhere' };
}

/**
 * The demo town's neighbourhoods (infra/seeds), or the built-in discs when the file is absent. The
 * file is three folders up from this module's source (as the specs run it), four from its build.
 */
export function helsinki(): Town {
  for (const up of ['../../../', '../../../../']) {
    try {
      const path = new URL(`${up}infra/seeds/helsinki-territories.geojson`, import.meta.url);
      const file = JSON.parse(readFileSync(path, 'utf8')) as { features: TerritoryFeature[] };
      return townFromGeoJson(file.features);
    } catch {
      // Not there: the next place, then the discs.
    }
  }
  return HELSINKI_FALLBACK;
}

/**
 * A day in the demo town: each neighbourhood's mean demand (`sim/zones.ts`, 90 requests/h in all)
 * × `scale`, shaped by the hourly profile; one trip in ten ends elsewhere in the town; 15 % tasks.
 * `hours` cuts the day short (from 06:00).
 */
export function demoTownDay(seed: number, scale = 1, hours = SERVICE_HOURS): DayDemand {
  const town = helsinki();
  const zones = new Map(town.zones.map((z) => [z.id, z]));
  const day = generate(
    `${town.name} ×${scale}`,
    seed,
    town.zones.map((z) => ({ zone: z.id, perHour: z.requestsPerHour * scale })),
    (zone, prng) => {
      const random = () => prng.next();
      const pickup = pointIn(zones.get(zone)!, random);
      const dropoff =
        town.area && random() < 0.1
          ? pointInRing(town.area, random)
          : pointIn(town.zones[prng.int(town.zones.length)]!, random);
      return [pickup, dropoff];
    },
    0.15,
    town.zones.map((z) => z.id),
    hours,
  );
  return {
    ...day,
    spots: new Map(town.zones.map((z) => [z.id, centreOf(z)])),
    zoneAt: (p) => zoneOf(town.zones, p)?.id,
  };
}

const CITY_KX = 111_320 * Math.cos((CENTRE[1] * Math.PI) / 180);
const CITY_KY = 110_540;

/** District of a city point: a 4 × 4 grid over the 16 km square of `city.ts`. */
function district(p: Point): string {
  const cell = (metres: number) => Math.min(3, Math.max(0, Math.floor((metres + 8000) / 4000)));
  return `d${cell((p[0] - CENTRE[0]) * CITY_KX)}${cell((p[1] - CENTRE[1]) * CITY_KY)}`;
}

/** The middle of district `dXY`. */
function districtMiddle(id: string): Point {
  const metres = (cell: number) => cell * 4000 - 6000;
  return [CENTRE[0] + metres(Number(id[1])) / CITY_KX, CENTRE[1] + metres(Number(id[2])) / CITY_KY];
}

/**
 * A day in a synthetic city of about a million inhabitants (`city.ts`: 16 km × 16 km, half the trips
 * around five hot spots, half anywhere): `requests` a day on average, shaped by the hourly profile,
 * 15 % tasks; its 16 districts are the rules' territories.
 */
export function cityDay(seed: number, requests = 20_000, hours = SERVICE_HOURS): DayDemand {
  const zones = Array.from({ length: 16 }, (_, i) => `d${Math.floor(i / 4)}${i % 4}`);
  const day = generate(
    'city of 1 M',
    seed,
    [{ zone: 'city', perHour: requests / SERVICE_HOURS }],
    (_zone, prng) => [cityPoint(prng), cityPoint(prng)],
    0.15,
    zones,
    hours,
  );
  return {
    ...day,
    requests: day.requests.map((d) => ({ ...d, zone: district(d.request.pickup) })),
    spots: new Map(zones.map((z) => [z, districtMiddle(z)])),
    zoneAt: district,
  };
}

/**
 * A slice of a day: the requests asked within `[fromSeconds, toSeconds)` whose pickup and dropoff
 * both lie within `radiusMeters` of `centre` — a sub-problem small enough for the offline planner.
 */
export function slice(
  day: DayDemand,
  fromSeconds: number,
  toSeconds: number,
  centre: Point,
  radiusMeters: number,
): DayDemand {
  const near = (p: Point) => travel.meters(p, centre) / travel.circuity <= radiusMeters;
  const requests = day.requests.filter(
    (d) =>
      d.askedAt >= fromSeconds && d.askedAt < toSeconds && near(d.request.pickup) && near(d.request.dropoff),
  );
  return { ...day, name: `${day.name}, slice`, requests, seconds: toSeconds };
}

/** Where `count` vehicles start the day: at the pickups of requests drawn at random (drivers live where riders are). */
export function fleetStarts(day: DayDemand, count: number, seed: number): Point[] {
  const prng = createPrng(seed * 7919 + 13);
  return Array.from({ length: count }, () => day.requests[prng.int(day.requests.length)]!.request.pickup);
}

/** Every place a day's vehicles stop or wait at: its pickups, drop-offs and waiting spots. */
export function placesOf(day: DayDemand): Point[] {
  return [...day.requests.flatMap((d) => [d.request.pickup, d.request.dropoff]), ...day.spots.values()];
}

/**
 * The same day driven on `roads`: each trip's direct time and distance taken on the roads too;
 * vehicles change course where `turn` says, or only at stops without it.
 */
export function onRoads(day: DayDemand, roads: TravelTimes, turn?: TurnAlong): DayDemand {
  return {
    ...day,
    travel: roads,
    turns: turn ?? 'at stops',
    requests: day.requests.map((d) => ({
      ...d,
      directSeconds: roads.seconds(d.request.pickup, d.request.dropoff),
      directMeters: roads.meters(d.request.pickup, d.request.dropoff),
    })),
  };
}
