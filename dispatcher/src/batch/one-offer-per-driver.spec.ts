import fc from 'fast-check';
import {
  assignBatch,
  planarTravelTimes,
  type BatchResult,
  type Explanation,
  type TripRequest,
  type Vehicle,
} from '@navette/matching';
import { oneOfferPerDriver, type Decide } from './one-offer-per-driver.js';

const ride = (id: string, from: [number, number], to: [number, number]): TripRequest => ({
  id,
  kind: 'ride',
  pickup: from,
  dropoff: to,
});
const car = (id: string, at: [number, number]): Vehicle => ({ id, at, capacity: { seats: 4 } });

/** A decision that sends every request to `choose(request, vehicles)` (or nowhere). */
function scripted(choose: (r: TripRequest, vs: readonly Vehicle[]) => string | undefined): {
  decide: Decide;
  calls: { requests: string[]; vehicles: string[] }[];
} {
  const calls: { requests: string[]; vehicles: string[] }[] = [];
  const decide: Decide = (requests, vehicles) => {
    calls.push({ requests: requests.map((r) => r.id), vehicles: vehicles.map((v) => v.id) });
    const explanations: Explanation[] = requests.map((r) => {
      const vehicleId = choose(r, vehicles);
      return {
        requestId: r.id,
        vehicleId,
        stage: vehicleId ? 'repair' : 'unserved',
        terms: [],
        total: 0,
        others: [],
      };
    });
    const byVehicle = new Map<string, string[]>();
    for (const e of explanations)
      if (e.vehicleId) byVehicle.set(e.vehicleId, [...(byVehicle.get(e.vehicleId) ?? []), e.requestId]);
    const result: BatchResult = {
      explanations,
      routes: [...byVehicle].map(([vehicleId, ids]) => ({
        vehicleId,
        departureSeconds: 0,
        endSeconds: 0,
        cost: 0,
        stops: ids.flatMap((requestId) => [
          { requestId, type: 'pickup' as const, arrivalSeconds: 0, startSeconds: 0 },
          { requestId, type: 'dropoff' as const, arrivalSeconds: 0, startSeconds: 0 },
        ]),
      })),
      unassigned: explanations.filter((e) => !e.vehicleId).map((e) => e.requestId),
      assignmentCost: 0,
      addedCost: 0,
    };
    return result;
  };
  return { decide, calls };
}

describe('a batch whose every offer can be sent now (one pending offer per driver)', () => {
  it('re-plans the rides planned onto a claimed driver against the drivers left, in the same batch', () => {
    const requests = [ride('r1', [0, 0], [1, 0]), ride('r2', [0, 0], [1, 0]), ride('r3', [0, 0], [1, 0])];
    const vehicles = [car('a', [0, 0]), car('b', [5, 0]), car('c', [9, 0])];
    // The engine pools every ride into the first vehicle it is given.
    const { decide, calls } = scripted((_, vs) => vs[0]?.id);
    const placements = oneOfferPerDriver(requests, vehicles, decide);
    expect(placements.map((p) => [p.vehicleId, p.pass])).toEqual([
      ['a', 0],
      ['b', 1],
      ['c', 2],
    ]);
    // Each pass decides only the rides left, against the vehicles nobody has claimed.
    expect(calls).toEqual([
      { requests: ['r1', 'r2', 'r3'], vehicles: ['a', 'b', 'c'] },
      { requests: ['r2', 'r3'], vehicles: ['b', 'c'] },
      { requests: ['r3'], vehicles: ['c'] },
    ]);
    // The route offered is the vehicle's route from the decision that placed the ride.
    expect(placements[1]!.stops).toEqual([
      { requestId: 'r2', type: 'pickup' },
      { requestId: 'r2', type: 'dropoff' },
      { requestId: 'r3', type: 'pickup' },
      { requestId: 'r3', type: 'dropoff' },
    ]);
  });

  it('leaves a ride waiting, with the last explanation, when no driver is left', () => {
    const requests = [ride('r1', [0, 0], [1, 0]), ride('r2', [0, 0], [1, 0])];
    const { decide, calls } = scripted((_, vs) => vs[0]?.id);
    const placements = oneOfferPerDriver(requests, [car('a', [0, 0])], decide);
    expect(placements.map((p) => p.vehicleId)).toEqual(['a', undefined]);
    expect(placements[1]!.explanation.vehicleId).toBe('a');
    expect(calls).toHaveLength(1);
  });

  it('does not decide again a ride the engine could not serve', () => {
    const requests = [ride('r1', [0, 0], [1, 0]), ride('far', [99, 0], [100, 0])];
    const { decide, calls } = scripted((r, vs) => (r.id === 'far' ? undefined : vs[0]?.id));
    const placements = oneOfferPerDriver(requests, [car('a', [0, 0]), car('b', [1, 0])], decide);
    expect(placements.map((p) => [p.vehicleId, p.explanation.stage])).toEqual([
      ['a', 'repair'],
      [undefined, 'unserved'],
    ]);
    expect(calls).toHaveLength(1);
  });

  it('with the real engine: two rides pooled into one car go to two cars at once', () => {
    const travel = planarTravelTimes(10);
    // Two riders at the same corner going the same way; one car there, one 800 m away.
    const requests = [ride('r1', [0, 0], [3000, 0]), ride('r2', [0, 10], [3000, 10])];
    const vehicles = [car('near', [0, 0]), car('far', [-800, 0])];
    const decide: Decide = (rs, vs) => assignBatch({ requests: rs, vehicles: vs, travel, now: 0 });
    // The engine alone pools both into the near car (one of them could not be offered now).
    const alone = decide(requests, vehicles, 0);
    expect(alone.explanations.map((e) => e.vehicleId)).toEqual(['near', 'near']);
    const placements = oneOfferPerDriver(requests, vehicles, decide);
    expect(placements.map((p) => p.vehicleId)).toEqual(['near', 'far']);
    expect(placements[1]!.stops.map((s) => s.requestId)).toEqual(['r2', 'r2']);
  });

  it('on random batches with the real engine: no driver twice, every ride offered while a car is free', () => {
    const travel = planarTravelTimes(10);
    const point = fc.tuple(fc.integer({ min: 0, max: 3000 }), fc.integer({ min: 0, max: 3000 }));
    fc.assert(
      fc.property(
        fc.array(point, { minLength: 1, maxLength: 6 }),
        fc.array(fc.tuple(point, point), { minLength: 1, maxLength: 8 }),
        (cars, trips) => {
          const vehicles = cars.map((at, i) => car(`v${i}`, at));
          const requests = trips.map(([from, to], i) => ride(`r${i}`, from, to));
          const decide: Decide = (rs, vs) => assignBatch({ requests: rs, vehicles: vs, travel, now: 0 });
          const placements = oneOfferPerDriver(requests, vehicles, decide);
          const placed = placements.filter((p) => p.vehicleId !== undefined);
          // One offer per driver.
          expect(new Set(placed.map((p) => p.vehicleId)).size).toBe(placed.length);
          // Each offer's route picks its ride up, then drops it off.
          for (const [i, p] of placements.entries()) {
            if (!p.vehicleId) continue;
            const own = p.stops.filter((s) => s.requestId === requests[i]!.id).map((s) => s.type);
            expect(own).toEqual(['pickup', 'dropoff']);
          }
          // Without time limits every car can take any ride: a ride waits only when the cars ran out.
          expect(placed).toHaveLength(Math.min(requests.length, vehicles.length));
        },
      ),
      { numRuns: 60, seed: 12 },
    );
  });
});
