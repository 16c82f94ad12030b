import fc from 'fast-check';
import { aDriver, aRequest, cityTravel, near } from './fixtures/builders.js';
import { routeProblems } from './fixtures/route-checker.js';
import {
  assignBatch,
  planRoutes,
  type PlannedRoute,
  type Point,
  type TripRequest,
  type Vehicle,
} from './index.js';

const travel = cityTravel();

/** A parcel (or an errand) of `cargo` units, with its windows. */
function aTask(overrides: Partial<TripRequest> & { from: Point; to: Point; cargo: number }) {
  const { cargo, ...rest } = overrides;
  return aRequest({ kind: 'task', load: { cargo }, ...rest });
}

const stopsOf = (route: PlannedRoute | undefined) =>
  route?.stops.map((s) => `${s.requestId}:${s.type}`) ?? [];

describe('tasks in the engine: cargo against cargo capacity, windows at both ends, pooled with rides', () => {
  it('pools a rider and a parcel in one route, the parcel delivered within its window', () => {
    const car = aDriver({ at: near(0, 0), capacity: { seats: 3, cargo: 2 } });
    const rider = aRequest({
      from: near(500, 0),
      to: near(5000, 0),
      maxWaitSeconds: 600,
      maxDetourFactor: 1.5,
    });
    // Picked up after a minute, delivered between 4 and 15 minutes from now.
    const parcel = aTask({
      from: near(1000, 100),
      to: near(4000, 100),
      cargo: 2,
      pickupWindow: [60, 1200],
      dropoffWindow: [240, 900],
      maxDetourFactor: 3,
    });
    const result = assignBatch({ requests: [rider, parcel], vehicles: [car], travel, now: 0 });
    expect(result.unassigned).toEqual([]);
    const route = result.routes.find((r) => r.vehicleId === car.id);
    expect(new Set(stopsOf(route))).toEqual(
      new Set([`${rider.id}:pickup`, `${rider.id}:dropoff`, `${parcel.id}:pickup`, `${parcel.id}:dropoff`]),
    );
    // Independently re-walked: capacity per dimension, both windows, the ride-time limits.
    expect(routeProblems(route!, car, [rider, parcel], travel)).toEqual([]);
    const delivered = route!.stops.find((s) => s.requestId === parcel.id && s.type === 'dropoff')!;
    expect(delivered.startSeconds).toBeGreaterThanOrEqual(240);
    expect(delivered.startSeconds).toBeLessThanOrEqual(900);
  });

  it('gives a task only to a vehicle with cargo room, and says so of the others', () => {
    const noBoot = aDriver({ at: near(100, 0), capacity: { seats: 4, cargo: 0 } });
    const van = aDriver({ at: near(2500, 0), capacity: { seats: 2, cargo: 6 } });
    const parcel = aTask({ from: near(0, 0), to: near(3000, 3000), cargo: 4 });
    const result = assignBatch({ requests: [parcel], vehicles: [noBoot, van], travel, now: 0 });
    const [why] = result.explanations;
    expect(why?.vehicleId).toBe(van.id);
    expect(why?.others).toContainEqual({ vehicleId: noBoot.id, reason: 'capacity' });
    expect(why?.waitingFor).toBeUndefined();
  });

  it('explains a task left waiting for cargo room', () => {
    const small = aDriver({ at: near(0, 0), capacity: { seats: 4, cargo: 1 } });
    const parcel = aTask({ from: near(100, 0), to: near(2000, 0), cargo: 3 });
    const [why] = assignBatch({ requests: [parcel], vehicles: [small], travel, now: 0 }).explanations;
    expect(why?.stage).toBe('unserved');
    expect(why?.waitingFor).toBe('capacity');
  });

  it('explains a task left waiting for its delivery window', () => {
    const car = aDriver({ at: near(0, 0), capacity: { seats: 4, cargo: 4 } });
    // 8 km away, to be delivered within two minutes: no car makes it.
    const parcel = aTask({ from: near(100, 0), to: near(8000, 0), cargo: 1, dropoffWindow: [0, 120] });
    const [why] = assignBatch({ requests: [parcel], vehicles: [car], travel, now: 0 }).explanations;
    expect(why?.stage).toBe('unserved');
    expect(why?.waitingFor).toBe('time-window');
  });
});

/** Random fleets with varied boots and random mixes of rides and parcels with windows. */
const aMixedCity = fc
  .record({
    drivers: fc.array(
      fc.record({
        east: fc.integer({ min: 0, max: 6000 }),
        north: fc.integer({ min: 0, max: 6000 }),
        seats: fc.integer({ min: 1, max: 4 }),
        cargo: fc.integer({ min: 0, max: 6 }),
      }),
      { minLength: 1, maxLength: 4 },
    ),
    requests: fc.array(
      fc.record({
        from: fc.tuple(fc.integer({ min: 0, max: 6000 }), fc.integer({ min: 0, max: 6000 })),
        to: fc.tuple(fc.integer({ min: 0, max: 6000 }), fc.integer({ min: 0, max: 6000 })),
        task: fc.boolean(),
        units: fc.integer({ min: 1, max: 6 }),
        opens: fc.integer({ min: 0, max: 1800 }),
        deliverWithin: fc.option(fc.integer({ min: 600, max: 5400 }), { nil: undefined }),
      }),
      { minLength: 1, maxLength: 9 },
    ),
  })
  .map(({ drivers, requests }) => ({
    vehicles: drivers.map((d) =>
      aDriver({ at: near(d.east, d.north), capacity: { seats: d.seats, cargo: d.cargo } }),
    ),
    trips: requests.map((q) =>
      q.task
        ? aTask({
            from: near(...q.from),
            to: near(...q.to),
            cargo: q.units,
            pickupWindow: [q.opens, q.opens + 3600],
            ...(q.deliverWithin === undefined ? {} : { dropoffWindow: [q.opens, q.opens + q.deliverWithin] }),
            maxDetourFactor: 3,
          })
        : aRequest({
            from: near(...q.from),
            to: near(...q.to),
            load: { seats: Math.min(q.units, 3) },
            maxWaitSeconds: 900,
            maxDetourFactor: 1.6,
          }),
    ),
  }));

function cargoOverloads(
  routes: readonly PlannedRoute[],
  vehicles: Vehicle[],
  trips: TripRequest[],
): string[] {
  return routes.flatMap((route) =>
    routeProblems(
      route,
      vehicles.find((v) => v.id === route.vehicleId)!,
      trips,
      travel,
    ).filter((p) => p.includes('over capacity')),
  );
}

describe('invariant: no plan ever carries more cargo than a vehicle has room for', () => {
  it('holds for live batches', () => {
    fc.assert(
      fc.property(aMixedCity, ({ vehicles, trips }) => {
        const result = assignBatch({ requests: trips, vehicles, travel, now: 0 });
        expect(cargoOverloads(result.routes, vehicles, trips)).toEqual([]);
      }),
      { numRuns: 60, seed: 14 },
    );
  });

  it('holds for planned days, after improvement', () => {
    fc.assert(
      fc.property(aMixedCity, ({ vehicles, trips }) => {
        const plan = planRoutes({ requests: trips, vehicles, travel, now: 0 }, { seed: 3, iterations: 40 });
        expect(cargoOverloads(plan.routes, vehicles, trips)).toEqual([]);
      }),
      { numRuns: 40, seed: 14 },
    );
  });
});
