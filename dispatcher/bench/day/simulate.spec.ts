import { DEFAULT_REBALANCE } from '@navette/sql';
import type { Point } from '@navette/matching';
import { demoTownDay, STOP_SERVICE_SECONDS, travel, type DayDemand } from './demand.js';
import { adaptiveWindow, runDay } from './experiments.js';
import { simulate } from './simulate.js';

// One zone around Kamppi, its waiting spot at the middle. A vehicle idles 13 min (by the travel
// model) east of it, outside the zone. A first ride, asked at once, is out of everyone's reach (its
// pickup 40 min away): refused, but its retries are batches, after which the rule runs. A second
// ride is asked at the spot at 30 min.
const spot: Point = [24.93, 60.168];
const far: Point = [24.93 + 0.09, 60.168];
const ride = (id: string, at: number, pickup: Point = [spot[0] + 0.001, spot[1]]) => {
  const dropoff: Point = [pickup[0] - 0.004, pickup[1] + 0.003];
  return {
    askedAt: at,
    zone: 'kamppi',
    directSeconds: travel.seconds(pickup, dropoff),
    directMeters: travel.meters(pickup, dropoff),
    request: {
      id,
      kind: 'ride' as const,
      pickup,
      dropoff,
      load: { seats: 1 },
      pickupWindow: [at, at + 900] as [number, number],
      maxDetourFactor: 1.5,
      pickupServiceSeconds: STOP_SERVICE_SECONDS,
      dropoffServiceSeconds: STOP_SERVICE_SECONDS,
    },
  };
};
const day: DayDemand = {
  name: 'one zone',
  zones: ['kamppi'],
  requests: [ride('r0', 10, [spot[0] - 0.4, spot[1]]), ride('r1', 1800)],
  seconds: 3600,
  spots: new Map([['kamppi', spot]]),
  zoneAt: (p) => (travel.meters(p, spot) < 800 ? 'kamppi' : undefined),
  travel,
  turns: 'anywhere',
};
const run = (followRate?: number) =>
  simulate(day, {
    dispatch: 'navette',
    starts: [far],
    windowMs: adaptiveWindow,
    rebalance:
      followRate === undefined
        ? undefined
        : { options: DEFAULT_REBALANCE, followRate, forecast: () => 10, seed: 1 },
  });

describe('bench:day simulator, waiting spots', () => {
  it('leaves an idle vehicle where it is without rebalancing: the ride waits its whole approach', () => {
    const still = run();
    expect(travel.seconds(far, spot)).toBeGreaterThan(600);
    expect(still.refused.map((r) => r.id)).toEqual(['r0']);
    expect(still.spotMeters).toBe(0);
    expect(still.waits).toHaveLength(1);
    expect(still.waits[0]).toBeGreaterThan(600);
  });

  it('sends an idle vehicle to the spot it is suggested, its drive counted as empty kilometres', () => {
    const moved = run(1);
    expect(moved.refused.map((r) => r.id)).toEqual(['r0']);
    // The whole drive from where it idled to the spot, and the ride picked up within a minute.
    expect(moved.spotMeters).toBeCloseTo(travel.meters(far, spot), -1);
    expect(moved.emptyMeters).toBeGreaterThan(moved.spotMeters);
    expect(moved.waits[0]).toBeLessThan(60);
  });

  it('follows no suggestion at a follow rate of 0 (the same day as without rebalancing)', () => {
    const declined = run(0);
    const still = run();
    expect(declined.spotMeters).toBe(0);
    expect(declined.waits).toEqual(still.waits);
  });

  it('counts idle vehicles out of reach of every waiting spot, hour by hour', () => {
    const still = run();
    // At the first batch (30 min): the one vehicle, 13 min away, is within reach.
    expect(still.strandedByHour).toEqual([0]);
    const stranded = simulate(
      { ...day, requests: [ride('r1', 1800)] },
      { dispatch: 'taxi', starts: [[24.93 + 0.2, 60.168]], windowMs: adaptiveWindow },
    );
    expect(stranded.strandedByHour).toEqual([1]);
    expect(stranded.served).toBe(0);
  });
});

describe('a day run without the LNS wall-clock cap', () => {
  it('gives the same figures on every run (to compare two settings)', () => {
    const town = demoTownDay(3, 1, 1);
    const run = () => {
      const { batchMs, sweepMs: _, ...figures } = runDay(town, 'navette', 8, 3, { improveMs: Infinity });
      expect(batchMs.length).toBeGreaterThan(10);
      return figures;
    };
    const first = run();
    expect(first.served).toBeGreaterThan(0);
    expect(first.maxAboard).toBeGreaterThan(1);
    expect(run()).toEqual(first);
  });
});

describe('takeovers in the simulated day (ADR 0041)', () => {
  it('hand some promised pickups to a vehicle that comes sooner, and lose no ride doing it', () => {
    // One hour, six vehicles: a few rides are promised far ahead while another vehicle comes free.
    const town = demoTownDay(3, 1, 1);
    const withTakeovers = runDay(town, 'navette', 6, 3, { improveMs: Infinity });
    const without = runDay(town, 'navette', 6, 3, { improveMs: Infinity, takeover: null });
    expect(withTakeovers.takenOver).toBeGreaterThan(0);
    expect(without.takenOver).toBe(0);
    // No request given to a vehicle is left behind (the what-if that re-planned them lost some).
    for (const day of [withTakeovers, without]) {
      expect(day.lostPromises).toBe(0);
      expect(day.droppedPlacements).toBe(0);
    }
  });
});
