import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Rebalancing idle drivers (issue 13, ADR 0034): a driver may turn waiting-spot suggestions off
 * (`members.waiting_spot_suggestions`, on by default; off, the driver waits at home as before), and
 * each suggestion shown is kept with the driver's answer: followed ("Go there"), declined ("Not
 * now": recorded without any penalty, and no new suggestion for a while), or none.
 */
export class WaitingSpots1765710000000 implements MigrationInterface {
  name = 'WaitingSpots1765710000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE members ADD COLUMN waiting_spot_suggestions boolean NOT NULL DEFAULT true`);
    await q.query(`
      CREATE TABLE waiting_spot_suggestions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        suggested_at timestamptz NOT NULL DEFAULT now(),
        driver_id uuid NOT NULL REFERENCES members(id),
        shift_id uuid NOT NULL REFERENCES shifts(id),
        -- The zone the driver would help, and the named place to wait at (none: the zone's middle).
        zone_id uuid NOT NULL REFERENCES territories(id),
        place_id uuid REFERENCES places(id),
        answer text CHECK (answer IN ('followed', 'declined')),
        answered_at timestamptz,
        CHECK ((answer IS NULL) = (answered_at IS NULL))
      )`);
    await q.query(
      `CREATE INDEX waiting_spot_suggestions_latest ON waiting_spot_suggestions (driver_id, suggested_at DESC)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE waiting_spot_suggestions`);
    await q.query(`ALTER TABLE members DROP COLUMN waiting_spot_suggestions`);
  }
}
