import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Pair blocks belong to a territory (the ride's), so that its coordinators can clear them. */
export class ModerationScope1764144000000 implements MigrationInterface {
  name = 'ModerationScope1764144000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE pair_blocks ADD COLUMN territory_id uuid REFERENCES territories(id)`);
    await q.query(`ALTER TABLE pair_blocks ADD COLUMN ride_id uuid REFERENCES rides(id)`);
    await q.query(
      `ALTER TABLE moderation_decisions ADD COLUMN pair_block_id uuid REFERENCES pair_blocks(id)`,
    );
    await q.query(`ALTER TABLE moderation_decisions ADD COLUMN restrictions jsonb`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE moderation_decisions DROP COLUMN restrictions, DROP COLUMN pair_block_id`);
    await q.query(`ALTER TABLE pair_blocks DROP COLUMN ride_id, DROP COLUMN territory_id`);
  }
}
