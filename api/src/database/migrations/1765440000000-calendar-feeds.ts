import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A member's calendar feed: the SHA-256 of its secret token (the token itself is shown once and
 * never stored), one feed per member; a new token replaces the old, deleting the row revokes it.
 */
export class CalendarFeeds1765440000000 implements MigrationInterface {
  name = 'CalendarFeeds1765440000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE calendar_feeds (
        member_id uuid PRIMARY KEY REFERENCES members(id) ON DELETE CASCADE,
        token_sha256 bytea NOT NULL UNIQUE CHECK (octet_length(token_sha256) = 32),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE calendar_feeds`);
  }
}
