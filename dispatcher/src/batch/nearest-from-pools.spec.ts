import { createPrng, type Point } from '@navette/matching';
import { nearestFromPools, type PoolRow } from './nearest-from-pools.js';
import { vehiclesNearRides } from './vehicles-near-rides.js';

interface Driver {
  id: string;
  at: Point;
  free: boolean;
}

/** Each pickup's pool as PostGIS's `ORDER BY position <-> pickup LIMIT poolSize` gives it. */
function pools(drivers: readonly Driver[], pickups: readonly Point[], poolSize: number): PoolRow[] {
  return pickups.flatMap((pickup, i) =>
    [...drivers]
      .sort(
        (a, b) =>
          Math.hypot(a.at[0] - pickup[0], a.at[1] - pickup[1]) -
          Math.hypot(b.at[0] - pickup[0], b.at[1] - pickup[1]),
      )
      .slice(0, poolSize)
      .map((d) => ({ n: i + 1, driverId: d.id, lng: d.at[0], lat: d.at[1], free: d.free })),
  );
}

const ids = (found: readonly { id: string }[] | undefined) => found?.map((d) => d.id).sort();

describe('nearestFromPools', () => {
  it('finds the same drivers as a look at every free driver, or says it cannot', () => {
    const prng = createPrng(7);
    let proved = 0;
    for (let trial = 0; trial < 200; trial++) {
      // Around Helsinki (60° N, where a degree of longitude is half a degree of latitude), some
      // trials far north; a share of the drivers busy.
      const lat = trial % 10 === 0 ? 78 : 60.17;
      const busy = prng.next() * 0.8;
      const drivers: Driver[] = Array.from({ length: 300 }, (_, i) => ({
        id: `d${i}`,
        at: [24.9 + prng.next() * 0.2, lat + prng.next() * 0.1],
        free: prng.next() >= busy,
      }));
      const pickups = Array.from({ length: 1 + (trial % 4) }, (): Point => [
        24.9 + prng.next() * 0.2,
        lat + prng.next() * 0.1,
      ]);
      const k = 5 + (trial % 3) * 5;
      const poolSize = 3 * k + (trial % 5) * 10;
      const found = nearestFromPools(pickups, pools(drivers, pickups, poolSize), poolSize, k);
      const free = drivers.filter((d) => d.free);
      if (found) {
        proved++;
        expect(ids(found)).toEqual(
          ids(
            vehiclesNearRides(
              free,
              pickups.map((pickup) => ({ pickup })),
              k,
            ),
          ),
        );
      }
    }
    // Most trials are decided from the pools alone.
    expect(proved).toBeGreaterThan(100);
  });

  it('takes a pool short of its size as the whole fleet', () => {
    const drivers: Driver[] = [
      { id: 'far', at: [25.5, 60.17], free: true },
      { id: 'near', at: [24.91, 60.17], free: true },
      { id: 'busy', at: [24.9, 60.17], free: false },
    ];
    const pickups: Point[] = [[24.9, 60.17]];
    expect(ids(nearestFromPools(pickups, pools(drivers, pickups, 10), 10, 2))).toEqual(['far', 'near']);
  });

  it('cannot decide when a full pool holds fewer than k free drivers', () => {
    const drivers: Driver[] = Array.from({ length: 20 }, (_, i) => ({
      id: `d${i}`,
      at: [24.9 + i * 0.001, 60.17],
      free: i >= 15,
    }));
    const pickups: Point[] = [[24.9, 60.17]];
    expect(nearestFromPools(pickups, pools(drivers, pickups, 10), 10, 3)).toBeUndefined();
  });

  it('cannot decide when a driver beyond the pool could be nearer than the k-th found', () => {
    // East-west, a degree of longitude counts half: the pool (by the plane) stops at 0.004° north,
    // while a driver 0.006° east (0.003 by `straightLine`) is nearer than the 2nd found.
    const drivers: Driver[] = [
      { id: 'n1', at: [24.9, 60.171], free: true },
      { id: 'n4', at: [24.9, 60.174], free: true },
      { id: 'e6', at: [24.906, 60.17], free: true },
    ];
    const pickups: Point[] = [[24.9, 60.17]];
    expect(nearestFromPools(pickups, pools(drivers, pickups, 2), 2, 2)).toBeUndefined();
    // With every driver in the pool, e6 is among the two nearest.
    expect(ids(nearestFromPools(pickups, pools(drivers, pickups, 4), 4, 2))).toEqual(['e6', 'n1']);
  });
});
