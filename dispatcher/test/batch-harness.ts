import { MATCHING_QUEUE, type LngLat } from '@navette/contracts';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { DataSource } from 'typeorm';
import { Fixtures } from '../../api/test/fixtures.js';
import { createTestDatabase, redisUrl, uniquePrefix } from '../../api/test/test-database.js';
import { MatchBatchHandler } from '../src/batch/match-batch.handler.js';
import { TrustCache } from '../src/batch/trust-cache.js';
import { MatchingScheduler } from '../src/matching-scheduler.js';
import { OutboundEvents } from '../src/outbound-events.js';
import { createTravelModel, type TravelModel } from '../src/travel-model.js';
import type { DispatcherConfig } from '../src/dispatcher-config.js';

/**
 * The real batch handler on a database of its own (migrated PostGIS) and a queue prefix of its
 * own on the real Redis, for scenario tests that call `handler.handle` directly.
 */
export interface BatchHarness {
  db: DataSource;
  fixtures: Fixtures;
  queue: Queue;
  /** The handler with the default travel model (great circle × 1.3 at 30 km/h). */
  handler: MatchBatchHandler;
  /** Another handler on the same database and queue, with other travel settings (OSRM…). */
  handlerWith(travel: DispatcherConfig['travel']): MatchBatchHandler;
  /** Another handler on the same database and queue, planning with this travel model (e.g. one that waits, to hold a batch in its planning). */
  handlerOn(travel: TravelModel): MatchBatchHandler;
  /**
   * A driver with a vehicle, on shift in `territory`, last seen at `position` (`reportedSecondsAgo`,
   * default 0), with a live socket unless `connected` is false.
   */
  aDriverAt(
    territory: string,
    position: LngLat,
    options?: { seats?: number; wheelchairPlaces?: number; connected?: boolean; reportedSecondsAgo?: number },
  ): Promise<Awaited<ReturnType<Fixtures['aDriver']>> & { shiftId: string }>;
  close(): Promise<void>;
}

export async function openBatchHarness(name: string, poolSize: number): Promise<BatchHarness> {
  const database = await createTestDatabase();
  const db = await new DataSource({
    type: 'postgres',
    url: database.url,
    extra: { max: poolSize },
  }).initialize();
  const fixtures = Fixtures.open(database.url);
  const prefix = uniquePrefix(name);
  const queue = new Queue(MATCHING_QUEUE, { connection: { url: redisUrl }, prefix });
  const redis = new Redis(redisUrl);
  const handlerOn = (travel: TravelModel) =>
    new MatchBatchHandler(
      db,
      new MatchingScheduler(queue, 60_000),
      new OutboundEvents(redis, prefix),
      travel,
      new TrustCache(db, 0),
    );
  const handlerWith = (travel: DispatcherConfig['travel']) => handlerOn(createTravelModel({ travel }));
  return {
    db,
    fixtures,
    queue,
    handler: handlerWith({ speedMetersPerSecond: 8.33, circuity: 1.3 }),
    handlerWith,
    handlerOn,
    async aDriverAt(territory, position, options = {}) {
      const driver = await fixtures.aDriver(options);
      const shift = await fixtures.db.query<{ id: string }>(
        `INSERT INTO shifts (driver_id, vehicle_id, territory_id) VALUES ($1, $2, $3) RETURNING id`,
        [driver.id, driver.vehicleId, territory],
      );
      await fixtures.db.query(
        `INSERT INTO driver_positions (driver_id, shift_id, position, reported_at)
         VALUES ($1, $2, ST_SetSRID(ST_MakePoint($3, $4), 4326), now() - make_interval(secs => $5))`,
        [driver.id, shift.rows[0]!.id, position[0], position[1], options.reportedSecondsAgo ?? 0],
      );
      if (options.connected !== false) {
        await fixtures.db.query(
          `INSERT INTO driver_connections (socket_id, driver_id, expires_at) VALUES ($1::text, $1::uuid, now() + interval '1 hour')`,
          [driver.id],
        );
      }
      return { ...driver, shiftId: shift.rows[0]!.id };
    },
    async close() {
      await queue.obliterate({ force: true });
      await queue.close();
      redis.disconnect();
      await fixtures.close();
      await db.destroy();
      await database.drop();
    },
  };
}
