import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Takeovers (ADR 0041): a ride promised to one driver may be offered to a driver who can be at the
 * pickup sooner. Such an offer names the assignment it would take over and how much sooner; the
 * ride stays `assigned` (to its first driver) while it is pending, and the first assignment ends
 * as `taken_over` when the second driver accepts — not `cancelled`, which counts against a driver.
 * A driver is still offered a ride at most once, and at most one takeover of it besides: after a
 * takeover withdrawn because the first driver left, the ride may be offered to them afresh.
 */
export class TakeoverOffers1765750000000 implements MigrationInterface {
  name = 'TakeoverOffers1765750000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE offers ADD COLUMN takes_over uuid REFERENCES assignments(id),
                     ADD COLUMN sooner_seconds integer CHECK (sooner_seconds > 0),
                     ADD CONSTRAINT offers_takeover_sooner CHECK ((takes_over IS NULL) = (sooner_seconds IS NULL))`);
    await q.query(`CREATE INDEX offers_takes_over ON offers (takes_over) WHERE takes_over IS NOT NULL`);
    await q.query(`ALTER TABLE offers DROP CONSTRAINT offers_ride_id_driver_id_key`);
    await q.query(
      `CREATE UNIQUE INDEX offers_once_per_ride_and_driver ON offers (ride_id, driver_id) WHERE takes_over IS NULL`,
    );
    await q.query(
      `CREATE UNIQUE INDEX offers_one_takeover_per_ride_and_driver ON offers (ride_id, driver_id) WHERE takes_over IS NOT NULL`,
    );
    await q.query(`ALTER TABLE assignments DROP CONSTRAINT assignments_status_check,
                     ADD CONSTRAINT assignments_status_check
                       CHECK (status IN ('active', 'completed', 'cancelled', 'taken_over'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`UPDATE assignments SET status = 'cancelled' WHERE status = 'taken_over'`);
    await q.query(`ALTER TABLE assignments DROP CONSTRAINT assignments_status_check,
                     ADD CONSTRAINT assignments_status_check CHECK (status IN ('active', 'completed', 'cancelled'))`);
    await q.query(`DELETE FROM offers WHERE takes_over IS NOT NULL AND status <> 'accepted'`);
    await q.query(`DROP INDEX offers_one_takeover_per_ride_and_driver`);
    await q.query(`DROP INDEX offers_once_per_ride_and_driver`);
    await q.query(
      `ALTER TABLE offers ADD CONSTRAINT offers_ride_id_driver_id_key UNIQUE (ride_id, driver_id)`,
    );
    await q.query(`DROP INDEX offers_takes_over`);
    await q.query(`ALTER TABLE offers DROP CONSTRAINT offers_takeover_sooner, DROP COLUMN sooner_seconds,
                     DROP COLUMN takes_over`);
  }
}
