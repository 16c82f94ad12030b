import {
  buildProblem,
  planarTravelTimes,
  TravelMatrix,
  vehicleGroups,
  type Point,
  type TravelTimes,
  type TripRequest,
} from './index.js';

/** The planar model, counting each pair it is asked. */
class Counting implements TravelTimes {
  readonly asked = new Set<string>();
  private readonly inner = planarTravelTimes(1);
  seconds(a: Point, b: Point): number {
    this.asked.add(`${a.join(',')}→${b.join(',')}`);
    return this.inner.seconds(a, b);
  }
  meters(a: Point, b: Point): number {
    return this.inner.meters(a, b);
  }
}

const ride: TripRequest = { id: 'r', kind: 'ride', pickup: [10, 0], dropoff: [20, 0] };

describe('buildProblem: only the arcs a route can drive', () => {
  it('never asks for the arcs into a start (a fleet of drivers, one ride)', () => {
    const travel = new Counting();
    const starts: Point[] = [
      [0, 0],
      [0, 5],
      [0, 9],
    ];
    const { problem: p } = buildProblem({
      requests: [ride],
      vehicles: starts.map((at, k) => ({ id: `v${k}`, at, capacity: { seats: 4 } })),
      travel,
    });
    const N = p.nodeCount;
    // Start → start of another vehicle: never driven, 0, not asked.
    expect(p.time[0 * N + 2]).toBe(0);
    expect(p.time[4 * N + 0]).toBe(0);
    for (const a of starts)
      for (const b of starts)
        if (a !== b) expect(travel.asked.has(`${a.join(',')}→${b.join(',')}`)).toBe(false);
    // Each start → the pickup, the pickup → the dropoff: asked and filled.
    const pickup = p.pickupNode[0]!;
    expect(p.time[2 * N + pickup]).toBeCloseTo(Math.hypot(10, 5));
    expect(p.time[pickup * N + p.dropoffNode[0]!]).toBe(10);
    // Each of 3 starts to each of the 2 stops, and the stops to each other: 8 of the 56 ordered pairs.
    expect(travel.asked.size).toBe(3 * 2 + 2);
  });

  it('keeps every start to every end, so vehicles alike stay interchangeable', () => {
    const depot: Point = [0, 0];
    const vehicles = [0, 1, 2].map((k) => ({ id: `v${k}`, at: depot, endAt: depot, capacity: { seats: 4 } }));
    const points = [depot, ride.pickup, ride.dropoff];
    const built = buildProblem({
      requests: [ride],
      vehicles,
      travel: TravelMatrix.build(planarTravelTimes(1), points),
    });
    const p = built.problem;
    const N = p.nodeCount;
    // Vehicle 0's start reaches vehicle 2's end (same depot: 0 s), the dropoff reaches every end.
    expect(p.time[p.dropoffNode[0]! * N + 5]).toBe(20);
    expect([...vehicleGroups(p)]).toEqual([0, 0, 0]);
  });

  it('keeps the largest arc cost as it fills them, with a cost per metre too', () => {
    const vehicles = [0, 1, 2].map((k) => ({
      id: `v${k}`,
      at: [0, k * 4] as Point,
      endAt: [30, 0] as Point,
      capacity: { seats: 4 },
    }));
    for (const weights of [undefined, { perSecond: 2, perMeter: 0.5 }]) {
      const { problem: p } = buildProblem({
        requests: [ride, { ...ride, id: 'r2', pickup: [5, 5], dropoff: [25, 7] }],
        vehicles,
        travel: planarTravelTimes(1),
        ...(weights ? { weights } : {}),
      });
      expect(p.maxCost).toBeGreaterThan(0);
      expect(p.maxCost).toBe(Math.max(...p.cost));
    }
  });
});
