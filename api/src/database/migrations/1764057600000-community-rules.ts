import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The community rules' data: trust limits, volunteers' own limits, territory lending (federation),
 * where each trip's driver came from, binary outcomes, tit-for-two-tats pair blocks, abuse reports
 * with coordinators' decisions and appeals, and the audit log a member can read about themselves.
 */
export class CommunityRules1764057600000 implements MigrationInterface {
  name = 'CommunityRules1764057600000';

  async up(q: QueryRunner): Promise<void> {
    // Members: their own trust limit, standing, and a volunteer's limits.
    await q.query(`
      ALTER TABLE members
        ADD COLUMN max_trust_distance integer CHECK (max_trust_distance BETWEEN 1 AND 6),
        ADD COLUMN standing text NOT NULL DEFAULT 'active'
          CHECK (standing IN ('active', 'warned', 'restricted', 'suspended')),
        ADD COLUMN restrictions jsonb NOT NULL DEFAULT '{}',
        ADD COLUMN weekly_trip_limit integer CHECK (weekly_trip_limit > 0),
        ADD COLUMN declared_hours_per_week real NOT NULL DEFAULT 0 CHECK (declared_hours_per_week >= 0),
        ADD COLUMN quiet_hours int4range`);
    await q.query(`CREATE INDEX vouches_vouchee ON vouches (vouchee_id) WHERE withdrawn_at IS NULL`);

    // Rides: the rider's trust limit, a chosen time (booked ahead), and how the driver was found.
    await q.query(`
      ALTER TABLE rides
        ADD COLUMN max_trust_distance integer CHECK (max_trust_distance BETWEEN 1 AND 6),
        ADD COLUMN pickup_at timestamptz`);

    // Territories: default trust distance, escalation to the parent, and who lends to whom.
    await q.query(`
      ALTER TABLE territories
        ADD COLUMN default_trust_distance integer CHECK (default_trust_distance BETWEEN 1 AND 6),
        ADD COLUMN escalate_after_seconds integer NOT NULL DEFAULT 120 CHECK (escalate_after_seconds >= 0),
        ADD COLUMN service_hours int4range`);
    await q.query(`
      CREATE TABLE territory_lending (
        lender_id uuid NOT NULL REFERENCES territories(id),
        borrower_id uuid NOT NULL REFERENCES territories(id),
        after_seconds integer NOT NULL DEFAULT 300 CHECK (after_seconds >= 0),
        PRIMARY KEY (lender_id, borrower_id),
        CHECK (lender_id <> borrower_id)
      )`);
    await q.query(`
      ALTER TABLE offers
        ADD COLUMN driver_territory_id uuid REFERENCES territories(id),
        ADD COLUMN reach text NOT NULL DEFAULT 'local' CHECK (reach IN ('local', 'parent', 'neighbour'))`);

    // Reciprocity: one binary outcome per ride and side, hidden until both answered or a deadline.
    await q.query(`
      CREATE TABLE outcomes (
        ride_id uuid NOT NULL REFERENCES rides(id),
        author_id uuid NOT NULL REFERENCES members(id),
        subject_id uuid NOT NULL REFERENCES members(id),
        success boolean NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (ride_id, author_id),
        CHECK (author_id <> subject_id)
      )`);
    await q.query(`CREATE INDEX outcomes_subject ON outcomes (subject_id, created_at)`);
    await q.query(`
      CREATE TABLE pair_blocks (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        member_id uuid NOT NULL REFERENCES members(id),
        counterpart_id uuid NOT NULL REFERENCES members(id),
        reason text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        cleared_at timestamptz,
        cleared_by uuid REFERENCES members(id),
        CHECK (member_id <> counterpart_id)
      )`);
    await q.query(
      `CREATE UNIQUE INDEX pair_blocks_open ON pair_blocks (LEAST(member_id, counterpart_id), GREATEST(member_id, counterpart_id)) WHERE cleared_at IS NULL`,
    );

    // Abuse reports, decisions (the audit log) and appeals. Nothing here bans anyone by itself.
    await q.query(`
      CREATE TABLE abuse_reports (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        territory_id uuid NOT NULL REFERENCES territories(id),
        subject_id uuid NOT NULL REFERENCES members(id),
        reporter_id uuid REFERENCES members(id),
        ride_id uuid REFERENCES rides(id),
        kind text NOT NULL CHECK (kind IN ('no-show', 'unsafe', 'abuse', 'repeated-failures', 'late-cancellations', 'overuse', 'other')),
        text text NOT NULL CHECK (length(text) <= 2000),
        status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'decided', 'appealed')),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX abuse_reports_territory ON abuse_reports (territory_id, status, created_at)`);
    await q.query(`
      CREATE TABLE moderation_decisions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        report_id uuid REFERENCES abuse_reports(id),
        subject_id uuid NOT NULL REFERENCES members(id),
        decided_by uuid NOT NULL REFERENCES members(id),
        decision text NOT NULL CHECK (decision IN ('dismiss', 'warn', 'restrict', 'suspend', 'restore', 'clear-pair')),
        reason text NOT NULL CHECK (length(trim(reason)) > 0),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX moderation_decisions_subject ON moderation_decisions (subject_id, created_at)`,
    );
    await q.query(`
      CREATE TABLE appeals (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        decision_id uuid NOT NULL REFERENCES moderation_decisions(id),
        member_id uuid NOT NULL REFERENCES members(id),
        text text NOT NULL CHECK (length(text) BETWEEN 1 AND 2000),
        status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'upheld', 'overturned')),
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (decision_id, member_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'appeals',
      'moderation_decisions',
      'abuse_reports',
      'pair_blocks',
      'outcomes',
      'territory_lending',
    ]) {
      await q.query(`DROP TABLE IF EXISTS ${table}`);
    }
    await q.query(`ALTER TABLE offers DROP COLUMN reach, DROP COLUMN driver_territory_id`);
    await q.query(
      `ALTER TABLE territories DROP COLUMN service_hours, DROP COLUMN escalate_after_seconds, DROP COLUMN default_trust_distance`,
    );
    await q.query(`ALTER TABLE rides DROP COLUMN pickup_at, DROP COLUMN max_trust_distance`);
    await q.query(`DROP INDEX vouches_vouchee`);
    await q.query(`
      ALTER TABLE members DROP COLUMN quiet_hours, DROP COLUMN declared_hours_per_week, DROP COLUMN weekly_trip_limit,
        DROP COLUMN restrictions, DROP COLUMN standing, DROP COLUMN max_trust_distance`);
  }
}
