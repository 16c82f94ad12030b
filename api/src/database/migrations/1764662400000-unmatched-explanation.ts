import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Why a ride got no offer in its latest batch (each driver and the reason), kept on the ride:
 * offers carry the explanation of who was asked, but a ride held back or refused had none to show.
 */
export class UnmatchedExplanation1764662400000 implements MigrationInterface {
  name = 'UnmatchedExplanation1764662400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE rides ADD COLUMN unmatched_explanation jsonb, ADD COLUMN unmatched_at timestamptz`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE rides DROP COLUMN unmatched_explanation, DROP COLUMN unmatched_at`);
  }
}
