import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The statuses of a ride that is still under way: a second request for the same trip is a double tap. */
const OPEN = `status IN ('requested', 'offered', 'assigned', 'picked_up')`;

/**
 * A rider has at most one open ride for the same trip (pickup, drop-off and booked time): a double
 * tap on "Request" without an idempotency key returns the open ride instead of making a second.
 * The idempotency key is stored with a SHA-256 of the request it answered, so a key replayed with
 * another body is refused (422) instead of silently returning the first ride. A ride's pickup and
 * drop-off differ (checked for new rows only: NOT VALID leaves history alone) until the retention
 * rule coarsens them: both may then become the same point of their zone (ADR 0014).
 */
export class OneOpenRidePerTrip1765094400000 implements MigrationInterface {
  name = 'OneOpenRidePerTrip1765094400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE rides ADD COLUMN idempotency_body_sha256 text`);
    // Double taps from before this index: the later copies still only 'requested' are cancelled, so
    // the index can be built. Copies already offered or assigned stop the migration, for a person.
    await q.query(
      `UPDATE rides r SET status = 'cancelled', cancelled_at = now()
         FROM (SELECT id, row_number() OVER (
                 PARTITION BY rider_id, ST_X(pickup), ST_Y(pickup), ST_X(dropoff), ST_Y(dropoff),
                              COALESCE(pickup_at, '-infinity')
                 ORDER BY status = 'requested', requested_at, id) AS copy
                 FROM rides WHERE ${OPEN}) d
        WHERE r.id = d.id AND d.copy > 1 AND r.status = 'requested'`,
    );
    await q.query(
      `CREATE UNIQUE INDEX rides_one_open_per_trip ON rides
         (rider_id, ST_X(pickup), ST_Y(pickup), ST_X(dropoff), ST_Y(dropoff), COALESCE(pickup_at, '-infinity'))
         WHERE ${OPEN}`,
    );
    await q.query(
      `ALTER TABLE rides ADD CONSTRAINT rides_pickup_is_not_dropoff CHECK (places_coarsened_at IS NOT NULL OR NOT ST_Equals(pickup, dropoff)) NOT VALID`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE rides DROP CONSTRAINT rides_pickup_is_not_dropoff`);
    await q.query(`DROP INDEX rides_one_open_per_trip`);
    await q.query(`ALTER TABLE rides DROP COLUMN idempotency_body_sha256`);
  }
}
