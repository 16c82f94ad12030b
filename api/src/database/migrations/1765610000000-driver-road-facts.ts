import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the driver's app needs on the road (issue 9):
 * - `rides.notes`: the rider's optional words for the driver ("blue door", "a guide dog"), at most
 *   280 characters; cleared with the exact places when the territory's retention passes.
 * - `rides.pickup_mark_distance_meters` / `dropoff_mark_distance_meters`: how far from the stop the
 *   driver was when marking it (picked up or no-show at the pickup; dropped off at the drop-off) —
 *   what a no-show dispute needs; null when the app sent no position.
 * - `offers.detour_seconds` / `detour_meters`: what accepting adds to the driver's route, computed
 *   by the engine with the offer; null for offers written before.
 */
export class DriverRoadFacts1765610000000 implements MigrationInterface {
  name = 'DriverRoadFacts1765610000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE rides ADD COLUMN notes text CHECK (char_length(notes) BETWEEN 1 AND 280),
                     ADD COLUMN pickup_mark_distance_meters integer CHECK (pickup_mark_distance_meters >= 0),
                     ADD COLUMN dropoff_mark_distance_meters integer CHECK (dropoff_mark_distance_meters >= 0)`);
    await q.query(`ALTER TABLE offers ADD COLUMN detour_seconds integer CHECK (detour_seconds >= 0),
                     ADD COLUMN detour_meters integer CHECK (detour_meters >= 0)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE offers DROP COLUMN detour_seconds, DROP COLUMN detour_meters`);
    await q.query(`ALTER TABLE rides DROP COLUMN notes, DROP COLUMN pickup_mark_distance_meters,
                     DROP COLUMN dropoff_mark_distance_meters`);
  }
}
