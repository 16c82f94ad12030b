import { Inject, Injectable } from '@nestjs/common';
import type { Role } from '@navette/contracts';
import { sql } from '@navette/sql';
import { DataSource, type EntityManager } from 'typeorm';

/** What replaces a free text written by or about an erased member. */
export const ERASED_TEXT = '[erased]';

export interface ErasureCandidate {
  id: string;
  role: Role;
  password_hash: string;
  coordinates: boolean;
  on_shift: boolean;
  open_rides: number;
}

/** The writes of an erasure (GDPR article 17), each inside the caller's transaction. */
@Injectable()
export class ErasureRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  /**
   * The member, locked against concurrent changes (and new rides: their foreign key waits for the
   * lock), with what would forbid erasing them now; undefined when absent or already erased.
   */
  async lock(manager: EntityManager, memberId: string): Promise<ErasureCandidate | undefined> {
    const rows: ErasureCandidate[] = await manager.query(
      `SELECT m.id, m.role, m.password_hash,
              EXISTS (SELECT 1 FROM territory_coordinators WHERE member_id = m.id) AS coordinates,
              EXISTS (SELECT 1 FROM shifts WHERE driver_id = m.id AND ended_at IS NULL) AS on_shift,
              (SELECT count(*)::int FROM rides
                WHERE rider_id = m.id AND status IN ('requested', 'offered', 'assigned', 'picked_up')) AS open_rides
         FROM members m WHERE m.id = $1 AND m.erased_at IS NULL FOR UPDATE`,
      [memberId],
    );
    return rows[0];
  }

  /** Removes the vouches the member gave and received: a tombstone is nobody's trust bridge. */
  async removeVouches(manager: EntityManager, memberId: string): Promise<number> {
    const rows = await sql(
      manager,
      `DELETE FROM vouches WHERE $1 IN (voucher_id, vouchee_id) RETURNING voucher_id`,
      [memberId],
    );
    return rows.length;
  }

  /**
   * Replaces every free text the member wrote (reports, appeals) or that was written about them
   * (reports, decisions' reasons) by a marker; the records themselves stay for the others involved.
   */
  async eraseTexts(manager: EntityManager, memberId: string): Promise<number> {
    const counts = await sql<{ n: number }>(
      manager,
      `WITH reports AS (
         UPDATE abuse_reports SET text = $2 WHERE $1 IN (reporter_id, subject_id) AND text <> $2 RETURNING 1),
       appeals AS (
         UPDATE appeals SET text = $2 WHERE member_id = $1 AND text <> $2 RETURNING 1),
       decisions AS (
         UPDATE moderation_decisions SET reason = $2 WHERE subject_id = $1 AND reason <> $2 RETURNING 1)
       SELECT ((SELECT count(*) FROM reports) + (SELECT count(*) FROM appeals) + (SELECT count(*) FROM decisions))::int AS n`,
      [memberId, ERASED_TEXT],
    );
    return counts[0]?.n ?? 0;
  }

  /**
   * Positions, vehicles' names, the rides' client keys, what the member declared to join and to
   * drive (registration requests under their email or that made them, requests to drive: names,
   * vehicle labels, weekly availability), and where they were suggested to wait and what they
   * answered (nobody else's record, no count built on it): what else holds the member's traces.
   * Runs before the tombstone, while the member's email is still theirs.
   */
  async eraseTraces(manager: EntityManager, memberId: string): Promise<void> {
    await manager.query(`DELETE FROM driver_positions WHERE driver_id = $1`, [memberId]);
    await manager.query(`DELETE FROM waiting_spot_suggestions WHERE driver_id = $1`, [memberId]);
    await manager.query(
      `DELETE FROM registration_requests
        WHERE member_id = $1 OR email = (SELECT email FROM members WHERE id = $1)`,
      [memberId],
    );
    await manager.query(`DELETE FROM drive_requests WHERE member_id = $1`, [memberId]);
    await manager.query(`UPDATE vehicles SET label = $2 WHERE driver_id = $1`, [memberId, ERASED_TEXT]);
    await manager.query(`UPDATE rides SET idempotency_key = NULL WHERE rider_id = $1`, [memberId]);
  }

  /**
   * Turns the member row into a tombstone (constraint `members_tombstone_anonymous`): nothing that
   * names the person, no settings, out of matching; `unusableHash` matches no password.
   */
  async tombstone(manager: EntityManager, memberId: string, unusableHash: string): Promise<Date> {
    const rows = await sql<{ erased_at: Date }>(
      manager,
      `UPDATE members
          SET email = 'erased-' || id || '@erased.invalid', display_name = 'Erased member', password_hash = $2,
              standing = 'suspended', restrictions = '{}', max_trust_distance = NULL, weekly_trip_limit = NULL,
              declared_hours_per_week = 0, quiet_hours = NULL, home_territory_id = NULL, vouch_code = NULL,
              waiting_spot_suggestions = DEFAULT, erased_at = now()
        WHERE id = $1
       RETURNING erased_at`,
      [memberId, unusableHash],
    );
    return rows[0]!.erased_at;
  }
}
