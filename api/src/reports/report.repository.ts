import { Inject, Injectable } from '@nestjs/common';
import type {
  DecisionView,
  MemberHistory,
  MyPairBlockView,
  PairBlockView,
  PairState,
  ReportKind,
  ReportView,
} from '@navette/contracts';
import { sql } from '@navette/sql';
import { DataSource, type EntityManager } from 'typeorm';
import type { MemberSignals } from './abuse-rules.js';
import { ABUSE_RULES } from './abuse-rules.js';

interface ReportRow {
  id: string;
  territory_id: string;
  kind: ReportKind;
  text: string;
  status: ReportView['status'];
  subject_id: string;
  subject_name: string;
  reporter_id: string | null;
  reporter_name: string | null;
  ride_id: string | null;
  created_at: Date;
  appeal_id: string | null;
  appeal_text: string | null;
  appeal_at: Date | null;
  appeal_status: 'open' | 'upheld' | 'overturned' | null;
}

const selectReport = `
  SELECT r.id, r.territory_id, r.kind, r.text, r.status, r.subject_id, s.display_name AS subject_name,
         r.reporter_id, p.display_name AS reporter_name, r.ride_id, r.created_at,
         a.id AS appeal_id, a.text AS appeal_text, a.created_at AS appeal_at, a.status AS appeal_status
    FROM abuse_reports r
    JOIN members s ON s.id = r.subject_id
    LEFT JOIN members p ON p.id = r.reporter_id
    LEFT JOIN LATERAL (
      SELECT ap.id, ap.text, ap.created_at, ap.status FROM appeals ap JOIN moderation_decisions d ON d.id = ap.decision_id
       WHERE d.report_id = r.id ORDER BY ap.created_at DESC LIMIT 1) a ON true`;

/**
 * A coordinator's scope, in SQL: the territories they coordinate and every one nested inside.
 * Used in every moderation query, so a coordinator with no territory sees nothing.
 */
const scopeOf = (param: string) => `(
  WITH RECURSIVE scope AS (
    SELECT territory_id AS id FROM territory_coordinators WHERE member_id = ${param}
    UNION SELECT t.id FROM territories t JOIN scope s ON t.parent_id = s.id)
  SELECT id FROM scope)`;

const toView = (r: ReportRow): ReportView => ({
  id: r.id,
  territoryId: r.territory_id,
  kind: r.kind,
  text: r.text,
  status: r.status,
  subject: { id: r.subject_id, name: r.subject_name },
  reporter: r.reporter_id ? { id: r.reporter_id, name: r.reporter_name! } : null,
  rideId: r.ride_id,
  createdAt: r.created_at.toISOString(),
  appeal: r.appeal_id
    ? { id: r.appeal_id, text: r.appeal_text!, at: r.appeal_at!.toISOString(), status: r.appeal_status! }
    : null,
});

@Injectable()
export class ReportRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  /**
   * The territory of a ride the two shared (optionally this one): as rider and driver, or as two
   * riders pooled in the same trip. Undefined when they never rode together.
   */
  async sharedRide(a: string, b: string, rideId: string | null): Promise<string | undefined> {
    const rows: { territory_id: string }[] = await this.db.query(
      `WITH carried AS (
         SELECT r.id AS ride_id, r.territory_id, r.rider_id, t.driver_id, t.id AS trip_id, r.requested_at
           FROM rides r
           JOIN assignments x ON x.ride_id = r.id AND x.status IN ('active', 'completed')
           JOIN trips t ON t.id = x.trip_id)
       SELECT c.territory_id FROM carried c
        WHERE (($1 = c.rider_id AND $2 = c.driver_id) OR ($2 = c.rider_id AND $1 = c.driver_id)
               OR (c.rider_id IN ($1, $2) AND EXISTS (
                     SELECT 1 FROM carried o WHERE o.trip_id = c.trip_id AND o.ride_id <> c.ride_id
                        AND o.rider_id IN ($1, $2) AND o.rider_id <> c.rider_id)))
          AND ($3::uuid IS NULL OR c.ride_id = $3)
        ORDER BY c.requested_at DESC LIMIT 1`,
      [a, b, rideId],
    );
    return rows[0]?.territory_id;
  }

  /**
   * The territory whose coordinators review a report: the given one, or — while the subject or
   * the reporter coordinates it — its parent, so nobody reviews a report about themselves.
   */
  async reviewingTerritory(
    territoryId: string,
    involved: string[],
    manager: EntityManager = this.db.manager,
  ) {
    const rows: { id: string }[] = await manager.query(
      `WITH RECURSIVE up AS (
         SELECT id, parent_id, 0 AS depth FROM territories WHERE id = $1
         UNION ALL SELECT t.id, t.parent_id, up.depth + 1 FROM territories t JOIN up ON t.id = up.parent_id)
       SELECT id FROM up
        WHERE NOT EXISTS (SELECT 1 FROM territory_coordinators c WHERE c.territory_id = up.id AND c.member_id = ANY($2::uuid[]))
        ORDER BY depth LIMIT 1`,
      [territoryId, involved],
    );
    return rows[0]?.id ?? territoryId;
  }

  async create(
    report: {
      territoryId: string;
      subjectId: string;
      reporterId: string | null;
      rideId: string | null;
      kind: ReportKind;
      text: string;
    },
    manager: EntityManager = this.db.manager,
  ): Promise<string> {
    const rows: { id: string }[] = await manager.query(
      `INSERT INTO abuse_reports (territory_id, subject_id, reporter_id, ride_id, kind, text)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [report.territoryId, report.subjectId, report.reporterId, report.rideId, report.kind, report.text],
    );
    return rows[0]!.id;
  }

  async openAutomaticKinds(subjectId: string): Promise<Set<ReportKind>> {
    const rows: { kind: ReportKind }[] = await this.db.query(
      `SELECT kind FROM abuse_reports WHERE subject_id = $1 AND reporter_id IS NULL AND status <> 'decided'`,
      [subjectId],
    );
    return new Set(rows.map((r) => r.kind));
  }

  async signals(memberId: string): Promise<MemberSignals & { homeTerritoryId: string | null }> {
    const rows: (MemberSignals & { homeTerritoryId: string | null })[] = await this.db.query(
      `SELECT
         (SELECT count(DISTINCT author_id)::int FROM outcomes
           WHERE subject_id = $1 AND NOT success AND created_at > now() - make_interval(days => $2)) AS "distinctFailureReporters",
         (SELECT count(*)::int FROM (
            SELECT reporter_id AS who FROM abuse_reports
             WHERE subject_id = $1 AND kind = 'no-show' AND reporter_id IS NOT NULL
               AND created_at > now() - make_interval(days => $2)
            UNION
            SELECT t.driver_id FROM rides r JOIN assignments a ON a.ride_id = r.id JOIN trips t ON t.id = a.trip_id
             WHERE r.rider_id = $1 AND r.status = 'no_show' AND r.no_show_at > now() - make_interval(days => $2)) AS seen
) AS "noShowReports",
         (SELECT count(DISTINCT r.id)::int FROM rides r JOIN assignments a ON a.ride_id = r.id
           WHERE r.rider_id = $1 AND r.status = 'cancelled' AND a.status = 'cancelled'
             AND r.cancelled_at > now() - make_interval(days => $2))
         -- A rota shift withdrawn after the territory's cut-off counts as a late cancellation (ADR 0027).
         + (SELECT count(*)::int FROM rota_signups
             WHERE driver_id = $1 AND status = 'withdrawn' AND late AND ended_at > now() - make_interval(days => $2)) AS "lateCancellations",
         (SELECT count(*)::int FROM rides WHERE rider_id = $1 AND requested_at > now() - interval '7 days') AS "ridesLastWeek",
         COALESCE((SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY n) FROM (
            SELECT count(*) AS n FROM rides x
             WHERE x.territory_id = (SELECT territory_id FROM rides WHERE rider_id = $1 ORDER BY requested_at DESC LIMIT 1)
               AND x.requested_at > now() - interval '7 days' GROUP BY x.rider_id) per_rider), 0)::float8 AS "territoryMedianLastWeek",
         COALESCE(
           (SELECT home_territory_id FROM members WHERE id = $1),
           (SELECT territory_id FROM rides WHERE rider_id = $1 ORDER BY requested_at DESC LIMIT 1),
           (SELECT r.territory_id FROM outcomes o JOIN rides r ON r.id = o.ride_id
             WHERE o.subject_id = $1 ORDER BY o.created_at DESC LIMIT 1),
           (SELECT territory_id FROM shifts WHERE driver_id = $1 ORDER BY started_at DESC LIMIT 1)) AS "homeTerritoryId"`,
      [memberId, ABUSE_RULES.windowDays],
    );
    return rows[0]!;
  }

  /** The queue of a coordinator (their scope, never reports about themselves); `null`: an admin's, every report. */
  async listForCoordinator(coordinatorId: string | null, status: string | undefined): Promise<ReportView[]> {
    const rows: ReportRow[] = await this.db.query(
      `${selectReport}
        WHERE ($1::uuid IS NULL OR (r.territory_id IN ${scopeOf('$1')} AND r.subject_id <> $1))
          AND ($2::text IS NULL OR r.status = $2)
        ORDER BY r.created_at DESC LIMIT 200`,
      [coordinatorId, status ?? null],
    );
    return rows.map(toView);
  }

  async getForCoordinator(coordinatorId: string | null, reportId: string): Promise<ReportView | undefined> {
    const rows: ReportRow[] = await this.db.query(
      `${selectReport}
        WHERE r.id = $2 AND ($1::uuid IS NULL OR (r.territory_id IN ${scopeOf('$1')} AND r.subject_id <> $1))`,
      [coordinatorId, reportId],
    );
    return rows[0] && toView(rows[0]);
  }

  async history(memberId: string): Promise<MemberHistory> {
    const rows: MemberHistory[] = await this.db.query(
      `SELECT m.id AS "memberId", m.display_name AS name, m.standing,
              (SELECT count(*)::int FROM rides WHERE rider_id = m.id) AS "ridesRequested",
              (SELECT count(*)::int FROM rides WHERE rider_id = m.id AND status = 'completed') AS "ridesCompleted",
              (SELECT count(DISTINCT r.id)::int FROM rides r JOIN assignments a ON a.ride_id = r.id
                WHERE r.rider_id = m.id AND r.status = 'cancelled' AND a.status = 'cancelled') AS "cancellationsAfterAssignment",
              (SELECT count(*)::int FROM trips WHERE driver_id = m.id AND status = 'completed') AS "tripsDriven",
              json_build_object(
                'successes', (SELECT count(*)::int FROM outcomes WHERE subject_id = m.id AND success),
                'failures', (SELECT count(*)::int FROM outcomes WHERE subject_id = m.id AND NOT success)) AS "outcomesReceived",
              COALESCE((SELECT json_agg(json_build_object('kind', kind, 'status', status, 'at', created_at) ORDER BY created_at DESC)
                          FROM abuse_reports WHERE subject_id = m.id), '[]') AS reports,
              COALESCE((SELECT json_agg(json_build_object('decision', decision, 'reason', reason, 'at', created_at) ORDER BY created_at DESC)
                          FROM moderation_decisions WHERE subject_id = m.id), '[]') AS decisions
         FROM members m WHERE m.id = $1`,
      [memberId],
    );
    return rows[0]!;
  }

  /** Records the decision (the audit log), applies it to the member's standing, closes the report. */
  async decide(
    reportId: string,
    subjectId: string,
    deciderId: string,
    decision: { decision: string; reason: string; restrictions: object | null },
  ): Promise<string> {
    return this.db.transaction(async (manager) => {
      const rows = await sql<{ id: string }>(
        manager,
        `INSERT INTO moderation_decisions (report_id, subject_id, decided_by, decision, reason, restrictions)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
        [
          reportId,
          subjectId,
          deciderId,
          decision.decision,
          decision.reason,
          decision.restrictions && JSON.stringify(decision.restrictions),
        ],
      );
      const standing: Record<string, string | null> = {
        dismiss: null,
        warn: 'warned',
        restrict: 'restricted',
        suspend: 'suspended',
        restore: 'active',
      };
      const next = standing[decision.decision];
      if (next) {
        // restrict sets the restrictions; restore lifts them; warn and suspend leave them.
        const restrictions =
          decision.decision === 'restrict'
            ? (decision.restrictions ?? {})
            : decision.decision === 'restore'
              ? {}
              : null;
        await sql(
          manager,
          // A tombstone (erased member) stays suspended: the decision is logged, nobody is there to apply it to.
          `UPDATE members SET standing = $2, restrictions = COALESCE($3::jsonb, restrictions)
            WHERE id = $1 AND erased_at IS NULL`,
          [subjectId, next, restrictions === null ? null : JSON.stringify(restrictions)],
        );
      }
      await sql(manager, `UPDATE abuse_reports SET status = 'decided' WHERE id = $1`, [reportId]);
      return rows[0]!.id;
    });
  }

  async decisionsAbout(memberId: string): Promise<DecisionView[]> {
    const rows: {
      id: string;
      decision: DecisionView['decision'];
      reason: string;
      created_at: Date;
      kind: ReportKind | null;
      appealed: boolean;
      appeal: DecisionView['appeal'];
    }[] = await this.db.query(
      `SELECT d.id, d.decision, d.reason, d.created_at, r.kind,
                EXISTS (SELECT 1 FROM appeals a WHERE a.decision_id = d.id) AS appealed,
                (SELECT a.status FROM appeals a WHERE a.decision_id = d.id ORDER BY a.created_at DESC LIMIT 1) AS appeal
           FROM moderation_decisions d LEFT JOIN abuse_reports r ON r.id = d.report_id
          WHERE d.subject_id = $1 ORDER BY d.created_at DESC`,
      [memberId],
    );
    return rows.map((r) => ({
      id: r.id,
      decision: r.decision,
      reason: r.reason,
      at: r.created_at.toISOString(),
      reportKind: r.kind,
      appealed: r.appealed,
      appeal: r.appeal,
    }));
  }

  /**
   * A coordinator answers an open appeal on a report they may review. Overturning restores the
   * member (logged as a `restore` decision with the reason); upholding keeps the decision.
   */
  async resolveAppeal(
    coordinatorId: string | null,
    deciderId: string,
    appealId: string,
    outcome: 'upheld' | 'overturned',
    reason: string,
  ): Promise<boolean> {
    return this.db.transaction(async (manager) => {
      const rows = await sql<{ report_id: string; subject_id: string }>(
        manager,
        `UPDATE appeals a SET status = $3
           FROM moderation_decisions d JOIN abuse_reports r ON r.id = d.report_id
          WHERE a.id = $2 AND a.status = 'open' AND d.id = a.decision_id
            AND ($1::uuid IS NULL OR (r.territory_id IN ${scopeOf('$1')} AND r.subject_id <> $1))
          RETURNING r.id AS report_id, d.subject_id`,
        [coordinatorId, appealId, outcome],
      );
      const appeal = rows[0];
      if (!appeal) return false;
      if (outcome === 'overturned') {
        await manager.query(
          `INSERT INTO moderation_decisions (report_id, subject_id, decided_by, decision, reason)
           VALUES ($1, $2, $3, 'restore', $4)`,
          [appeal.report_id, appeal.subject_id, deciderId, reason],
        );
        await sql(
          manager,
          `UPDATE members SET standing = 'active', restrictions = '{}' WHERE id = $1 AND erased_at IS NULL`,
          [appeal.subject_id],
        );
      }
      await sql(manager, `UPDATE abuse_reports SET status = 'decided' WHERE id = $1`, [appeal.report_id]);
      return true;
    });
  }

  /** An appeal by the member the decision is about; the report goes back to the queue as `appealed`. */
  async appeal(memberId: string, decisionId: string, text: string): Promise<boolean> {
    return this.db.transaction(async (manager) => {
      const decision: { report_id: string | null }[] = await manager.query(
        `SELECT report_id FROM moderation_decisions WHERE id = $1 AND subject_id = $2`,
        [decisionId, memberId],
      );
      if (!decision[0]) return false;
      await manager.query(
        `INSERT INTO appeals (decision_id, member_id, text) VALUES ($1, $2, $3)
         ON CONFLICT (decision_id, member_id) DO UPDATE SET text = EXCLUDED.text, created_at = now()`,
        [decisionId, memberId, text],
      );
      if (decision[0].report_id) {
        await sql(manager, `UPDATE abuse_reports SET status = 'appealed' WHERE id = $1`, [
          decision[0].report_id,
        ]);
      }
      return true;
    });
  }

  /** The open pair blocks the member is in, either side, newest first, with the other member's name. */
  async pairBlocksOf(memberId: string): Promise<MyPairBlockView[]> {
    const rows = await sql<{ id: string; name: string; by_me: boolean; reason: string; created_at: Date }>(
      this.db,
      `SELECT b.id, m.display_name AS name, b.member_id = $1 AS by_me, b.reason, b.created_at
         FROM pair_blocks b
         JOIN members m ON m.id = CASE WHEN b.member_id = $1 THEN b.counterpart_id ELSE b.member_id END
        WHERE b.cleared_at IS NULL AND $1 IN (b.member_id, b.counterpart_id)
        ORDER BY b.created_at DESC, b.id`,
      [memberId],
    );
    return rows.map((r) => ({
      id: r.id,
      counterpartName: r.name,
      byMe: r.by_me,
      reason: r.reason,
      since: r.created_at.toISOString(),
    }));
  }

  /** Open blocks in a coordinator's scope, never one they are part of; `null`: an admin's, every one. */
  async openPairBlocks(coordinatorId: string | null): Promise<PairBlockView[]> {
    const rows: {
      id: string;
      member_id: string;
      member_name: string;
      counterpart_id: string;
      counterpart_name: string;
      reason: string;
      territory_id: string | null;
      created_at: Date;
    }[] = await this.db.query(
      `SELECT b.id, b.member_id, m.display_name AS member_name, b.counterpart_id,
              c.display_name AS counterpart_name, b.reason, b.territory_id, b.created_at
         FROM pair_blocks b JOIN members m ON m.id = b.member_id JOIN members c ON c.id = b.counterpart_id
          WHERE b.cleared_at IS NULL
            AND ($1::uuid IS NULL OR (b.territory_id IN ${scopeOf('$1')} AND $1 NOT IN (b.member_id, b.counterpart_id)))
          ORDER BY b.created_at DESC`,
      [coordinatorId],
    );
    return rows.map((r) => ({
      id: r.id,
      memberId: r.member_id,
      memberName: r.member_name,
      counterpartId: r.counterpart_id,
      counterpartName: r.counterpart_name,
      reason: r.reason,
      territoryId: r.territory_id,
      createdAt: r.created_at.toISOString(),
    }));
  }

  /**
   * Tit for two tats around one member: for each person they exchanged outcomes with (the latest
   * first, at most 10), both sides' latest answers and the open block between them.
   */
  async pairsOf(memberId: string): Promise<PairState[]> {
    const rows: {
      id: string;
      name: string;
      about: boolean[];
      by: boolean[];
      block_id: string | null;
      block_since: Date | null;
    }[] = await this.db.query(
      `WITH answers AS (
         SELECT CASE WHEN author_id = $1 THEN subject_id ELSE author_id END AS other,
                author_id = $1 AS by_subject, success, created_at
           FROM outcomes WHERE author_id = $1 OR subject_id = $1),
       latest AS (SELECT other, max(created_at) AS last FROM answers GROUP BY other ORDER BY last DESC LIMIT 10)
       SELECT l.other AS id, m.display_name AS name,
              ARRAY(SELECT a.success FROM answers a WHERE a.other = l.other AND NOT a.by_subject
                     ORDER BY a.created_at DESC LIMIT 5) AS about,
              ARRAY(SELECT a.success FROM answers a WHERE a.other = l.other AND a.by_subject
                     ORDER BY a.created_at DESC LIMIT 5) AS by,
              b.id AS block_id, b.created_at AS block_since
         FROM latest l
         JOIN members m ON m.id = l.other
         LEFT JOIN pair_blocks b ON b.cleared_at IS NULL
              AND LEAST(b.member_id, b.counterpart_id) = LEAST($1::uuid, l.other)
              AND GREATEST(b.member_id, b.counterpart_id) = GREATEST($1::uuid, l.other)
        ORDER BY l.last DESC`,
      [memberId],
    );
    return rows.map((r) => ({
      counterpart: { id: r.id, name: r.name },
      aboutSubject: r.about,
      bySubject: r.by,
      block: r.block_id ? { id: r.block_id, since: r.block_since!.toISOString() } : null,
    }));
  }

  /** Clears a pair block in the coordinator's scope (admins: any), logging the reason. */
  async clearPairBlock(
    coordinatorId: string,
    admin: boolean,
    blockId: string,
    reason: string,
  ): Promise<boolean> {
    return this.db.transaction(async (manager) => {
      const cleared = await sql<{ member_id: string }>(
        manager,
        `UPDATE pair_blocks SET cleared_at = now(), cleared_by = $1
          WHERE id = $2 AND cleared_at IS NULL AND $1 NOT IN (member_id, counterpart_id)
            AND ($3 OR territory_id IN ${scopeOf('$1')})
          RETURNING member_id`,
        [coordinatorId, blockId, admin],
      );
      if (!cleared[0]) return false;
      await manager.query(
        `INSERT INTO moderation_decisions (subject_id, decided_by, decision, reason, pair_block_id)
         VALUES ($1, $2, 'clear-pair', $3, $4)`,
        [cleared[0].member_id, coordinatorId, reason, blockId],
      );
      return true;
    });
  }
}
