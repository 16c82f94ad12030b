import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The decisions the original table allowed, restored by `down`. */
const MODERATION = `'dismiss', 'warn', 'restrict', 'suspend', 'restore', 'clear-pair'`;
/** A coordinator's role changes and dispatch overrides: each names the territory it was done in. */
const ROLE_CHANGES = `'grant-role', 'withdraw-role'`;
const OVERRIDES = `'offer-ride', 'withdraw-offer', 'release-driver'`;

/**
 * How people join and get back in (ADR 0021). A membership link is an invitation (a coordinator's,
 * or a member's who vouches) or a password reset a coordinator issues: only a SHA-256 of its random
 * 32-byte token is stored, it expires (at most 14 days after it was made) and is used once, all
 * enforced here. Role grants and withdrawals, and a coordinator's overrides of dispatch (an offer
 * withdrawn, a driver released), join the moderation decisions: one audit log per member, with the
 * coordinator, the reason, the territory in whose name it was done, the role or the ride.
 */
export class MembershipLinks1765526400000 implements MigrationInterface {
  name = 'MembershipLinks1765526400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE membership_links (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind text NOT NULL CHECK (kind IN ('invitation', 'password-reset')),
        token_sha256 bytea NOT NULL UNIQUE CHECK (octet_length(token_sha256) = 32),
        created_by uuid NOT NULL REFERENCES members(id),
        territory_id uuid REFERENCES territories(id),
        member_id uuid REFERENCES members(id),
        vouch boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        CHECK (expires_at > created_at AND expires_at <= created_at + interval '14 days'),
        CHECK (used_at IS NULL OR used_at <= expires_at),
        CHECK (kind <> 'invitation' OR territory_id IS NOT NULL),
        CHECK (kind <> 'invitation' OR (used_at IS NULL) = (member_id IS NULL)),
        CHECK (kind <> 'password-reset' OR (member_id IS NOT NULL AND NOT vouch))
      )`);
    await q.query(`CREATE INDEX membership_links_created_by ON membership_links (created_by, created_at)`);

    // Open registration: a territory may take requests to join, each approved by a coordinator.
    await q.query(`ALTER TABLE territories ADD COLUMN open_registration boolean NOT NULL DEFAULT false`);
    await q.query(`
      CREATE TABLE registration_requests (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        territory_id uuid NOT NULL REFERENCES territories(id),
        email text NOT NULL CHECK (email = lower(email)),
        display_name text NOT NULL CHECK (length(trim(display_name)) BETWEEN 1 AND 80),
        password_hash text,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'refused')),
        member_id uuid REFERENCES members(id),
        decided_by uuid REFERENCES members(id),
        reason text,
        created_at timestamptz NOT NULL DEFAULT now(),
        decided_at timestamptz,
        CHECK ((status = 'pending') = (decided_by IS NULL AND decided_at IS NULL)),
        CHECK ((status = 'approved') = (member_id IS NOT NULL)),
        CHECK ((status = 'pending') = (password_hash IS NOT NULL)),
        CHECK (status <> 'refused' OR length(trim(reason)) > 0)
      )`);
    await q.query(
      `CREATE UNIQUE INDEX registration_requests_one_pending ON registration_requests (email) WHERE status = 'pending'`,
    );
    await q.query(
      `CREATE INDEX registration_requests_territory ON registration_requests (territory_id, created_at) WHERE status = 'pending'`,
    );

    // Asking to drive: the vehicle and weekly availability declared, a coordinator's answer.
    await q.query(`
      CREATE TABLE drive_requests (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        member_id uuid NOT NULL REFERENCES members(id),
        territory_id uuid NOT NULL REFERENCES territories(id),
        label text NOT NULL CHECK (length(trim(label)) BETWEEN 1 AND 80),
        seats integer NOT NULL CHECK (seats BETWEEN 0 AND 60),
        wheelchair_places integer NOT NULL CHECK (wheelchair_places BETWEEN 0 AND 10),
        cargo_units integer NOT NULL CHECK (cargo_units BETWEEN 0 AND 100),
        weekly_availability jsonb NOT NULL CHECK (jsonb_typeof(weekly_availability) = 'array'),
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'refused')),
        decided_by uuid REFERENCES members(id),
        reason text,
        created_at timestamptz NOT NULL DEFAULT now(),
        decided_at timestamptz,
        CHECK ((status = 'pending') = (decided_by IS NULL AND decided_at IS NULL)),
        CHECK (status = 'pending' OR length(trim(reason)) > 0)
      )`);
    await q.query(
      `CREATE UNIQUE INDEX drive_requests_one_pending ON drive_requests (member_id) WHERE status = 'pending'`,
    );
    await q.query(`ALTER TABLE moderation_decisions DROP CONSTRAINT moderation_decisions_decision_check`);
    await q.query(
      `ALTER TABLE moderation_decisions ADD CONSTRAINT moderation_decisions_decision_check
         CHECK (decision IN (${MODERATION}, ${ROLE_CHANGES}, ${OVERRIDES}))`,
    );
    await q.query(
      `ALTER TABLE moderation_decisions ADD COLUMN role text CHECK (role IN ('driver', 'coordinator')),
         ADD COLUMN territory_id uuid REFERENCES territories(id),
         ADD COLUMN ride_id uuid REFERENCES rides(id)`,
    );
    await q.query(
      `ALTER TABLE moderation_decisions ADD CONSTRAINT moderation_decisions_role_change
         CHECK ((decision IN (${ROLE_CHANGES})) = (role IS NOT NULL)
                AND (decision NOT IN (${ROLE_CHANGES}, ${OVERRIDES}) OR territory_id IS NOT NULL)
                AND (decision IN ('offer-ride', 'withdraw-offer')) = (ride_id IS NOT NULL))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `DELETE FROM appeals WHERE decision_id IN (SELECT id FROM moderation_decisions WHERE decision IN (${ROLE_CHANGES}, ${OVERRIDES}))`,
    );
    await q.query(`DELETE FROM moderation_decisions WHERE decision IN (${ROLE_CHANGES}, ${OVERRIDES})`);
    await q.query(`ALTER TABLE moderation_decisions DROP CONSTRAINT moderation_decisions_role_change`);
    await q.query(
      `ALTER TABLE moderation_decisions DROP COLUMN ride_id, DROP COLUMN territory_id, DROP COLUMN role`,
    );
    await q.query(`ALTER TABLE moderation_decisions DROP CONSTRAINT moderation_decisions_decision_check`);
    await q.query(
      `ALTER TABLE moderation_decisions ADD CONSTRAINT moderation_decisions_decision_check CHECK (decision IN (${MODERATION}))`,
    );
    await q.query(`DROP TABLE drive_requests`);
    await q.query(`DROP TABLE registration_requests`);
    await q.query(`ALTER TABLE territories DROP COLUMN open_registration`);
    await q.query(`DROP TABLE membership_links`);
  }
}
