import {
  driverWorth,
  poissonAtLeast,
  suggestWaitingSpots,
  type LngLat,
  type RebalanceDriver,
  type RebalanceZone,
} from './rebalance.js';

// A line of zones one kilometre apart; driving at 10 m/s, so 100 s per kilometre.
const zone = (
  id: string,
  km: number,
  forecastPerHour: number,
  serviceRate: number | null,
  waiting = 0,
): RebalanceZone => ({
  id,
  spot: [km, 0],
  forecastPerHour,
  serviceRate,
  waiting,
});
const seconds = (a: LngLat, b: LngLat) => 100 * Math.hypot(a[0] - b[0], a[1] - b[1]);
const driver = (id: string, km: number, anchor: string | null, extra: Partial<RebalanceDriver> = {}) => ({
  id,
  at: [km, 0] as LngLat,
  anchor,
  following: false,
  movable: true,
  ...extra,
});
// A 15 min horizon: a zone forecast at 4 requests an hour expects one before it.
const options = { gain: 10, maxTravelSeconds: 900, horizonSeconds: 900, minGain: 0.1 };

describe('rebalancing idle drivers toward expected unserved demand, weighted toward worse-served zones', () => {
  it('computes the Poisson tail', () => {
    expect(poissonAtLeast(0, 2)).toBe(1);
    expect(poissonAtLeast(1, 0)).toBe(0);
    expect(poissonAtLeast(1, 2)).toBeCloseTo(1 - Math.exp(-2));
    expect(poissonAtLeast(3, 2)).toBeCloseTo(1 - 5 * Math.exp(-2));
  });

  it('values the k-th driver of a zone by the chance of k requests before the horizon, raised where service is worse', () => {
    const worth = driverWorth(
      [zone('best', 0, 4, 0.9), zone('worse', 1, 4, 0.8), zone('busy', 2, 0, null, 2)],
      options,
    );
    expect(worth.get('best')!(1)).toBeCloseTo(1 - Math.exp(-1));
    expect(worth.get('best')!(2)).toBeCloseTo(1 - 2 * Math.exp(-1));
    // 0.1 worse than the best: weighed 1 + 10 × 0.1 = 2 times.
    expect(worth.get('worse')!(1)).toBeCloseTo(2 * (1 - Math.exp(-1)));
    // Two requests wait there now: two drivers are surely needed, a third not at all without a forecast.
    expect(worth.get('busy')!(2)).toBe(1);
    expect(worth.get('busy')!(3)).toBe(0);
  });

  it('moves the nearest movable driver from a zone with drivers to spare to one that needs one', () => {
    // Centre expects 2 requests: its third driver is worth 0.32; the north's first 1.5 × 0.63.
    const zones = [zone('centre', 0, 8, 0.95), zone('north', 2, 4, 0.9)];
    const drivers = [driver('far', 0, 'centre'), driver('near', 1, 'centre'), driver('third', 0, 'centre')];
    const suggested = suggestWaitingSpots(zones, drivers, seconds, options);
    expect(suggested.get('near')).toBe('north');
    // A second move would cost the centre its second driver (0.59) for the north's second (0.40).
    expect(suggested.get('far')).toBeNull();
    expect(suggested.get('third')).toBeNull();
  });

  it('does not pull a driver away from a zone whose own forecast needs them, even toward a worse-served one', () => {
    const zones = [zone('centre', 0, 8, 0.95), zone('north', 2, 4, 0.92)];
    expect(suggestWaitingSpots(zones, [driver('x', 0, 'centre')], seconds, options).get('x')).toBeNull();
    // Served far worse, the north outweighs the centre's need.
    const worse = [zone('centre', 0, 8, 0.95), zone('north', 2, 4, 0.75)];
    expect(suggestWaitingSpots(worse, [driver('x', 0, 'centre')], seconds, options).get('x')).toBe('north');
  });

  it('sends a driver where requests wait now, though the forecast there is low', () => {
    const drivers = [driver('x', 0, 'a'), driver('y', 0, 'a')];
    expect(
      suggestWaitingSpots([zone('a', 0, 8, 0.9), zone('b', 1, 0, 0.9)], drivers, seconds, options).get('y'),
    ).toBeNull();
    const waiting = [zone('a', 0, 8, 0.9), zone('b', 1, 0, 0.9, 1)];
    expect([...suggestWaitingSpots(waiting, drivers, seconds, options).values()]).toContain('b');
  });

  it('leaves drivers where they head when no move gains enough', () => {
    const zones = [zone('a', 0, 10, 0.9), zone('b', 1, 10, 0.9)];
    const suggested = suggestWaitingSpots(
      zones,
      [driver('x', 0, 'a'), driver('y', 1, 'b')],
      seconds,
      options,
    );
    expect([...suggested.values()]).toEqual([null, null]);
  });

  it('never moves a driver who opted out or declined lately, but counts them where they go', () => {
    const zones = [zone('centre', 0, 4, 0.9), zone('north', 2, 4, 0.9)];
    const optedOut = driver('home-lover', 0, 'centre', { movable: false });
    expect(suggestWaitingSpots(zones, [optedOut, driver('other', 0, 'centre')], seconds, options)).toEqual(
      new Map([['other', 'north']]),
    );
    // With the opted-out driver already heading north, the centre keeps its driver.
    const north = driver('home-lover', 2, 'north', { movable: false });
    expect(suggestWaitingSpots(zones, [north, driver('other', 0, 'centre')], seconds, options)).toEqual(
      new Map([['other', null]]),
    );
  });

  it('sends nobody further than the travel limit', () => {
    const zones = [zone('centre', 0, 4, 0.9), zone('remote', 20, 4, 0.5)];
    const drivers = [driver('x', 0, 'centre'), driver('y', 0, 'centre')];
    expect(suggestWaitingSpots(zones, drivers, seconds, options).get('x')).toBeNull();
    expect(
      suggestWaitingSpots(zones, drivers, seconds, { ...options, maxTravelSeconds: 3000 }).get('x'),
    ).toBe('remote');
  });

  it('keeps a followed suggestion while its zone still needs the driver, and drops it once it does not', () => {
    const zones = [zone('centre', 0, 4, 0.9), zone('north', 2, 4, 0.6)];
    const following = driver('x', 2, 'north', { following: true });
    expect(suggestWaitingSpots(zones, [following, driver('y', 0, 'centre')], seconds, options).get('x')).toBe(
      'north',
    );
    // Service recovered in the north and two more drivers wait there while the centre has none.
    const recovered = [zone('centre', 0, 4, 0.9), zone('north', 2, 4, 0.9)];
    const crowd = [
      following,
      driver('y', 2, 'north', { movable: false }),
      driver('z', 2, 'north', { movable: false }),
    ];
    expect(suggestWaitingSpots(recovered, crowd, seconds, options).get('x')).toBe('centre');
  });

  it('places drivers heading outside every zone where they are needed most', () => {
    const zones = [zone('a', 0, 2, 0.9), zone('b', 1, 1, 0.9)];
    expect(suggestWaitingSpots(zones, [driver('x', 5, null)], seconds, options).get('x')).toBe('a');
  });

  describe('with a recall (the default): bringing back drivers stranded beyond reach', () => {
    // Within 600 s of a spot is within reach; one driver wanted per expected request (a zone at 4
    // an hour expects one in 15 min); nobody brought back from further than 1,800 s.
    const recall = { ...options, recall: { reachSeconds: 600, perRequest: 1, maxTravelSeconds: 1800 } };

    it('sends the nearest driver beyond reach to the nearest spot that lacks one, while the zones run short', () => {
      const zones = [zone('a', 0, 4, 0.9), zone('b', 3, 4, 0.9)];
      // 'near' is within reach of b (200 s); the zones expect 2 requests, so one more is wanted.
      const drivers = [driver('near', 5, null), driver('far', 12, null), driver('farther', 16, null)];
      const suggested = suggestWaitingSpots(zones, drivers, seconds, recall);
      // b already has 'near': 'far' goes on to a (1,200 s), though b is nearer.
      expect(suggested.get('far')).toBe('a');
      expect(suggested.get('farther')).toBeNull();
      // Within reach: not moved, even toward a zone that expects a request (the worth rule would).
      expect(suggested.get('near')).toBeNull();
      expect(suggestWaitingSpots(zones, drivers, seconds, options).get('near')).toBe('b');
    });

    it('brings nobody back while drivers within reach cover the expected requests, or from beyond the limit', () => {
      const zones = [zone('a', 0, 4, 0.9), zone('b', 3, 4, 0.9)];
      const covered = [driver('x', 1, 'a'), driver('y', 3, 'b'), driver('far', 12, null)];
      expect(suggestWaitingSpots(zones, covered, seconds, recall).get('far')).toBeNull();
      expect(
        suggestWaitingSpots(zones, [driver('remote', 25, null)], seconds, recall).get('remote'),
      ).toBeNull();
    });

    it('keeps moves by worth only toward a zone served worse than the one the driver leaves', () => {
      const drivers = [driver('x', 0, 'a'), driver('y', 0, 'a'), driver('z', 0, 'a')];
      const even = [zone('a', 0, 8, 0.9), zone('b', 1, 4, 0.9)];
      expect([...suggestWaitingSpots(even, drivers, seconds, options).values()]).toContain('b');
      expect([...suggestWaitingSpots(even, drivers, seconds, recall).values()]).toEqual([null, null, null]);
      const worse = [zone('a', 0, 8, 0.9), zone('b', 1, 4, 0.6)];
      expect([...suggestWaitingSpots(worse, drivers, seconds, recall).values()]).toContain('b');
    });
  });
});
