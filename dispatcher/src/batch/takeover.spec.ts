import { planarTravelTimes, type ScoringHooks, type TripRequest, type Vehicle } from '@navette/matching';
import { closingAt, decideTakeovers, gainAsked, promisedPickups, takeoverCandidates } from './takeover.js';

// The plane in meters at 10 m/s; every stop takes 20 s.
const travel = planarTravelTimes(10);
const ride = (id: string, pickup: [number, number], dropoff: [number, number]): TripRequest => ({
  id,
  kind: 'ride',
  pickup,
  dropoff,
  pickupWindow: [0, 3600],
  maxDetourFactor: 1.5,
  pickupServiceSeconds: 20,
  dropoffServiceSeconds: 20,
});
/** A vehicle at `at` going to fetch `rides` in the order given (each picked up then dropped off). */
const fetching = (id: string, at: [number, number], rides: TripRequest[]): Vehicle => ({
  id,
  at,
  capacity: { seats: 4 },
  assigned: rides,
  stops: rides.flatMap((r) => [
    { requestId: r.id, type: 'pickup' as const },
    { requestId: r.id, type: 'dropoff' as const },
  ]),
});
const idle = (id: string, at: [number, number]): Vehicle => ({ id, at, capacity: { seats: 4 } });
const options = { leadSeconds: 600, minGainSeconds: 300 };

describe('promised pickups', () => {
  it('are when the vehicle reaches each pickup driving its stops in order, service included', () => {
    const a = ride('a', [1000, 0], [2000, 0]);
    const b = ride('b', [3000, 0], [4000, 0]);
    const promised = promisedPickups(fetching('v', [0, 0], [a, b]), travel, 100);
    expect(promised.get('a')).toBe(100 + 100);
    // 200 at a, 20 s there, 100 s to a's drop-off, 20 s there, 100 s to b.
    expect(promised.get('b')).toBe(200 + 20 + 100 + 20 + 100);
  });

  it('wait for a pickup window to open (a ride booked ahead)', () => {
    const booked = { ...ride('a', [1000, 0], [2000, 0]), pickupWindow: [900, 1800] as const };
    expect(promisedPickups(fetching('v', [0, 0], [booked]), travel, 0).get('a')).toBe(900);
  });

  it('are unknown when the vehicle has no order of its stops', () => {
    const { stops: _, ...unordered } = fetching('v', [0, 0], [ride('a', [1000, 0], [2000, 0])]);
    expect(promisedPickups(unordered, travel, 0).size).toBe(0);
  });
});

describe('takeover candidates', () => {
  it('are the pickups promised further ahead than the lead, each closing at its promise', () => {
    const near = ride('near', [3000, 0], [3500, 0]);
    const far = ride('far', [9000, 0], [9500, 0]);
    const candidates = takeoverCandidates([fetching('v', [0, 0], [near, far])], travel, 0, options);
    expect(candidates.map((c) => c.request.id)).toEqual(['far']);
    const [c] = candidates;
    expect(c!.from).toBe('v');
    expect(c!.request.pickupWindow).toEqual([0, c!.promisedSeconds]);
  });

  it('never close a window before it opens', () => {
    expect(closingAt(ride('a', [0, 0], [1, 0]), -5).pickupWindow).toEqual([0, 0]);
  });
});

describe('deciding takeovers', () => {
  // A vehicle 9 km from a pickup (900 s away), another standing 500 m from it (50 s).
  const far = ride('r', [9000, 0], [9000, 2000]);
  const first = fetching('first', [0, 0], [far]);
  /** The rides `from` promised more than 600 s ahead, decided again among `fleet` (5 min gain). */
  const decide = (from: Vehicle, fleet: Vehicle[], hooks?: ScoringHooks) =>
    decideTakeovers({
      candidates: takeoverCandidates([from], travel, 0, options),
      fleet,
      travel,
      nowSeconds: 0,
      minGainSeconds: 300,
      ...(hooks ? { hooks } : {}),
    });

  it('offer a promised ride to a vehicle at least the gain sooner, with its route', () => {
    const [takeover, ...others] = decide(first, [first, idle('second', [9000, 500])]);
    expect(others).toEqual([]);
    expect(takeover).toMatchObject({ rideId: 'r', from: 'first', to: 'second' });
    expect(takeover!.stops).toEqual([
      { requestId: 'r', type: 'pickup' },
      { requestId: 'r', type: 'dropoff' },
    ]);
    expect(takeover!.soonerSeconds).toBeCloseTo(900 - 50, 6);
  });

  it('leave the ride with its first vehicle when the other is not the gain sooner', () => {
    // 6.5 km from the pickup: 650 s, only 250 s sooner.
    expect(decide(first, [first, idle('second', [9000, -6500])])).toEqual([]);
  });

  it('ask only the late gain of a pickup promised later than the late limit after it was asked', () => {
    // Promised 900 s after asking; the other vehicle is 250 s sooner (650 s).
    const second = idle('second', [9000, -6500]);
    const late = (lateAfterSeconds: number) =>
      decideTakeovers({
        candidates: takeoverCandidates([first], travel, 0, options),
        fleet: [first, second],
        travel,
        nowSeconds: 0,
        minGainSeconds: 300,
        late: { afterSeconds: lateAfterSeconds, gainSeconds: 120 },
      });
    expect(late(600).map((t) => [t.to, Math.round(t.soonerSeconds)])).toEqual([['second', 250]]);
    // Not late under a limit of 900 s: the full gain is asked, and 250 s is not enough.
    expect(late(900)).toEqual([]);
  });

  it('never ask a late pickup more than the usual gain', () => {
    const [candidate] = takeoverCandidates([first], travel, 0, options);
    expect(
      gainAsked(candidate!, { minGainSeconds: 300, late: { afterSeconds: 600, gainSeconds: 400 } }),
    ).toBe(300);
    expect(gainAsked(candidate!, { minGainSeconds: 300, late: { afterSeconds: 600, gainSeconds: 60 } })).toBe(
      60,
    );
    expect(gainAsked(candidate!, { minGainSeconds: 300 })).toBe(300);
  });

  it('give each vehicle at most one ride (one pending offer per driver)', () => {
    const other = ride('s', [9000, 100], [9000, 2100]);
    const both = fetching('first', [0, 0], [far, other]);
    expect(takeoverCandidates([both], travel, 0, options)).toHaveLength(2);
    const takeovers = decide(both, [both, idle('second', [9000, 500])]);
    expect(takeovers).toHaveLength(1);
    expect(takeovers[0]!.to).toBe('second');
  });

  it('keep a vehicle’s own stops in the route it is offered', () => {
    const own = ride('own', [9000, 600], [9000, 1500]);
    const [takeover] = decide(first, [first, fetching('second', [9000, 500], [own])]);
    expect(takeover?.to).toBe('second');
    expect(new Set(takeover!.stops.map((s) => `${s.requestId}:${s.type}`))).toEqual(
      new Set(['own:pickup', 'own:dropoff', 'r:pickup', 'r:dropoff']),
    );
  });

  it('respect the rules: a vehicle the hooks exclude never takes the ride over', () => {
    const blocked: ScoringHooks = { exclude: (_, vehicle) => (vehicle.id === 'second' ? 'blocked' : false) };
    expect(decide(first, [first, idle('second', [9000, 500])], blocked)).toEqual([]);
  });
});
