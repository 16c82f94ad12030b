import { Inject, Injectable } from '@nestjs/common';
import type { RotaSignupView, SignupStatus } from '@navette/contracts';
import { sql, type Queryable } from '@navette/sql';
import { DataSource } from 'typeorm';
import { driverTerritoriesCte, endsAtSql, happensOnSql, startsAtSql } from './rota-sql.js';
import type { SignupFacts } from './volunteer-limits.js';

/** An occurrence locked for a change of its sign-ups (lock order step 6, ADR 0027). */
export interface LockedOccurrence {
  id: string;
  slotId: string;
  date: string;
  territoryId: string;
  startsAt: Date;
  endsAt: Date;
  driversNeeded: number;
  withdrawCutoffMinutes: number;
}

/** A sign-up with what deciding on it needs. */
export interface SignupRow {
  id: string;
  occurrenceId: string;
  driverId: string;
  status: SignupStatus;
  shiftId: string | null;
}

const SIGNUP_VIEW = `su.id, su.driver_id AS "driverId", m.display_name AS "driverName", su.status, su.late, su.shift_id AS "shiftId"`;

/** Sign-ups, waiting lists and swaps; every write runs inside the caller's transaction. */
@Injectable()
export class RotaSignupsRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  /** Whether the slot is one of the driver's territories' (home, containing, nested), not removed. */
  async slotVisibleTo(driverId: string, slotId: string): Promise<boolean> {
    const rows = await sql(
      this.db,
      `WITH RECURSIVE ${driverTerritoriesCte('$1')}
       SELECT 1 FROM rota_slots s WHERE s.id = $2 AND s.removed_at IS NULL AND s.territory_id IN (SELECT id FROM driver_territories)`,
      [driverId, slotId],
    );
    return rows.length > 0;
  }

  /** The territories a driver's rota covers. */
  async driverTerritories(driverId: string): Promise<string[]> {
    const rows = await sql<{ id: string }>(
      this.db,
      `WITH RECURSIVE ${driverTerritoriesCte('$1')} SELECT id FROM driver_territories`,
      [driverId],
    );
    return rows.map((r) => r.id);
  }

  /**
   * The occurrence of the slot on `date`, made if it is the first sign-up, and locked; undefined
   * when the slot does not happen that day.
   */
  async lockOccurrence(tx: Queryable, slotId: string, date: string): Promise<LockedOccurrence | undefined> {
    await sql(
      tx,
      `INSERT INTO rota_occurrences (slot_id, date, starts_at, ends_at)
       SELECT s.id, $2::date, ${startsAtSql('s', 't', '$2::date')}, ${endsAtSql('s', 't', '$2::date')}
         FROM rota_slots s JOIN territories t ON t.id = s.territory_id
        WHERE s.id = $1 AND s.removed_at IS NULL AND ${happensOnSql('s', '$2::date')}
       ON CONFLICT (slot_id, date) DO NOTHING`,
      [slotId, date],
    );
    return this.lockById(tx, undefined, slotId, date);
  }

  async lockById(
    tx: Queryable,
    occurrenceId: string | undefined,
    slotId?: string,
    date?: string,
  ): Promise<LockedOccurrence | undefined> {
    const [row] = await sql<LockedOccurrence>(
      tx,
      `SELECT o.id, o.slot_id AS "slotId", to_char(o.date, 'YYYY-MM-DD') AS date, s.territory_id AS "territoryId",
              o.starts_at AS "startsAt", o.ends_at AS "endsAt", s.drivers_needed AS "driversNeeded",
              t.rota_withdraw_cutoff_minutes AS "withdrawCutoffMinutes"
         FROM rota_occurrences o JOIN rota_slots s ON s.id = o.slot_id JOIN territories t ON t.id = s.territory_id
        WHERE ($1::uuid IS NOT NULL AND o.id = $1) OR ($1::uuid IS NULL AND o.slot_id = $2 AND o.date = $3::date)
        FOR UPDATE OF o`,
      [occurrenceId ?? null, slotId ?? null, date ?? null],
    );
    return row;
  }

  /** A sign-up, read without a lock (to find its occurrence, which is locked first). */
  async signup(runner: Queryable, signupId: string): Promise<SignupRow | undefined> {
    const [row] = await sql<SignupRow>(
      runner,
      `SELECT id, occurrence_id AS "occurrenceId", driver_id AS "driverId", status, shift_id AS "shiftId"
         FROM rota_signups WHERE id = $1`,
      [signupId],
    );
    return row;
  }

  async liveSignupOf(tx: Queryable, occurrenceId: string, driverId: string): Promise<SignupRow | undefined> {
    const [row] = await sql<SignupRow>(
      tx,
      `SELECT id, occurrence_id AS "occurrenceId", driver_id AS "driverId", status, shift_id AS "shiftId"
         FROM rota_signups WHERE occurrence_id = $1 AND driver_id = $2 AND status IN ('signed', 'waiting')`,
      [occurrenceId, driverId],
    );
    return row;
  }

  async signedCount(tx: Queryable, occurrenceId: string): Promise<number> {
    const [row] = await sql<{ n: number }>(
      tx,
      `SELECT count(*)::int AS n FROM rota_signups WHERE occurrence_id = $1 AND status = 'signed'`,
      [occurrenceId],
    );
    return row!.n;
  }

  /** Whether the driver is signed for another shift overlapping this one. */
  async overlapping(tx: Queryable, occurrence: LockedOccurrence, driverId: string): Promise<boolean> {
    const rows = await sql(
      tx,
      `SELECT 1 FROM rota_signups su JOIN rota_occurrences o ON o.id = su.occurrence_id
        WHERE su.driver_id = $1 AND su.status = 'signed' AND o.id <> $2 AND o.starts_at < $4 AND o.ends_at > $3`,
      [driverId, occurrence.id, occurrence.startsAt, occurrence.endsAt],
    );
    return rows.length > 0;
  }

  /** What the driver's own limits are checked against for this occurrence (its local week). */
  async facts(tx: Queryable, occurrenceId: string, driverId: string): Promise<SignupFacts> {
    const [row] = await sql<SignupFacts & { quietStart: number | null; quietEnd: number | null }>(
      tx,
      `WITH occ AS (
         SELECT o.id, o.starts_at, o.ends_at, t.timezone,
                date_trunc('week', o.starts_at AT TIME ZONE t.timezone) AS week
           FROM rota_occurrences o JOIN rota_slots s ON s.id = o.slot_id JOIN territories t ON t.id = s.territory_id
          WHERE o.id = $1),
       mine AS (
         SELECT o.starts_at, o.ends_at FROM rota_signups su
           JOIN rota_occurrences o ON o.id = su.occurrence_id JOIN rota_slots s ON s.id = o.slot_id
           JOIN territories t ON t.id = s.territory_id, occ
          WHERE su.driver_id = $2 AND su.status = 'signed' AND o.id <> occ.id
            AND date_trunc('week', o.starts_at AT TIME ZONE t.timezone) = occ.week)
       SELECT (EXTRACT(HOUR FROM occ.starts_at AT TIME ZONE occ.timezone) * 60
               + EXTRACT(MINUTE FROM occ.starts_at AT TIME ZONE occ.timezone))::int AS "startMinute",
              (EXTRACT(EPOCH FROM (occ.ends_at - occ.starts_at)) / 60)::int AS "durationMinutes",
              lower(m.quiet_hours) AS "quietStart", upper(m.quiet_hours) AS "quietEnd",
              m.declared_hours_per_week AS "declaredHoursPerWeek", m.weekly_trip_limit AS "weeklyTripLimit",
              COALESCE((SELECT sum(EXTRACT(EPOCH FROM (ends_at - starts_at)) / 60) FROM mine), 0)::float8 AS "signedMinutesThatWeek",
              (SELECT count(*) FROM mine)::int AS "signedShiftsThatWeek"
         FROM occ, members m WHERE m.id = $2`,
      [occurrenceId, driverId],
    );
    const { quietStart, quietEnd, ...facts } = row!;
    return { ...facts, quietHours: quietStart === null ? null : [quietStart, quietEnd!] };
  }

  async insert(
    tx: Queryable,
    occurrenceId: string,
    driverId: string,
    status: 'signed' | 'waiting',
  ): Promise<string> {
    const [row] = await sql<{ id: string }>(
      tx,
      `INSERT INTO rota_signups (occurrence_id, driver_id, status, signed_at)
       VALUES ($1, $2, $3, CASE WHEN $3 = 'signed' THEN now() END) RETURNING id`,
      [occurrenceId, driverId, status],
    );
    return row!.id;
  }

  /** Ends a live sign-up (withdrawn, handed over, no-show); its open swaps are cancelled. */
  async end(
    tx: Queryable,
    signupId: string,
    status: 'withdrawn' | 'handed-over' | 'no-show',
    late = false,
  ): Promise<void> {
    await sql(
      tx,
      `UPDATE rota_swaps SET status = 'cancelled', decided_at = now() WHERE signup_id = $1 AND status = 'open'`,
      [signupId],
    );
    await sql(tx, `UPDATE rota_signups SET status = $2, ended_at = now(), late = $3 WHERE id = $1`, [
      signupId,
      status,
      late,
    ]);
  }

  /** The waiting list of an occurrence, first in line first. */
  waiting(tx: Queryable, occurrenceId: string): Promise<{ id: string; driverId: string }[]> {
    return sql(
      tx,
      `SELECT id, driver_id AS "driverId" FROM rota_signups WHERE occurrence_id = $1 AND status = 'waiting'
        ORDER BY created_at, id`,
      [occurrenceId],
    );
  }

  async promote(tx: Queryable, signupId: string): Promise<void> {
    await sql(tx, `UPDATE rota_signups SET status = 'signed', signed_at = now() WHERE id = $1`, [signupId]);
  }

  async view(runner: Queryable, signupId: string): Promise<RotaSignupView> {
    const [row] = await sql<RotaSignupView>(
      runner,
      `SELECT ${SIGNUP_VIEW} FROM rota_signups su JOIN members m ON m.id = su.driver_id WHERE su.id = $1`,
      [signupId],
    );
    return row!;
  }

  async openSwap(tx: Queryable, signupId: string, toDriverId: string | null): Promise<string | undefined> {
    const [row] = await sql<{ id: string }>(
      tx,
      `INSERT INTO rota_swaps (signup_id, to_driver_id) VALUES ($1, $2)
       ON CONFLICT (signup_id) WHERE status = 'open' DO NOTHING RETURNING id`,
      [signupId, toDriverId],
    );
    return row?.id;
  }

  async swap(
    runner: Queryable,
    swapId: string,
    lock = false,
  ): Promise<{ id: string; signupId: string; toDriverId: string | null; status: string } | undefined> {
    const [row] = await sql<{ id: string; signupId: string; toDriverId: string | null; status: string }>(
      runner,
      `SELECT id, signup_id AS "signupId", to_driver_id AS "toDriverId", status FROM rota_swaps WHERE id = $1
       ${lock ? 'FOR UPDATE' : ''}`,
      [swapId],
    );
    return row;
  }

  async acceptSwap(tx: Queryable, swapId: string, by: string): Promise<void> {
    await sql(
      tx,
      `UPDATE rota_swaps SET status = 'accepted', accepted_by = $2, decided_at = now() WHERE id = $1`,
      [swapId, by],
    );
  }

  async isDriver(driverId: string): Promise<boolean> {
    const rows = await sql(
      this.db,
      `SELECT 1 FROM members WHERE id = $1 AND role = 'driver' AND erased_at IS NULL`,
      [driverId],
    );
    return rows.length > 0;
  }

  async linkShift(signupId: string, shiftId: string): Promise<void> {
    await sql(this.db, `UPDATE rota_signups SET shift_id = $2 WHERE id = $1 AND status = 'signed'`, [
      signupId,
      shiftId,
    ]);
  }

  async times(signupId: string): Promise<{ startsAt: Date; endsAt: Date } | undefined> {
    const [row] = await sql<{ startsAt: Date; endsAt: Date }>(
      this.db,
      `SELECT o.starts_at AS "startsAt", o.ends_at AS "endsAt" FROM rota_signups su
         JOIN rota_occurrences o ON o.id = su.occurrence_id WHERE su.id = $1`,
      [signupId],
    );
    return row;
  }
}
