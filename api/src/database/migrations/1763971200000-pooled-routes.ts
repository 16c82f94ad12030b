import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Pooling: several rides share one trip (a driver's route). An offer either takes a new hold or
 * joins the driver's active trip, so `offers.trip_id` is no longer unique. The offer carries the
 * route it proposes and the engine's explanation; accepting makes that route the trip's.
 */
export class PooledRoutes1763971200000 implements MigrationInterface {
  name = 'PooledRoutes1763971200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE offers DROP CONSTRAINT offers_trip_id_key`);
    await q.query(`CREATE INDEX offers_trip ON offers (trip_id)`);
    await q.query(`ALTER TABLE offers ADD COLUMN planned_stops jsonb NOT NULL DEFAULT '[]'`);
    await q.query(`ALTER TABLE offers ADD COLUMN explanation jsonb`);
    await q.query(`ALTER TABLE trips ADD COLUMN planned_stops jsonb NOT NULL DEFAULT '[]'`);
    await q.query(`
      ALTER TABLE territories
        ADD COLUMN max_detour_factor real NOT NULL DEFAULT 1.6 CHECK (max_detour_factor >= 1),
        ADD COLUMN pooling boolean NOT NULL DEFAULT true`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE territories DROP COLUMN pooling, DROP COLUMN max_detour_factor`);
    await q.query(`ALTER TABLE trips DROP COLUMN planned_stops`);
    await q.query(`ALTER TABLE offers DROP COLUMN explanation, DROP COLUMN planned_stops`);
    await q.query(`DROP INDEX offers_trip`);
    await q.query(`ALTER TABLE offers ADD CONSTRAINT offers_trip_id_key UNIQUE (trip_id)`);
  }
}
