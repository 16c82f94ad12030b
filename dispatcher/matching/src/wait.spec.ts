import fc from 'fast-check';
import { aDriver, aRequest, cityTravel, near } from './fixtures/builders.js';
import { buildProblem, insertRequest, type TripRequest } from './index.js';
import { bestInsertion, noInsertion } from './insert.js';
import { removalGain } from './removal.js';
import { routeCost } from './route.js';
import { Solution } from './solution.js';
import { RIDER_WAIT_WEIGHT, routeWaitCost } from './wait.js';

const travel = cityTravel();

describe("riders' wait in the objective", () => {
  // Both 1 km from the pickup, so the same driving; the first is busy for another 5 minutes.
  const twoDrivers = () => [
    aDriver({ at: near(-1000, 0), availableFromSeconds: 300 }),
    aDriver({ at: near(1000, 0), availableFromSeconds: 0 }),
  ];

  it('prefers, all else equal, the driver who picks the rider up earlier', () => {
    const [later, sooner] = twoDrivers();
    const request = aRequest({ from: near(0, 0), to: near(0, 3000), maxWaitSeconds: 900 });
    const result = insertRequest({ requests: [request], vehicles: [later!, sooner!], travel, now: 0 });
    const [why] = result.explanations;
    expect(why?.vehicleId).toBe(sooner!.id);
    // The wait term says how much: 100 s to drive to the pickup, weighed at the default.
    expect(why?.terms).toContainEqual({
      name: 'pickup-wait',
      value: expect.closeTo(100, 6),
      weight: RIDER_WAIT_WEIGHT,
    });
    expect(why?.others).toEqual([
      { vehicleId: later!.id, reason: 'costlier', total: expect.closeTo(400 + 400 * RIDER_WAIT_WEIGHT, 6) },
    ]);
  });

  it('is what decides: pricing travel alone, the tie goes to the first driver', () => {
    const [later, sooner] = twoDrivers();
    const request = aRequest({ from: near(0, 0), to: near(0, 3000), maxWaitSeconds: 900 });
    const result = insertRequest({
      requests: [request],
      vehicles: [later!, sooner!],
      travel,
      now: 0,
      weights: { perRiderWaitSecond: 0 },
    });
    expect(result.explanations[0]?.vehicleId).toBe(later!.id);
  });

  it('lets a parcel wait free within its window', () => {
    const [later, sooner] = twoDrivers();
    const parcel = aRequest({ from: near(0, 0), to: near(0, 3000), maxWaitSeconds: 7200 });
    const task: TripRequest = { ...parcel, kind: 'task', load: { cargo: 1 } };
    const built = buildProblem({ requests: [task], vehicles: [later!, sooner!], travel, now: 0 });
    expect(built.problem.waitWeight[0]).toBe(0);
  });

  /** A vehicle with some riders planned (some booked ahead, so stops wait), and one request more. */
  const aRoute = fc
    .record({
      planned: fc.array(
        fc.record({
          from: fc.tuple(fc.integer({ min: 0, max: 5000 }), fc.integer({ min: 0, max: 5000 })),
          to: fc.tuple(fc.integer({ min: 0, max: 5000 }), fc.integer({ min: 0, max: 5000 })),
          opensAt: fc.integer({ min: 0, max: 1800 }),
          task: fc.boolean(),
        }),
        { minLength: 0, maxLength: 4 },
      ),
      extra: fc.record({
        from: fc.tuple(fc.integer({ min: 0, max: 5000 }), fc.integer({ min: 0, max: 5000 })),
        to: fc.tuple(fc.integer({ min: 0, max: 5000 }), fc.integer({ min: 0, max: 5000 })),
        opensAt: fc.integer({ min: 0, max: 1200 }),
      }),
    })
    .map(({ planned, extra }) => {
      const riders = planned.map((q) =>
        aRequest({
          from: near(...q.from),
          to: near(...q.to),
          kind: q.task ? 'task' : 'ride',
          pickupWindow: [q.opensAt, q.opensAt + 7200],
          pickupServiceSeconds: 20,
          dropoffServiceSeconds: 20,
        }),
      );
      const vehicle = aDriver({
        at: near(2500, 2500),
        assigned: riders,
        stops: riders.flatMap((r) => [
          { requestId: r.id, type: 'pickup' as const },
          { requestId: r.id, type: 'dropoff' as const },
        ]),
      });
      const request = aRequest({
        from: near(...extra.from),
        to: near(...extra.to),
        pickupWindow: [extra.opensAt, extra.opensAt + 7200],
        pickupServiceSeconds: 20,
        dropoffServiceSeconds: 20,
      });
      return { vehicle, request };
    });

  it("prices an insertion at exactly what it adds to the route's travel and riders' wait", () => {
    fc.assert(
      fc.property(aRoute, ({ vehicle, request }) => {
        const built = buildProblem({ requests: [request], vehicles: [vehicle], travel, now: 0 });
        const p = built.problem;
        const solution = new Solution(p, built.initialRoutes);
        const objective = () =>
          routeCost(p, 0, solution.routes[0]!) + routeWaitCost(p, 0, solution.routes[0]!);
        const before = objective();
        expect(solution.caches[0]!.cost).toBeCloseTo(before, 6);
        const ins = bestInsertion(p, 0, 0, solution.caches[0]!, noInsertion());
        if (ins.delta === Infinity) return;
        solution.insert(0, 0, ins);
        expect(objective() - before).toBeCloseTo(ins.delta, 6);
        expect(solution.caches[0]!.cost - before).toBeCloseTo(ins.delta, 6);
        // Taking it out again saves the same.
        expect(removalGain(solution, 0)).toBeCloseTo(ins.delta, 6);
      }),
      { numRuns: 300 },
    );
  });
});
