import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Lending needs both sides: the borrower's coordinators ask a neighbour for help (the lending
 * list), the lender's coordinators agree. Only agreed links reach the dispatcher. Links made
 * before this migration were set up by hand together, and count as agreed.
 */
export class LendingAgreement1764576000000 implements MigrationInterface {
  name = 'LendingAgreement1764576000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE territory_lending ADD COLUMN agreed_at timestamptz`);
    await q.query(`ALTER TABLE territory_lending ADD COLUMN agreed_by uuid REFERENCES members(id)`);
    await q.query(`UPDATE territory_lending SET agreed_at = now()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE territory_lending DROP COLUMN agreed_by, DROP COLUMN agreed_at`);
  }
}
