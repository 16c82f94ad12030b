import { Inject, Injectable } from '@nestjs/common';
import type { RegistrationView } from '@navette/contracts';
import { sql } from '@navette/sql';
import { DataSource, type EntityManager } from 'typeorm';
import { managedSubtree } from '../territories/territory-scope.js';

interface RegistrationRow {
  id: string;
  territory_id: string;
  email: string;
  display_name: string;
  status: RegistrationView['status'];
  created_at: Date;
}

const toView = (r: RegistrationRow): RegistrationView => ({
  id: r.id,
  territoryId: r.territory_id,
  email: r.email,
  displayName: r.display_name,
  status: r.status,
  createdAt: r.created_at.toISOString(),
});

/** Territories' open registration and the requests to join waiting for a coordinator. */
@Injectable()
export class RegistrationRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  async isOpen(territoryId: string): Promise<boolean> {
    const rows = await sql<{ open: boolean }>(
      this.db,
      `SELECT open_registration AS open FROM territories WHERE id = $1`,
      [territoryId],
    );
    return rows[0]?.open ?? false;
  }

  async setOpen(territoryId: string, open: boolean): Promise<void> {
    await sql(this.db, `UPDATE territories SET open_registration = $2 WHERE id = $1`, [territoryId, open]);
  }

  /**
   * Records a request to join when the territory is open, the email belongs to no member and has no
   * request pending; otherwise writes nothing. The caller answers the same either way.
   */
  async request(r: {
    territoryId: string;
    email: string;
    displayName: string;
    passwordHash: string;
  }): Promise<void> {
    await sql(
      this.db,
      `INSERT INTO registration_requests (territory_id, email, display_name, password_hash)
       SELECT t.id, $2, $3, $4 FROM territories t
        WHERE t.id = $1 AND t.open_registration
          AND NOT EXISTS (SELECT 1 FROM members WHERE email = $2)
       ON CONFLICT (email) WHERE status = 'pending' DO NOTHING`,
      [r.territoryId, r.email, r.displayName, r.passwordHash],
    );
  }

  /** Pending requests in the territory and those within it, oldest first; undefined when out of scope. */
  async pending(
    territoryId: string,
    callerId: string,
    admin: boolean,
  ): Promise<RegistrationView[] | undefined> {
    const scope = await sql(this.db, `${managedSubtree('$1', '$2', '$3')} SELECT id FROM managed`, [
      territoryId,
      callerId,
      admin,
    ]);
    if (scope.length === 0) return undefined;
    const rows = await sql<RegistrationRow>(
      this.db,
      `${managedSubtree('$1', '$2', '$3')}
       SELECT id, territory_id, email, display_name, status, created_at FROM registration_requests
        WHERE status = 'pending' AND territory_id IN (SELECT id FROM subtree) ORDER BY created_at, id`,
      [territoryId, callerId, admin],
    );
    return rows.map(toView);
  }

  /** The pending request, locked; undefined when absent or decided. */
  async lockPending(
    manager: EntityManager,
    id: string,
  ): Promise<(RegistrationRow & { password_hash: string }) | undefined> {
    const rows = await sql<RegistrationRow & { password_hash: string }>(
      manager,
      `SELECT id, territory_id, email, display_name, status, created_at, password_hash
         FROM registration_requests WHERE id = $1 AND status = 'pending' FOR UPDATE`,
      [id],
    );
    return rows[0];
  }

  /** Territory of a request, read without lock (for the scope check). */
  async territoryOf(id: string): Promise<string | undefined> {
    const rows = await sql<{ territory_id: string }>(
      this.db,
      `SELECT territory_id FROM registration_requests WHERE id = $1`,
      [id],
    );
    return rows[0]?.territory_id;
  }

  /** Closes the request; the password hash goes (the member's row holds it when approved). */
  async decide(
    manager: EntityManager,
    d: {
      id: string;
      status: 'approved' | 'refused';
      memberId: string | null;
      decidedBy: string;
      reason: string | null;
    },
  ): Promise<RegistrationView> {
    const rows = await sql<RegistrationRow>(
      manager,
      `UPDATE registration_requests
          SET status = $2, member_id = $3, decided_by = $4, reason = $5, decided_at = now(), password_hash = NULL
        WHERE id = $1
        RETURNING id, territory_id, email, display_name, status, created_at`,
      [d.id, d.status, d.memberId, d.decidedBy, d.reason],
    );
    return toView(rows[0]!);
  }
}
