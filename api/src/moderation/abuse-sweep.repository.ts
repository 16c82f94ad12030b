import { Inject, Injectable } from '@nestjs/common';
import { sql } from '@navette/sql';
import { DataSource } from 'typeorm';

/** Any fixed key: one sweep at a time across every API node sharing the database. */
const SWEEP_LOCK_KEY = 4_764_230_400;

export interface SweepWindows {
  /** Failures, no-shows and cancellations are looked at over this many days. */
  windowDays: number;
  /** Riders who requested more than this many rides in the last 7 days are looked at. */
  overuseFloor: number;
}

@Injectable()
export class AbuseSweepRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  /**
   * Members whose recent history might call for an automatic report: failures reported about
   * them, no-shows reported by members, cancellations, or many ride requests in a week. The
   * checks themselves decide; this only keeps a sweep from reading every member.
   */
  async candidates(w: SweepWindows): Promise<string[]> {
    const rows: { id: string }[] = await this.db.query(
      `SELECT subject_id AS id FROM outcomes
        WHERE NOT success AND created_at > now() - make_interval(days => $1)
       UNION
       SELECT subject_id FROM abuse_reports
        WHERE kind = 'no-show' AND reporter_id IS NOT NULL AND created_at > now() - make_interval(days => $1)
       UNION
       SELECT rider_id FROM rides WHERE status = 'cancelled' AND cancelled_at > now() - make_interval(days => $1)
       UNION
       SELECT rider_id FROM rides WHERE requested_at > now() - interval '7 days'
        GROUP BY rider_id HAVING count(*) > $2`,
      [w.windowDays, w.overuseFloor],
    );
    return rows.map((r) => r.id);
  }

  /**
   * Runs `work` while holding the sweep's session advisory lock; returns undefined without running
   * it when another node is sweeping.
   */
  async exclusively<T>(work: () => Promise<T>): Promise<T | undefined> {
    const runner = this.db.createQueryRunner();
    await runner.connect();
    try {
      const rows = await sql<{ locked: boolean }>(runner, `SELECT pg_try_advisory_lock($1) AS locked`, [
        SWEEP_LOCK_KEY,
      ]);
      if (!rows[0]?.locked) return undefined;
      try {
        return await work();
      } finally {
        await runner.query(`SELECT pg_advisory_unlock($1)`, [SWEEP_LOCK_KEY]);
      }
    } finally {
      await runner.release();
    }
  }
}
