import fc from 'fast-check';
import { routeProblems } from './fixtures/route-checker.js';
import {
  buildProblem,
  checkRoute,
  planarTravelTimes,
  scheduleRoute,
  type PlannedRoute,
  type Problem,
  type TimeWindow,
  type TripRequest,
  type Vehicle,
} from './index.js';

const travel = planarTravelTimes(1);

/** A few requests with both windows and a ride limit, one vehicle, and a stop order (pickups first). */
const aRouteToCheck = fc
  .record({
    at: fc.tuple(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 })),
    seats: fc.integer({ min: 1, max: 3 }),
    requests: fc.array(
      fc.record({
        from: fc.tuple(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 })),
        to: fc.tuple(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 })),
        pickupOpens: fc.integer({ min: 0, max: 300 }),
        pickupWidth: fc.integer({ min: 0, max: 400 }),
        dropoffOpens: fc.integer({ min: 0, max: 500 }),
        dropoffWidth: fc.integer({ min: 0, max: 600 }),
        maxRide: fc.integer({ min: 20, max: 300 }),
        service: fc.integer({ min: 0, max: 10 }),
        pickupKey: fc.double({ min: 0, max: 1, noNaN: true }),
        dropoffAfter: fc.double({ min: 0.001, max: 1, noNaN: true }),
      }),
      { minLength: 1, maxLength: 4 },
    ),
  })
  .map(({ at, seats, requests }) => {
    const vehicle: Vehicle = { id: 'v', at, capacity: { seats } };
    const trips: TripRequest[] = requests.map((q, i) => ({
      id: `r${i}`,
      kind: 'ride',
      pickup: q.from,
      dropoff: q.to,
      pickupWindow: [q.pickupOpens, q.pickupOpens + q.pickupWidth],
      dropoffWindow: [q.dropoffOpens, q.dropoffOpens + q.dropoffWidth],
      maxRideSeconds: q.maxRide,
      pickupServiceSeconds: q.service,
      dropoffServiceSeconds: q.service,
    }));
    // Stops ordered by a random key, each dropoff after its pickup: [request, is dropoff].
    const order = requests
      .flatMap((q, i) => [
        { i, drop: false, key: q.pickupKey },
        { i, drop: true, key: q.pickupKey + q.dropoffAfter },
      ])
      .sort((a, b) => a.key - b.key);
    return { vehicle, trips, order };
  });

/** The same problem with every request's windows as the caller gave them (nothing narrowed). */
function asGiven(p: Problem, trips: readonly TripRequest[]): Problem {
  const earliest = p.earliest.slice();
  const latest = p.latest.slice();
  trips.forEach((q, r) => {
    [earliest[p.pickupNode[r]!], latest[p.pickupNode[r]!]] = q.pickupWindow!;
    [earliest[p.dropoffNode[r]!], latest[p.dropoffNode[r]!]] = q.dropoffWindow!;
  });
  return { ...p, earliest, latest };
}

describe('windows narrowed by the ride limit', () => {
  it('narrow a loose pickup window to the dropoff window minus the ride limit, and the converse', () => {
    // Cordeau's pre-booked trips: one tight window, the other the whole day, 30 s of ride at most.
    const booked = (id: string, pickupWindow: TimeWindow, dropoffWindow: TimeWindow): TripRequest => ({
      id,
      kind: 'ride',
      pickup: [0, 0],
      dropoff: [10, 0],
      pickupWindow,
      dropoffWindow,
      maxRideSeconds: 30,
      pickupServiceSeconds: 3,
    });
    const { problem: p } = buildProblem({
      requests: [booked('to-work', [0, 1440], [100, 115]), booked('home', [200, 215], [0, 1440])],
      vehicles: [{ id: 'v', at: [0, 0], capacity: { seats: 1 } }],
      travel,
    });
    expect([p.earliest[p.pickupNode[0]!], p.latest[p.pickupNode[0]!]]).toEqual([67, 1440]);
    expect([p.earliest[p.dropoffNode[1]!], p.latest[p.dropoffNode[1]!]]).toEqual([0, 248]);
  });

  it('leave every route exactly as feasible as before, and its schedule keeps the given windows', () => {
    let feasible = 0;
    let infeasible = 0;
    fc.assert(
      fc.property(aRouteToCheck, ({ vehicle, trips, order }) => {
        const { problem: p } = buildProblem({ requests: trips, vehicles: [vehicle], travel });
        const route = order.map(({ i, drop }) => (drop ? p.dropoffNode[i]! : p.pickupNode[i]!));
        const narrowed = checkRoute(p, 0, route);
        const given = checkRoute(asGiven(p, trips), 0, route);
        expect(narrowed === undefined).toBe(given === undefined);
        const result = scheduleRoute(p, 0, route);
        if (result.violation !== undefined) {
          infeasible++;
          return;
        }
        feasible++;
        const s = result.schedule;
        const planned: PlannedRoute = {
          vehicleId: 'v',
          departureSeconds: s.departure,
          endSeconds: s.end,
          cost: s.cost,
          stops: order.map(({ i, drop }, x) => ({
            requestId: `r${i}`,
            type: drop ? 'dropoff' : 'pickup',
            arrivalSeconds: s.arrival[x]!,
            startSeconds: s.start[x]!,
          })),
        };
        expect(routeProblems(planned, vehicle, trips, travel)).toEqual([]);
      }),
      { numRuns: 400, seed: 5 },
    );
    // Both outcomes must be well represented, or the comparison above proves little.
    expect(feasible).toBeGreaterThan(40);
    expect(infeasible).toBeGreaterThan(40);
  });
});
