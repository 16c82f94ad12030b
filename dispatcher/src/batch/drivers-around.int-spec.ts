import { createPrng, type Point } from '@navette/matching';
import { openBatchHarness, type BatchHarness } from '../../test/batch-harness.js';
import { FleetSnapshotRepository } from './fleet-snapshot.repository.js';
import { nearestFromPools } from './nearest-from-pools.js';
import { vehiclesNearRides } from './vehicles-near-rides.js';

/**
 * A batch with few rides finds its drivers from the drivers nearest each pickup in PostGIS's index
 * order (`driversAround`, then `nearestFromPools`) instead of reading every free driver of the zone
 * (issue 12, ADR 0037): on a real PostgreSQL/PostGIS, the same drivers as the full read.
 */
describe('the drivers around a batch’s pickups', () => {
  let harness: BatchHarness;
  let zone: string;
  const fleet = new FleetSnapshotRepository();

  beforeAll(async () => {
    harness = await openBatchHarness('drivers-around', 2);
    zone = await harness.fixtures.aTerritory({ centre: [10, 55], half: 0.1 });
    const prng = createPrng(11);
    // 120 drivers over the town: a quarter not connected, some with a stale position, a few
    // outside the zone (its drivers only count).
    for (let i = 0; i < 120; i++) {
      const outside = i % 20 === 0;
      const at: Point = outside
        ? [10.11 + prng.next() * 0.02, 55 + prng.next() * 0.02]
        : [9.92 + prng.next() * 0.16, 54.92 + prng.next() * 0.16];
      await harness.aDriverAt(zone, [at[0], at[1]], {
        connected: i % 4 !== 1,
        reportedSecondsAgo: i % 9 === 2 ? 3600 : 0,
      });
    }
  }, 120_000);

  afterAll(() => harness?.close());

  it('gives the free drivers among the k nearest each pickup, as the read of every free driver does', async () => {
    const pickups: Point[] = [
      [10, 55],
      [10.05, 54.95],
      [10.09, 55.08],
    ];
    await harness.db.transaction('REPEATABLE READ', async (manager) => {
      const all = (await fleet.freeDriverPositions(zone, manager)).map((d) => ({
        id: d.driverId,
        at: d.position,
      }));
      const rides = pickups.map((pickup) => ({ pickup }));
      for (const [k, poolSize] of [
        [5, 30],
        [8, 50],
        [10, 200],
      ] as const) {
        const rows = await fleet.driversAround(zone, pickups, poolSize, manager);
        expect(rows).toHaveLength(pickups.length * Math.min(poolSize, 120));
        const found = nearestFromPools(pickups, rows, poolSize, k);
        expect(found).toBeDefined();
        expect(found!.map((d) => d.id).sort()).toEqual(
          vehiclesNearRides(all, rides, k)
            .map((d) => d.id)
            .sort(),
        );
      }
    });
  });

  it('cannot decide from pools too small for the drivers busy around a pickup', async () => {
    await harness.db.transaction(async (manager) => {
      const pickups: Point[] = [[10, 55]];
      const rows = await fleet.driversAround(zone, pickups, 6, manager);
      expect(nearestFromPools(pickups, rows, 6, 6)).toBeUndefined();
    });
  });
});
