import { Inject, Injectable } from '@nestjs/common';
import type { AuditEntry } from '@navette/contracts';
import { sql } from '@navette/sql';
import { DataSource } from 'typeorm';

interface AuditRow {
  id: string;
  decision: AuditEntry['decision'];
  reason: string;
  created_at: Date;
  territory_id: string | null;
  subject_id: string;
  subject_name: string;
  decided_by: string;
  decider_name: string;
  ride_id: string | null;
  report_id: string | null;
  role: AuditEntry['role'];
}

/** How many entries one read returns, newest first. */
export const AUDIT_LOG_LIMIT = 200;

/**
 * The audit log of a set of territories: every decision (moderation, pair blocks, roles, dispatch
 * overrides) taken in one of them. A decision's territory is its own column (roles, overrides), else
 * its report's, else its pair block's.
 */
@Injectable()
export class AuditLogRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  async entries(territoryIds: string[]): Promise<AuditEntry[]> {
    const rows = await sql<AuditRow>(
      this.db,
      `SELECT d.id, d.decision, d.reason, d.created_at,
              COALESCE(d.territory_id, r.territory_id, b.territory_id) AS territory_id,
              d.subject_id, s.display_name AS subject_name, d.decided_by, c.display_name AS decider_name,
              d.ride_id, d.report_id, d.role
         FROM moderation_decisions d
         JOIN members s ON s.id = d.subject_id
         JOIN members c ON c.id = d.decided_by
         LEFT JOIN abuse_reports r ON r.id = d.report_id
         LEFT JOIN pair_blocks b ON b.id = d.pair_block_id
        WHERE COALESCE(d.territory_id, r.territory_id, b.territory_id) = ANY($1::uuid[])
        ORDER BY d.created_at DESC, d.id
        LIMIT ${AUDIT_LOG_LIMIT}`,
      [territoryIds],
    );
    return rows.map((r) => ({
      id: r.id,
      decision: r.decision,
      reason: r.reason,
      at: r.created_at.toISOString(),
      territoryId: r.territory_id,
      subject: { id: r.subject_id, name: r.subject_name },
      decidedBy: { id: r.decided_by, name: r.decider_name },
      rideId: r.ride_id,
      reportId: r.report_id,
      role: r.role,
    }));
  }
}
