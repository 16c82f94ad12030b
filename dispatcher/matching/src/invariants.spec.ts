import fc from 'fast-check';
import { aDriver, aRequest, cityTravel, near } from './fixtures/builders.js';
import { routeProblems } from './fixtures/route-checker.js';
import {
  assignBatch,
  planRoutes,
  solveAssignment,
  type Plan,
  type TripRequest,
  type Vehicle,
} from './index.js';

const travel = cityTravel();

/** A random small city: drivers and requests in a 6 km square, varied loads, windows and limits. */
const aCity = fc
  .record({
    drivers: fc.array(
      fc.record({
        east: fc.integer({ min: 0, max: 6000 }),
        north: fc.integer({ min: 0, max: 6000 }),
        seats: fc.integer({ min: 1, max: 4 }),
        wheelchairs: fc.integer({ min: 0, max: 1 }),
        shiftEnd: fc.integer({ min: 600, max: 7200 }),
      }),
      { minLength: 1, maxLength: 5 },
    ),
    requests: fc.array(
      fc.record({
        from: fc.tuple(fc.integer({ min: 0, max: 6000 }), fc.integer({ min: 0, max: 6000 })),
        to: fc.tuple(fc.integer({ min: 0, max: 6000 }), fc.integer({ min: 0, max: 6000 })),
        seats: fc.integer({ min: 0, max: 3 }),
        wheelchair: fc.boolean(),
        wait: fc.integer({ min: 120, max: 3600 }),
        detour: fc.double({ min: 1.1, max: 3, noNaN: true }),
        service: fc.integer({ min: 0, max: 60 }),
      }),
      { minLength: 1, maxLength: 10 },
    ),
    blocked: fc.integer({ min: 0, max: 7 }),
  })
  .map(({ drivers, requests, blocked }) => {
    const vehicles: Vehicle[] = drivers.map((d) =>
      aDriver({
        at: near(d.east, d.north),
        capacity: { seats: d.seats, wheelchairs: d.wheelchairs },
        shiftEndSeconds: d.shiftEnd,
      }),
    );
    const trips: TripRequest[] = requests.map((q) =>
      aRequest({
        from: near(...q.from),
        to: near(...q.to),
        load: { seats: q.wheelchair ? 0 : Math.max(1, q.seats), wheelchairs: q.wheelchair ? 1 : 0 },
        maxWaitSeconds: q.wait,
        maxDetourFactor: q.detour,
        pickupServiceSeconds: q.service,
        dropoffServiceSeconds: q.service,
      }),
    );
    // An arbitrary blocked pairing rule: request i may not ride with driver j when (i + j) % 8 === blocked.
    const exclude = (r: TripRequest, v: Vehicle): boolean =>
      (trips.indexOf(r) + vehicles.indexOf(v)) % 8 === blocked;
    return { vehicles, trips, exclude };
  });

function planProblems(plan: Pick<Plan, 'routes'>, vehicles: Vehicle[], trips: TripRequest[]): string[] {
  const problems: string[] = [];
  for (const route of plan.routes) {
    const vehicle = vehicles.find((v) => v.id === route.vehicleId)!;
    problems.push(...routeProblems(route, vehicle, trips, travel));
  }
  const served = plan.routes.flatMap((r) =>
    r.stops.filter((s) => s.type === 'pickup').map((s) => s.requestId),
  );
  if (new Set(served).size !== served.length) problems.push('a request is served twice');
  return problems;
}

describe('invariants', () => {
  it('batch assignment: every route feasible, nobody served twice, capacity kept, exclusions obeyed', () => {
    fc.assert(
      fc.property(aCity, ({ vehicles, trips, exclude }) => {
        const result = assignBatch({ requests: trips, vehicles, travel, hooks: { exclude } });
        expect(planProblems(result, vehicles, trips)).toEqual([]);
        for (const e of result.explanations) {
          const request = trips.find((t) => t.id === e.requestId)!;
          const vehicle = vehicles.find((v) => v.id === e.vehicleId);
          if (vehicle) expect(exclude(request, vehicle)).toBe(false);
          expect(e.vehicleId === undefined).toBe(result.unassigned.includes(e.requestId));
        }
        const served = result.routes.flatMap((r) => r.stops.map((s) => s.requestId));
        expect(new Set(served).size * 2).toBe(served.length);
        expect(served.length / 2 + result.unassigned.length).toBe(trips.length);
      }),
      { numRuns: 60, seed: 7 },
    );
  });

  it('static planning with LNS: feasible routes, and the same seed gives the same plan', () => {
    fc.assert(
      fc.property(aCity, fc.integer({ min: 1, max: 1000 }), ({ vehicles, trips, exclude }, seed) => {
        const run = (): Plan =>
          planRoutes({ requests: trips, vehicles, travel, hooks: { exclude } }, { seed, iterations: 60 });
        const a = run();
        expect(planProblems(a, vehicles, trips)).toEqual([]);
        expect(a.feasible).toBe(true);
        const b = run();
        expect(b.routes).toEqual(a.routes);
        expect(b.cost).toBe(a.cost);
        const once = planRoutes(
          { requests: trips, vehicles, travel, hooks: { exclude } },
          { improve: false },
        );
        expect(a.cost + 1e6 * a.unassigned.length).toBeLessThanOrEqual(
          once.cost + 1e6 * once.unassigned.length + 1e-6,
        );
      }),
      { numRuns: 25, seed: 11 },
    );
  });

  it('the assignment solver is exact (against brute force)', () => {
    const permutations = (n: number, m: number): number[][] => {
      if (n === 0) return [[]];
      return permutations(n - 1, m).flatMap((p) =>
        Array.from({ length: m }, (_, j) => j)
          .filter((j) => !p.includes(j))
          .map((j) => [...p, j]),
      );
    };
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }).chain((rows) =>
          fc.integer({ min: rows, max: 6 }).chain((cols) =>
            fc.tuple(
              fc.constant(rows),
              fc.constant(cols),
              fc.array(fc.integer({ min: 0, max: 100 }), {
                minLength: rows * cols,
                maxLength: rows * cols,
              }),
            ),
          ),
        ),
        ([rows, cols, cells]) => {
          const cost = Float64Array.from(cells);
          const got = solveAssignment(cost, rows, cols);
          expect(new Set(got).size).toBe(rows);
          const total = (cols_: ArrayLike<number>): number =>
            Array.from({ length: rows }, (_, r) => cost[r * cols + cols_[r]!]!).reduce((s, x) => s + x, 0);
          const best = Math.min(...permutations(rows, cols).map(total));
          expect(total(got)).toBe(best);
        },
      ),
      { numRuns: 200, seed: 3 },
    );
  });
});
