import fc from 'fast-check';
import {
  buildProblem,
  checkRoute,
  planarTravelTimes,
  Solution,
  type TripRequest,
  type Vehicle,
} from './index.js';
import { twoOptStar } from './two-opt-star.js';

const travel = planarTravelTimes(1);
const ride = (id: string, from: number, to: number, overrides: Partial<TripRequest> = {}): TripRequest => ({
  id,
  kind: 'ride',
  pickup: [from, 0],
  dropoff: [to, 0],
  ...overrides,
});
const van = (id: string, at: number, overrides: Partial<Vehicle> = {}): Vehicle => ({
  id,
  at: [at, 0],
  endAt: [at, 0],
  capacity: { seats: 2 },
  ...overrides,
});

/** Each vehicle's route as stops of the given requests, in order (pickup then dropoff). */
function solutionOf(requests: TripRequest[], vehicles: Vehicle[], trips: number[][]): Solution {
  const p = buildProblem({ requests, vehicles, travel }).problem;
  return new Solution(
    p,
    trips.map((rs) => rs.flatMap((r) => [p.pickupNode[r]!, p.dropoffNode[r]!])),
  );
}

describe('2-opt* between routes', () => {
  it('hands the second half of each day to the vehicle that is already there', () => {
    // West starts at 0 and ends its day in the east; east starts at 1000 and ends it in the west.
    const requests = [ride('w1', 10, 20), ride('e1', 990, 980), ride('e2', 1010, 1020), ride('w2', 30, 40)];
    const solution = solutionOf(
      requests,
      [van('west', 0), van('east', 1000)],
      [
        [0, 1],
        [2, 3],
      ],
    );
    const before = solution.total();
    const gained = twoOptStar(solution);
    const p = solution.problem;
    expect(gained).toBeCloseTo(before - solution.total(), 6);
    expect(solution.total()).toBeLessThan(before - 1000);
    expect([...solution.vehicleOf]).toEqual([0, 1, 1, 0]);
    solution.routes.forEach((route, k) => expect(checkRoute(p, k, route)).toBeUndefined());
  });

  it('keeps a rider on the only vehicle that can carry them', () => {
    // e1 uses a wheelchair: only the west van takes one, so the east van cannot have west's tail.
    const requests = [
      ride('w1', 10, 20),
      ride('e1', 990, 980, { load: { seats: 0, wheelchairs: 1 } }),
      ride('e2', 1010, 1020),
      ride('w2', 30, 40),
    ];
    const vehicles = [van('west', 0, { capacity: { seats: 2, wheelchairs: 1 } }), van('east', 1000)];
    const solution = solutionOf(requests, vehicles, [
      [0, 1],
      [2, 3],
    ]);
    const before = solution.total();
    twoOptStar(solution);
    const p = solution.problem;
    expect(solution.total()).toBeLessThan(before);
    expect(solution.vehicleOf[1]).toBe(0);
    solution.routes.forEach((route, k) => expect(checkRoute(p, k, route)).toBeUndefined());
  });

  it('keeps a tail whose swap would break a time window', () => {
    // Handing w2 to the west van would be shorter, but west cannot be back in time for its window.
    const requests = [
      ride('w1', 10, 20),
      ride('e1', 990, 980, { pickupWindow: [0, 2000] }),
      ride('e2', 1010, 1020),
      ride('w2', 30, 40, { pickupWindow: [1000, 1100] }),
    ];
    const vehicles = [van('west', 0, { shiftEndSeconds: 900 }), van('east', 1000)];
    const solution = solutionOf(requests, vehicles, [[0], [2, 1, 3]]);
    const before = solution.total();
    twoOptStar(solution);
    const p = solution.problem;
    expect(solution.total()).toBeLessThanOrEqual(before);
    expect(solution.vehicleOf[3]).toBe(1);
    solution.routes.forEach((route, k) => expect(checkRoute(p, k, route)).toBeUndefined());
  });

  it('never raises the total, loses a request or leaves a route infeasible', () => {
    const trip = fc.record({
      from: fc.integer({ min: 0, max: 2000 }),
      to: fc.integer({ min: 0, max: 2000 }),
      opens: fc.integer({ min: 0, max: 4000 }),
      width: fc.integer({ min: 10, max: 3000 }),
    });
    fc.assert(
      fc.property(
        fc.array(trip, { minLength: 2, maxLength: 9 }),
        fc.array(fc.integer({ min: 0, max: 2000 }), { minLength: 2, maxLength: 4 }),
        fc.integer({ min: 0, max: 1000 }),
        (trips, starts, shuffle) => {
          const requests = trips.map((t, r) =>
            ride(`r${r}`, t.from, t.to, { pickupWindow: [t.opens, t.opens + t.width], maxRideSeconds: 3000 }),
          );
          const vehicles = starts.map((at, k) => van(`v${k}`, at));
          const p = buildProblem({ requests, vehicles, travel }).problem;
          // Greedy feasible start: each request, in a shuffled order, appended to the first route it fits.
          const routes: number[][] = vehicles.map(() => []);
          requests.forEach((_, i) => {
            const r = (i * 7 + shuffle) % requests.length;
            if (routes.some((route) => route.includes(p.dropoffNode[r]!))) return;
            for (let k = 0; k < routes.length; k++) {
              const next = [...routes[k]!, p.pickupNode[r]!, p.dropoffNode[r]!];
              if (checkRoute(p, k, next) === undefined) {
                routes[k] = next;
                break;
              }
            }
          });
          const solution = new Solution(p, routes);
          const served = [...solution.vehicleOf].filter((k) => k >= 0).length;
          const before = solution.total();
          const gained = twoOptStar(solution);
          expect(solution.total()).toBeLessThanOrEqual(before + 1e-9);
          expect(gained).toBeCloseTo(before - solution.total(), 6);
          expect([...solution.vehicleOf].filter((k) => k >= 0).length).toBe(served);
          solution.routes.forEach((route, k) => {
            expect(checkRoute(p, k, route)).toBeUndefined();
            for (const node of route) expect(solution.vehicleOf[p.requestOf[node]!]).toBe(k);
            // A request's two stops stay together.
            for (const node of route) {
              const r = p.requestOf[node]!;
              expect(route).toContain(p.pickupNode[r]!);
              expect(route).toContain(p.dropoffNode[r]!);
            }
          });
        },
      ),
      { numRuns: 200 },
    );
  });
});
