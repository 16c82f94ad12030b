import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Assignments were indexed only by ride while active (`assignments_one_active_per_ride`), so
 * (profiled under `bench:load`, ADR 0030):
 * - a ride's view (`selectRideView`: its active or completed assignment) scanned every assignment
 *   ever made, on every ride event, growing with the history;
 * - a batch's free drivers (`freeVehicles`: each driver's committed rides by trip) scanned every
 *   active assignment once per driver on shift: fleet × open work, 7,400 of the query's 13,000
 *   buffers with 300 drivers online;
 * - the riders of a driver (on every position report) and a trip's other riders likewise.
 */
export class AssignmentIndexes1765740000000 implements MigrationInterface {
  name = 'AssignmentIndexes1765740000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX assignments_ride ON assignments (ride_id)`);
    await q.query(`CREATE INDEX assignments_active_trip ON assignments (trip_id) WHERE status = 'active'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX assignments_active_trip`);
    await q.query(`DROP INDEX assignments_ride`);
  }
}
