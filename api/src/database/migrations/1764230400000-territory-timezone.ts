import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A territory's IANA time zone: its service hours (minutes of the local day) are read in it, and the
 * GTFS-Flex export needs it (`agency_timezone`). Existing territories get UTC until a coordinator sets it.
 */
export class TerritoryTimezone1764230400000 implements MigrationInterface {
  name = 'TerritoryTimezone1764230400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE territories ADD COLUMN timezone text NOT NULL DEFAULT 'Etc/UTC'`);
    await q.query(
      `ALTER TABLE territories ADD CONSTRAINT territories_service_hours_in_day
         CHECK (service_hours IS NULL OR (lower(service_hours) >= 0 AND upper(service_hours) <= 1440))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE territories DROP CONSTRAINT territories_service_hours_in_day`);
    await q.query(`ALTER TABLE territories DROP COLUMN timezone`);
  }
}
