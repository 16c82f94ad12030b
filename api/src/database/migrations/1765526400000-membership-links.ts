import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The decisions the original table allowed, restored by `down`. */
const MODERATION = `'dismiss', 'warn', 'restrict', 'suspend', 'restore', 'clear-pair'`;
/** A coordinator's role changes and dispatch overrides: each names the territory it was done in. */
const ROLE_CHANGES = `'grant-role', 'withdraw-role'`;
const OVERRIDES = `'withdraw-offer', 'release-driver'`;

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
                AND (decision = 'withdraw-offer') = (ride_id IS NOT NULL))`,
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
    await q.query(`DROP TABLE membership_links`);
  }
}
