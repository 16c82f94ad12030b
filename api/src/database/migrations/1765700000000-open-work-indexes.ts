import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A batch's queries cost in proportion to the open work, not to the history (issue 12, ADR 0031).
 * Measured with EXPLAIN (ANALYZE, BUFFERS) against 50,000 finished rides
 * (`dispatcher/src/batch/open-work-queries.int-spec.ts`), three reads grew with the history:
 * - the rides a batch already offered to someone (`askedPairs`, every status): `offers (ride_id)`;
 * - a zone's service rate over the last 24 hours: finished rides by territory and request time;
 * - a driver's trips of the last 7 days: trips by driver and start, active or completed;
 * - a driver's rest after missed offers, read from the offers of their shift: `offers (shift_id)`.
 * The open work itself was already indexed (`rides_open`, `offers_one_pending_per_driver`,
 * `shifts_one_open_per_driver`, `offers_pending_expiry`).
 */
export class OpenWorkIndexes1765700000000 implements MigrationInterface {
  name = 'OpenWorkIndexes1765700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX offers_ride ON offers (ride_id)`);
    await q.query(`CREATE INDEX offers_shift ON offers (shift_id)`);
    await q.query(
      `CREATE INDEX rides_finished_by_territory ON rides (territory_id, requested_at) WHERE status IN ('completed', 'unserved')`,
    );
    await q.query(
      `CREATE INDEX trips_driver_started ON trips (driver_id, lower(period)) WHERE status IN ('active', 'completed')`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX trips_driver_started`);
    await q.query(`DROP INDEX rides_finished_by_territory`);
    await q.query(`DROP INDEX offers_shift`);
    await q.query(`DROP INDEX offers_ride`);
  }
}
