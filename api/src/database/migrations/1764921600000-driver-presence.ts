import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Offers go only to drivers who can see them: a live socket (one row per socket, kept alive by the
 * API node holding it, so a crashed node's rows simply expire) and a position fresher than the
 * territory's `position_max_age_seconds`. The rest after a missed offer grows with consecutive
 * misses, from `rest_after_miss_seconds` doubling up to `rest_max_seconds`.
 */
export class DriverPresence1764921600000 implements MigrationInterface {
  name = 'DriverPresence1764921600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE driver_connections (
        socket_id text PRIMARY KEY,
        driver_id uuid NOT NULL REFERENCES members(id) ON DELETE CASCADE,
        connected_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        CHECK (expires_at >= connected_at)
      )`);
    await q.query(`CREATE INDEX driver_connections_driver ON driver_connections (driver_id, expires_at)`);
    await q.query(`
      ALTER TABLE territories
        ADD COLUMN position_max_age_seconds integer NOT NULL DEFAULT 120
          CHECK (position_max_age_seconds BETWEEN 10 AND 3600),
        ADD COLUMN rest_after_miss_seconds integer NOT NULL DEFAULT 60
          CHECK (rest_after_miss_seconds BETWEEN 0 AND 3600),
        ADD COLUMN rest_max_seconds integer NOT NULL DEFAULT 600
          CHECK (rest_max_seconds BETWEEN 0 AND 86400)`);
    // The rest query looks up a driver's latest answers within the shift.
    await q.query(
      `CREATE INDEX offers_driver_responded ON offers (driver_id, responded_at) WHERE responded_at IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX offers_driver_responded`);
    await q.query(`ALTER TABLE territories
      DROP COLUMN rest_max_seconds, DROP COLUMN rest_after_miss_seconds, DROP COLUMN position_max_age_seconds`);
    await q.query(`DROP TABLE driver_connections`);
  }
}
