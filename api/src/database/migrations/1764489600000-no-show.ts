import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A driver can mark a rider who did not come to the pickup: the ride ends as `no_show`. */
export class NoShow1764489600000 implements MigrationInterface {
  name = 'NoShow1764489600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE rides DROP CONSTRAINT rides_status_check`);
    await q.query(`
      ALTER TABLE rides ADD CONSTRAINT rides_status_check CHECK (status IN
        ('requested', 'offered', 'assigned', 'picked_up', 'completed', 'cancelled', 'unserved', 'no_show'))`);
    await q.query(`ALTER TABLE rides ADD COLUMN no_show_at timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`UPDATE rides SET status = 'cancelled' WHERE status = 'no_show'`);
    await q.query(`ALTER TABLE rides DROP COLUMN no_show_at`);
    await q.query(`ALTER TABLE rides DROP CONSTRAINT rides_status_check`);
    await q.query(`
      ALTER TABLE rides ADD CONSTRAINT rides_status_check CHECK (status IN
        ('requested', 'offered', 'assigned', 'picked_up', 'completed', 'cancelled', 'unserved'))`);
  }
}
