import { aDriver, aRequest, cityTravel, near, withRoute } from './fixtures/builders.js';
import { routeProblems } from './fixtures/route-checker.js';
import { assignBatch, insertRequest, nearest, type TripRequest, type Vehicle } from './index.js';

const travel = cityTravel();

describe('insertRequest (live dispatch of one request)', () => {
  it('skips standard cars for a wheelchair request', () => {
    const car = aDriver({ at: near(100, 0) });
    const van = aDriver({ at: near(3000, 0), capacity: { seats: 3, wheelchairs: 1 } });
    const request = aRequest({ from: near(0, 0), to: near(2000, 2000), load: { wheelchairs: 1 } });
    const result = insertRequest({ requests: [request], vehicles: [car, van], travel });
    const [why] = result.explanations;
    expect(why?.vehicleId).toBe(van.id);
    expect(why?.others).toContainEqual({ vehicleId: car.id, reason: 'capacity' });
  });

  it('refuses a pooled insertion that would make a rider aboard late', () => {
    const rider = aRequest({ from: near(-1000, 0), to: near(4000, 0), maxRideSeconds: 600 });
    // Picked up 60 s ago, 500 s of driving left, so only ~40 s of slack for a detour.
    const busy = aDriver({
      at: near(0, 0),
      aboard: [{ request: rider, pickedUpAtSeconds: -60 }],
      stops: [{ requestId: rider.id, type: 'dropoff' }],
    });
    const free = aDriver({ at: near(0, 4000) });
    const request = aRequest({ from: near(0, 1500), to: near(4000, 1500), maxWaitSeconds: 450 });
    const result = insertRequest({ requests: [request], vehicles: [busy, free], travel });
    const [why] = result.explanations;
    expect(why?.vehicleId).toBe(free.id);
    expect(['time-window', 'max-ride-time']).toContain(
      why?.others.find((o) => o.vehicleId === busy.id)?.reason,
    );
  });

  it('pools a request along the way when nobody is made late', () => {
    const rider = aRequest({ from: near(-1000, 0), to: near(5000, 0), maxDetourFactor: 2 });
    const busy = aDriver({
      at: near(0, 0),
      aboard: [{ request: rider, pickedUpAtSeconds: -100 }],
      stops: [{ requestId: rider.id, type: 'dropoff' }],
    });
    const free = aDriver({ at: near(0, 3000) });
    const request = aRequest({ from: near(1000, 100), to: near(4000, 100) });
    const result = insertRequest({ requests: [request], vehicles: [busy, free], travel });
    expect(result.explanations[0]?.vehicleId).toBe(busy.id);
    const route = result.routes.find((r) => r.vehicleId === busy.id)!;
    expect(route.stops.map((s) => `${s.requestId}:${s.type}`)).toEqual([
      `${request.id}:pickup`,
      `${request.id}:dropoff`,
      `${rider.id}:dropoff`,
    ]);
    expect(routeProblems(route, busy, [request], travel)).toEqual([]);
  });

  it('respects the end of a driver shift', () => {
    const leaving = aDriver({ at: near(0, 0), shiftEndSeconds: 300 }); // trip needs ~400 s
    const later = aDriver({ at: near(1000, 0), shiftEndSeconds: 3600 });
    const request = aRequest({ from: near(0, 100), to: near(4000, 100) });
    const result = insertRequest({ requests: [request], vehicles: [leaving, later], travel });
    expect(result.explanations[0]?.vehicleId).toBe(later.id);
    expect(result.explanations[0]?.others).toContainEqual({ vehicleId: leaving.id, reason: 'shift-end' });
  });

  it('never matches an excluded pair, and says so', () => {
    const blocked = aDriver({ at: near(0, 0) });
    const other = aDriver({ at: near(5000, 0) });
    const request = aRequest({ from: near(10, 10), to: near(1000, 1000) });
    const result = insertRequest({
      requests: [request],
      vehicles: [blocked, other],
      travel,
      hooks: { exclude: (_, v) => (v.id === blocked.id ? 'blocked-after-two-failures' : false) },
    });
    expect(result.explanations[0]?.vehicleId).toBe(other.id);
    expect(result.explanations[0]?.others).toContainEqual({
      vehicleId: blocked.id,
      reason: 'blocked-after-two-failures',
    });
  });

  it('explains the decision term by term', () => {
    const near1 = aDriver({ at: near(0, 0) });
    const trusted = aDriver({ at: near(500, 0) });
    const request = aRequest({ from: near(0, 0), to: near(2000, 0) });
    const trust = new Map([
      [near1.id, 4],
      [trusted.id, 1],
    ]);
    const result = insertRequest({
      requests: [request],
      vehicles: [near1, trusted],
      travel,
      hooks: {
        terms: (_, v) => [
          { name: 'trust-distance', value: trust.get(v.id)!, weight: 60 },
          { name: 'fairness', value: 0.5, weight: 10 },
        ],
      },
    });
    const [why] = result.explanations;
    expect(why?.vehicleId).toBe(trusted.id); // 50 s further, but three trust steps closer (180 s)
    expect(why?.terms.map((t) => t.name)).toEqual(['travel', 'pickup-wait', 'trust-distance', 'fairness']);
    expect(why?.total).toBeCloseTo(
      why!.terms.reduce((s, t) => s + t.value * t.weight, 0),
      9,
    );
    expect(why?.others).toEqual([{ vehicleId: near1.id, reason: 'costlier', total: expect.any(Number) }]);
  });

  it('prefilters to the k nearest vehicles by straight line', () => {
    const vehicles = [3000, 100, 2000, 500, 50].map((east) => aDriver({ at: near(east, 0) }));
    expect(nearest(vehicles, near(0, 0), 2).map((v) => v.id)).toEqual([vehicles[4]!.id, vehicles[1]!.id]);
  });
});

describe('assignBatch (requests of one window, jointly)', () => {
  // Two single-seat drivers; each trip is long, so one driver can serve only one request in time.
  const crafted = (): { vehicles: Vehicle[]; requests: TripRequest[] } => {
    const west = aDriver({ at: near(0, 0), capacity: { seats: 1 } });
    const east = aDriver({ at: near(10_000, 0), capacity: { seats: 1 } });
    const first = aRequest({ from: near(4000, 0), to: near(4000, 20_000), maxWaitSeconds: 1200 });
    const second = aRequest({ from: near(500, 0), to: near(500, 20_000), maxWaitSeconds: 1200 });
    return { vehicles: [west, east], requests: [first, second] };
  };

  it('beats first-come-first-served on a crafted case', () => {
    const { vehicles, requests } = crafted();
    const batch = assignBatch({ requests, vehicles, travel });
    expect(batch.unassigned).toEqual([]);
    // First come, first served: each request takes the best vehicle left for it.
    let fleet = vehicles;
    let fcfsCost = 0;
    for (const request of requests) {
      const one = insertRequest({ requests: [request], vehicles: fleet, travel });
      fcfsCost += one.addedCost;
      fleet = fleet.map((v) => {
        const route = one.routes.find((r) => r.vehicleId === v.id);
        return route ? withRoute(v, route, requests) : v;
      });
    }
    expect(batch.addedCost).toBeLessThan(fcfsCost - 500);
    expect(batch.explanations.map((e) => e.vehicleId)).toEqual([vehicles[1]!.id, vehicles[0]!.id]);
  });

  it('pools two requests of a batch into one vehicle when that is cheaper', () => {
    const only = aDriver({ at: near(0, 0) });
    const far = aDriver({ at: near(0, 30_000) });
    const a = aRequest({ from: near(100, 0), to: near(5000, 0), maxDetourFactor: 1.5 });
    const b = aRequest({ from: near(200, 50), to: near(5000, 100), maxDetourFactor: 1.5 });
    const result = assignBatch({ requests: [a, b], vehicles: [only, far], travel });
    expect(result.explanations.map((e) => e.vehicleId)).toEqual([only.id, only.id]);
    expect(result.explanations.map((e) => e.stage).sort()).toEqual(['assignment', 'repair']);
    expect(routeProblems(result.routes[0]!, only, [a, b], travel)).toEqual([]);
  });

  it('leaves a request unserved, with reasons, when nobody can take it', () => {
    const car = aDriver({ at: near(0, 0), shiftEndSeconds: 100 });
    const request = aRequest({ from: near(100, 0), to: near(9000, 0) });
    const result = assignBatch({ requests: [request], vehicles: [car], travel });
    expect(result.unassigned).toEqual([request.id]);
    expect(result.explanations[0]).toMatchObject({
      vehicleId: undefined,
      stage: 'unserved',
      others: [{ vehicleId: car.id, reason: 'shift-end' }],
    });
  });
});
