import { Inject, Injectable } from '@nestjs/common';
import type { GrantedRole, Role } from '@navette/contracts';
import { sql } from '@navette/sql';
import { DataSource, type EntityManager } from 'typeorm';

/** A role change as the audit log keeps it. */
export interface RoleDecision {
  subjectId: string;
  decidedBy: string;
  decision: 'grant-role' | 'withdraw-role';
  role: GrantedRole;
  territoryId: string;
  reason: string;
}

/** Members' roles and coordinated territories, and the audit log rows of their changes. */
@Injectable()
export class RoleRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  /** The member's role, locked; undefined when absent or erased. */
  async lockRole(manager: EntityManager, memberId: string): Promise<Role | undefined> {
    const rows = await sql<{ role: Role }>(
      manager,
      `SELECT role FROM members WHERE id = $1 AND erased_at IS NULL FOR UPDATE`,
      [memberId],
    );
    return rows[0]?.role;
  }

  async setRole(manager: EntityManager, memberId: string, role: Role): Promise<void> {
    await sql(manager, `UPDATE members SET role = $2 WHERE id = $1`, [memberId, role]);
  }

  /** Adds the territory to those the member coordinates; false when they already did. */
  async addCoordination(manager: EntityManager, memberId: string, territoryId: string): Promise<boolean> {
    const rows = await sql(
      manager,
      `INSERT INTO territory_coordinators (territory_id, member_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING 1`,
      [territoryId, memberId],
    );
    return rows.length > 0;
  }

  /** Removes it; returns how many territories the member still coordinates, or -1 when it was not theirs. */
  async removeCoordination(manager: EntityManager, memberId: string, territoryId: string): Promise<number> {
    const removed = await sql(
      manager,
      `DELETE FROM territory_coordinators WHERE territory_id = $1 AND member_id = $2 RETURNING 1`,
      [territoryId, memberId],
    );
    if (removed.length === 0) return -1;
    const left = await sql<{ n: number }>(
      manager,
      `SELECT count(*)::int AS n FROM territory_coordinators WHERE member_id = $1`,
      [memberId],
    );
    return left[0]!.n;
  }

  /** Whether the member has a vehicle (a coordinator who stops coordinating goes back to driving). */
  async hasVehicle(manager: EntityManager, memberId: string): Promise<boolean> {
    const rows = await sql(manager, `SELECT 1 FROM vehicles WHERE driver_id = $1 LIMIT 1`, [memberId]);
    return rows.length > 0;
  }

  /** Whether the driver is on shift now (a driver on shift keeps the role until the shift ends). */
  async onShift(manager: EntityManager, memberId: string): Promise<boolean> {
    const rows = await sql(manager, `SELECT 1 FROM shifts WHERE driver_id = $1 AND ended_at IS NULL`, [
      memberId,
    ]);
    return rows.length > 0;
  }

  /** Writes the change into the audit log (moderation decisions); returns the decision's id. */
  async record(manager: EntityManager, d: RoleDecision): Promise<string> {
    const rows = await sql<{ id: string }>(
      manager,
      `INSERT INTO moderation_decisions (subject_id, decided_by, decision, reason, role, territory_id)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [d.subjectId, d.decidedBy, d.decision, d.reason, d.role, d.territoryId],
    );
    return rows[0]!.id;
  }
}
