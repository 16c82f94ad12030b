import fc from 'fast-check';
import {
  aRideOnLine as ride,
  aVanOnLine as van,
  plansOnLine,
  solutionOnLine as solutionOf,
} from './fixtures/on-a-line.js';
import { checkRoute } from './index.js';
import { twoOptStar } from './two-opt-star.js';

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

  it('never raises the total, loses a request, splits a ride or leaves a route infeasible', () => {
    fc.assert(
      fc.property(plansOnLine, (solution) => {
        const p = solution.problem;
        const served = [...solution.vehicleOf].filter((k) => k >= 0).length;
        const before = solution.total();
        const gained = twoOptStar(solution);
        expect(solution.total()).toBeLessThanOrEqual(before + 1e-9);
        expect(gained).toBeCloseTo(before - solution.total(), 6);
        expect([...solution.vehicleOf].filter((k) => k >= 0).length).toBe(served);
        solution.routes.forEach((route, k) => {
          expect(checkRoute(p, k, route)).toBeUndefined();
          for (const node of route) {
            const r = p.requestOf[node]!;
            expect(solution.vehicleOf[r]).toBe(k);
            expect(route).toContain(p.pickupNode[r]!);
            expect(route).toContain(p.dropoffNode[r]!);
          }
        });
      }),
      { numRuns: 200 },
    );
  });
});
