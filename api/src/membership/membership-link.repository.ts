import { Inject, Injectable } from '@nestjs/common';
import { sql } from '@navette/sql';
import { DataSource, type EntityManager } from 'typeorm';
import { managedTerritoryCtes } from '../territories/territory-scope.js';

export type LinkKind = 'invitation' | 'password-reset';

/** A link still usable (unused, unexpired), locked by the transaction that takes it. */
export interface LiveLink {
  id: string;
  created_by: string;
  territory_id: string | null;
  member_id: string | null;
  vouch: boolean;
}

/** What an inviter may invite into: their role, home territory and standing. */
export interface Inviter {
  role: 'rider' | 'driver' | 'coordinator' | 'admin';
  home_territory_id: string | null;
  standing: string;
}

/** The membership links table (invitations and password resets) and the checks of who may issue one. */
@Injectable()
export class MembershipLinkRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  async inviter(memberId: string): Promise<Inviter | undefined> {
    const rows = await sql<Inviter>(
      this.db,
      `SELECT role, home_territory_id, standing FROM members WHERE id = $1 AND erased_at IS NULL`,
      [memberId],
    );
    return rows[0];
  }

  /** Whether the member may manage the territory (admin, or coordinator of it or an ancestor). */
  async manages(territoryId: string, memberId: string, admin: boolean): Promise<boolean> {
    const rows = await sql(
      this.db,
      `WITH RECURSIVE ${managedTerritoryCtes('$1', '$2', '$3')} SELECT id FROM managed`,
      [territoryId, memberId, admin],
    );
    return rows.length > 0;
  }

  /** Whether `memberId`'s home territory lies in `territoryId` (itself or nested) and the caller manages it. */
  async managesMember(
    territoryId: string,
    callerId: string,
    admin: boolean,
    memberId: string,
  ): Promise<boolean> {
    const rows = await sql(
      this.db,
      `WITH RECURSIVE ${managedTerritoryCtes('$1', '$2', '$3')},
         subtree AS (SELECT id FROM managed UNION SELECT t.id FROM territories t JOIN subtree s ON t.parent_id = s.id)
       SELECT 1 FROM members m
        WHERE m.id = $4 AND m.erased_at IS NULL AND m.home_territory_id IN (SELECT id FROM subtree)`,
      [territoryId, callerId, admin, memberId],
    );
    return rows.length > 0;
  }

  /** Stores a new link (its token's hash only); returns when it expires. */
  async create(link: {
    kind: LinkKind;
    sha256: Buffer;
    createdBy: string;
    territoryId: string | null;
    memberId: string | null;
    vouch: boolean;
    ttlSeconds: number;
  }): Promise<Date> {
    const rows = await sql<{ expires_at: Date }>(
      this.db,
      `INSERT INTO membership_links (kind, token_sha256, created_by, territory_id, member_id, vouch, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, now() + make_interval(secs => $7)) RETURNING expires_at`,
      [link.kind, link.sha256, link.createdBy, link.territoryId, link.memberId, link.vouch, link.ttlSeconds],
    );
    return rows[0]!.expires_at;
  }

  /** The unused, unexpired link of this kind with this hash, locked; undefined otherwise. */
  async lockLive(manager: EntityManager, kind: LinkKind, sha256: Buffer): Promise<LiveLink | undefined> {
    const rows = await sql<LiveLink>(
      manager,
      `SELECT id, created_by, territory_id, member_id, vouch FROM membership_links
        WHERE kind = $1 AND token_sha256 = $2 AND used_at IS NULL AND expires_at > now()
        FOR UPDATE`,
      [kind, sha256],
    );
    return rows[0];
  }

  /** Marks the link used (by `memberId`, who joined or reset their password). */
  async markUsed(manager: EntityManager, linkId: string, memberId: string): Promise<void> {
    await sql(manager, `UPDATE membership_links SET used_at = now(), member_id = $2 WHERE id = $1`, [
      linkId,
      memberId,
    ]);
  }

  /** A new rider in the territory; undefined when the email is taken. */
  async createRider(
    manager: EntityManager,
    member: { email: string; displayName: string; passwordHash: string; territoryId: string },
  ): Promise<string | undefined> {
    const rows = await sql<{ id: string }>(
      manager,
      `INSERT INTO members (email, display_name, password_hash, role, home_territory_id)
       VALUES ($1, $2, $3, 'rider', $4) ON CONFLICT (email) DO NOTHING RETURNING id`,
      [member.email, member.displayName, member.passwordHash, member.territoryId],
    );
    return rows[0]?.id;
  }

  async vouch(manager: EntityManager, voucherId: string, voucheeId: string): Promise<void> {
    await sql(
      manager,
      `INSERT INTO vouches (voucher_id, vouchee_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`,
      [voucherId, voucheeId],
    );
  }

  /** The member's password hash, locked; undefined when absent or erased. */
  async lockPassword(manager: EntityManager, memberId: string): Promise<string | undefined> {
    const rows = await sql<{ password_hash: string }>(
      manager,
      `SELECT password_hash FROM members WHERE id = $1 AND erased_at IS NULL FOR UPDATE`,
      [memberId],
    );
    return rows[0]?.password_hash;
  }

  /** Sets the password and counts the session version up: every token signed before is refused (ADR 0026). */
  async setPassword(manager: EntityManager, memberId: string, passwordHash: string): Promise<void> {
    await sql(
      manager,
      `UPDATE members SET password_hash = $2, session_version = session_version + 1 WHERE id = $1`,
      [memberId, passwordHash],
    );
  }

  /** The member's email and name, for the password check's guessable words. */
  async identity(memberId: string): Promise<{ email: string; display_name: string } | undefined> {
    const rows = await sql<{ email: string; display_name: string }>(
      this.db,
      `SELECT email, display_name FROM members WHERE id = $1 AND erased_at IS NULL`,
      [memberId],
    );
    return rows[0];
  }
}
