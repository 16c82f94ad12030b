import {
  createPrng,
  type Point,
  type Prng,
  type TravelTimes,
  type TripRequest,
  type Vehicle,
} from '@navette/matching';

/** Centre of the generated city (Lyon), `[lng, lat]`. */
export const CENTRE: Point = [4.8357, 45.764];

/** Road travel estimate for benchmarks: straight line × 1.3 circuity at 30 km/h. */
export function roadTravel(): TravelTimes {
  const kx = 111_320 * Math.cos((CENTRE[1] * Math.PI) / 180);
  const ky = 110_540;
  const meters = (a: Point, b: Point): number => 1.3 * Math.hypot((a[0] - b[0]) * kx, (a[1] - b[1]) * ky);
  return { meters, seconds: (a, b) => meters(a, b) / 8.33 };
}

/** A point in a 16 km × 16 km city: half around a few hot spots (stations, hospital, centre), half uniform. */
export function cityPoint(prng: Prng): Point {
  const kx = 111_320 * Math.cos((CENTRE[1] * Math.PI) / 180);
  const ky = 110_540;
  let east: number;
  let north: number;
  if (prng.next() < 0.5) {
    const spots: [number, number][] = [
      [0, 0],
      [2500, -1500],
      [-3000, 2000],
      [4000, 3500],
      [-1500, -4000],
    ];
    const [sx, sy] = spots[prng.int(spots.length)]!;
    const r = 800 * Math.sqrt(prng.next());
    const a = 2 * Math.PI * prng.next();
    east = sx + r * Math.cos(a);
    north = sy + r * Math.sin(a);
  } else {
    east = (prng.next() - 0.5) * 16_000;
    north = (prng.next() - 0.5) * 16_000;
  }
  return [CENTRE[0] + east / kx, CENTRE[1] + north / ky];
}

let serial = 0;

/** A ride (mostly one seat, some two, a few wheelchairs) or a small task, asked at `now`. */
export function cityRequest(prng: Prng, now: number): TripRequest {
  serial++;
  const task = prng.next() < 0.15;
  const wheelchair = !task && prng.next() < 0.05;
  return {
    id: `q${serial}`,
    kind: task ? 'task' : 'ride',
    pickup: cityPoint(prng),
    dropoff: cityPoint(prng),
    load: task ? { cargo: 1 } : wheelchair ? { wheelchairs: 1 } : { seats: prng.next() < 0.2 ? 2 : 1 },
    pickupWindow: [now, now + 900],
    maxDetourFactor: 1.6,
    pickupServiceSeconds: 30,
    dropoffServiceSeconds: 30,
  };
}

/**
 * `count` vehicles on shift; about a third already carry a trip (assigned, stops planned), so batch
 * requests are inserted into real routes, not only empty cars.
 */
export function cityFleet(seed: number, count: number, now: number): Vehicle[] {
  const prng = createPrng(seed);
  return Array.from({ length: count }, (_, k) => {
    const adapted = prng.next() < 0.1;
    const base: Vehicle = {
      id: `v${k}`,
      at: cityPoint(prng),
      availableFromSeconds: now,
      capacity: adapted ? { seats: 3, wheelchairs: 1, cargo: 2 } : { seats: 4, cargo: 1 },
      shiftEndSeconds: now + 3600 * (1 + prng.int(4)),
    };
    if (prng.next() < 0.35) {
      const trip = cityRequest(prng, now);
      const own: TripRequest = { ...trip, load: { seats: 1 }, kind: 'ride' };
      return {
        ...base,
        assigned: [own],
        stops: [
          { requestId: own.id, type: 'pickup' },
          { requestId: own.id, type: 'dropoff' },
        ],
      };
    }
    return base;
  });
}
