import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * At most one open automatic report of a kind about a member. The checks skip a kind already open,
 * but two checks at once (two failures reported together, a periodic sweep on another node) could
 * both insert: the index makes the second one lose. `appealed` is left out on purpose: an appeal
 * reopens an old report even when a newer one of the same kind is open.
 */
export class OneOpenAutomaticReport1764316800000 implements MigrationInterface {
  name = 'OneOpenAutomaticReport1764316800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE UNIQUE INDEX abuse_reports_one_open_automatic ON abuse_reports (subject_id, kind)
        WHERE reporter_id IS NULL AND status = 'open'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX abuse_reports_one_open_automatic`);
  }
}
