import { Inject, Injectable } from '@nestjs/common';
import type { MemberView, Role } from '@navette/contracts';
import { DataSource } from 'typeorm';
import { managedSubtree } from '../territories/territory-scope.js';

/** What decides a member's access: their role and whether a coordinator suspended them. */
export interface MemberAccessRow {
  id: string;
  role: Role;
  standing: 'active' | 'warned' | 'restricted' | 'suspended';
  session_version: number;
}

export interface MemberRow {
  id: string;
  email: string;
  display_name: string;
  password_hash: string;
  role: Role;
  home_territory_id: string | null;
  coordinated_territory_ids: string[];
  session_version: number;
}

/** Erased members (tombstones) are nobody: they cannot log in and are not found. */
const selectMember = `
  SELECT m.id, m.email, m.display_name, m.password_hash, m.role, m.home_territory_id, m.session_version,
         COALESCE(array_agg(tc.territory_id) FILTER (WHERE tc.territory_id IS NOT NULL), '{}') AS coordinated_territory_ids
    FROM members m LEFT JOIN territory_coordinators tc ON tc.member_id = m.id`;

@Injectable()
export class MemberRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  async findByEmail(email: string): Promise<MemberRow | undefined> {
    const rows: MemberRow[] = await this.db.query(
      `${selectMember} WHERE m.email = $1 AND m.erased_at IS NULL GROUP BY m.id`,
      [email.toLowerCase()],
    );
    return rows[0];
  }

  async findById(id: string): Promise<MemberRow | undefined> {
    const rows: MemberRow[] = await this.db.query(
      `${selectMember} WHERE m.id = $1 AND m.erased_at IS NULL GROUP BY m.id`,
      [id],
    );
    return rows[0];
  }

  /**
   * Members whose home is the territory or one nested in it, by name (at most `limit`), when the
   * caller (`callerId`, `admin`) manages it; none otherwise.
   */
  ofManagedTerritory(
    territoryId: string,
    callerId: string,
    admin: boolean,
    limit: number,
  ): Promise<MemberRow[]> {
    return this.db.query(
      `${managedSubtree('$1', '$2', '$3')}
       ${selectMember}
        WHERE m.home_territory_id IN (SELECT id FROM subtree) AND m.erased_at IS NULL
        GROUP BY m.id ORDER BY m.display_name, m.id LIMIT $4`,
      [territoryId, callerId, admin, limit],
    );
  }

  /** Role and standing of each of these members that exists (one query, whatever the count); an erased member no longer does. */
  accessOf(ids: readonly string[]): Promise<MemberAccessRow[]> {
    return this.db.query(
      `SELECT id, role, standing, session_version FROM members WHERE id = ANY($1::uuid[]) AND erased_at IS NULL`,
      [ids],
    );
  }
}

export function toMemberView(row: MemberRow): MemberView {
  return {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    role: row.role,
    homeTerritoryId: row.home_territory_id,
    coordinatedTerritoryIds: row.coordinated_territory_ids,
  };
}
