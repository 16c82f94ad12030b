import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Two things a member's account page needs (ADR 0026). `session_version` is counted up when the
 * member's password changes or is reset: a token carries the version it was signed at, and one
 * signed before the change is refused (tokens from before this migration carry none and count as
 * 0, so nobody is signed out by the upgrade). `vouch_code` is the short code a member shares so
 * another can vouch for them without browsing anyone: made on first asking, renewable, unique.
 */
export class MemberSessionsAndVouchCodes1765640000000 implements MigrationInterface {
  name = 'MemberSessionsAndVouchCodes1765640000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE members ADD COLUMN session_version integer NOT NULL DEFAULT 0 CHECK (session_version >= 0)`,
    );
    await q.query(
      `ALTER TABLE members ADD COLUMN vouch_code text UNIQUE CHECK (vouch_code ~ '^[0-9A-HJKMNP-TV-Z]{10}$')`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE members DROP COLUMN vouch_code`);
    await q.query(`ALTER TABLE members DROP COLUMN session_version`);
  }
}
