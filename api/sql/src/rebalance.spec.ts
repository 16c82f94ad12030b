import {
  suggestWaitingSpots,
  zoneShares,
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
): RebalanceZone => ({
  id,
  spot: [km, 0],
  forecastPerHour,
  serviceRate,
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
const options = { gain: 10, maxTravelSeconds: 900 };

describe('rebalancing idle drivers toward worse-served zones', () => {
  it('asks for drivers in proportion to forecast demand, raised where service is worse than the best', () => {
    const even = zoneShares([zone('a', 0, 10, 0.9), zone('b', 1, 30, 0.9)], 10);
    expect(even.get('a')).toBeCloseTo(0.25);
    const worse = zoneShares([zone('a', 0, 10, 0.8), zone('b', 1, 30, 0.9)], 10);
    // a: 10 × (1 + 10 × 0.1) = 20 against b's 30.
    expect(worse.get('a')).toBeCloseTo(0.4);
    expect(zoneShares([zone('a', 0, 0, null)], 10).get('a')).toBe(0);
  });

  it('moves the nearest movable driver from a zone above its share to one below', () => {
    const zones = [zone('centre', 0, 30, 0.95), zone('north', 2, 10, 0.75)];
    const drivers = [driver('far', 0, 'centre'), driver('near', 1, 'centre'), driver('third', 0, 'centre')];
    const suggested = suggestWaitingSpots(zones, drivers, seconds, options);
    expect(suggested.get('near')).toBe('north');
    expect(suggested.get('far')).toBeNull();
    expect(suggested.get('third')).toBeNull();
  });

  it('leaves drivers where they head when every zone holds about its share', () => {
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
    // North asks for 15 / 25 of the idle drivers: 1.2 of two.
    const zones = [zone('centre', 0, 10, 0.9), zone('north', 2, 10, 0.85)];
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
    const zones = [zone('centre', 0, 10, 0.9), zone('remote', 20, 10, 0.5)];
    const drivers = [driver('x', 0, 'centre'), driver('y', 0, 'centre')];
    expect(suggestWaitingSpots(zones, drivers, seconds, options).get('x')).toBeNull();
    expect(
      suggestWaitingSpots(zones, drivers, seconds, { ...options, maxTravelSeconds: 3000 }).get('x'),
    ).toBe('remote');
  });

  it('keeps a followed suggestion while its zone still needs the driver, and drops it once it does not', () => {
    const zones = [zone('centre', 0, 10, 0.9), zone('north', 2, 10, 0.6)];
    const following = driver('x', 2, 'north', { following: true });
    expect(suggestWaitingSpots(zones, [following, driver('y', 0, 'centre')], seconds, options).get('x')).toBe(
      'north',
    );
    // Service recovered in the north and two more drivers wait there: x is sent back to the centre.
    const recovered = [zone('centre', 0, 10, 0.9), zone('north', 2, 10, 0.9)];
    const crowd = [
      following,
      driver('y', 2, 'north', { movable: false }),
      driver('z', 2, 'north', { movable: false }),
    ];
    expect(suggestWaitingSpots(recovered, crowd, seconds, options).get('x')).toBe('centre');
  });

  it('places drivers heading outside every zone where they are needed most', () => {
    const zones = [zone('a', 0, 30, 0.9), zone('b', 1, 10, 0.9)];
    expect(suggestWaitingSpots(zones, [driver('x', 5, null)], seconds, options).get('x')).toBe('a');
  });
});
