import { Inject, Injectable } from '@nestjs/common';
import type {
  RotaOccurrenceView,
  RotaRules,
  RotaSignupView,
  RotaSlotView,
  RotaSwapView,
  SignupStatus,
} from '@navette/contracts';
import { sql } from '@navette/sql';
import { DataSource } from 'typeorm';
import type { CreateSlotDto } from './dto/rota.dto.js';
import { endsAtSql, happensOnSql, startsAtSql } from './rota-sql.js';

const SLOT_COLUMNS = `s.id, s.territory_id AS "territoryId", t.name AS "territoryName", s.repeat,
  to_char(s.first_date, 'YYYY-MM-DD') AS "firstDate", to_char(s.until_date, 'YYYY-MM-DD') AS "untilDate",
  to_char(s.start_time, 'HH24:MI') AS "startTime", s.duration_minutes AS "durationMinutes",
  s.drivers_needed AS "driversNeeded", s.note`;

interface OccurrenceRow {
  occurrenceId: string | null;
  slotId: string;
  territoryId: string;
  territoryName: string;
  date: string;
  startsAt: Date;
  endsAt: Date;
  driversNeeded: number;
  note: string | null;
}

interface SignupRow extends RotaSignupView {
  occurrenceId: string;
  createdAt: Date;
}

/** Slots and their dated occurrences, with who signed up: what coordinators and drivers read. */
@Injectable()
export class RotaSlotsRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  async create(territoryId: string, body: CreateSlotDto, by: string): Promise<RotaSlotView> {
    const [row] = await sql<RotaSlotView>(
      this.db,
      `WITH s AS (
         INSERT INTO rota_slots (territory_id, repeat, first_date, until_date, start_time, duration_minutes, drivers_needed, note, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING *)
       SELECT ${SLOT_COLUMNS} FROM s JOIN territories t ON t.id = s.territory_id`,
      [
        territoryId,
        body.repeat,
        body.firstDate,
        body.untilDate ?? null,
        body.startTime,
        body.durationMinutes,
        body.driversNeeded,
        body.note ?? null,
        by,
      ],
    );
    return row!;
  }

  /** Removes a slot of these territories (its sign-ups are kept for the record); false if none. */
  async remove(scope: string[], slotId: string): Promise<boolean> {
    const rows = await sql<{ id: string }>(
      this.db,
      `UPDATE rota_slots SET removed_at = now() WHERE id = $2 AND territory_id = ANY($1::uuid[]) AND removed_at IS NULL RETURNING id`,
      [scope, slotId],
    );
    return rows.length > 0;
  }

  slots(scope: string[], from: string, to: string): Promise<RotaSlotView[]> {
    return sql<RotaSlotView>(
      this.db,
      `SELECT ${SLOT_COLUMNS} FROM rota_slots s JOIN territories t ON t.id = s.territory_id
        WHERE s.removed_at IS NULL AND s.territory_id = ANY($1::uuid[])
          AND s.first_date < $3::date AND (s.until_date IS NULL OR s.until_date >= $2::date)
        ORDER BY s.start_time, s.first_date, s.id`,
      [scope, from, to],
    );
  }

  /**
   * Every occurrence of the slots of these territories on local dates [from, to), with who signed
   * up, who waits and the open swaps; `driverId` fills `mine`.
   */
  async occurrences(
    scope: string[],
    from: string,
    to: string,
    driverId?: string,
  ): Promise<RotaOccurrenceView[]> {
    const rows = await sql<OccurrenceRow>(
      this.db,
      `SELECT o.id AS "occurrenceId", s.id AS "slotId", s.territory_id AS "territoryId", t.name AS "territoryName",
              to_char(g.d, 'YYYY-MM-DD') AS date,
              COALESCE(o.starts_at, ${startsAtSql('s', 't', 'g.d::date')}) AS "startsAt",
              COALESCE(o.ends_at, ${endsAtSql('s', 't', 'g.d::date')}) AS "endsAt",
              s.drivers_needed AS "driversNeeded", s.note
         FROM rota_slots s JOIN territories t ON t.id = s.territory_id
        CROSS JOIN LATERAL generate_series(GREATEST(s.first_date, $2::date)::timestamp,
                                           LEAST(COALESCE(s.until_date, $3::date - 1), $3::date - 1)::timestamp,
                                           interval '1 day') g(d)
         LEFT JOIN rota_occurrences o ON o.slot_id = s.id AND o.date = g.d::date
        WHERE s.removed_at IS NULL AND s.territory_id = ANY($1::uuid[]) AND ${happensOnSql('s', 'g.d::date')}
        ORDER BY 6, s.id`,
      [scope, from, to],
    );
    const ids = rows.flatMap((r) => (r.occurrenceId ? [r.occurrenceId] : []));
    const signups = ids.length ? await this.signupsOf(ids) : [];
    const swaps = ids.length ? await this.swapsOf(ids) : [];
    return rows.map((r) => {
      const here = signups.filter((s) => s.occurrenceId === r.occurrenceId);
      const signed = here.filter((s) => s.status === 'signed').map(signupView);
      const mine = driverId ? here.find((s) => s.driverId === driverId && isLive(s.status)) : undefined;
      return {
        slotId: r.slotId,
        territoryId: r.territoryId,
        territoryName: r.territoryName,
        date: r.date,
        startsAt: r.startsAt.toISOString(),
        endsAt: r.endsAt.toISOString(),
        driversNeeded: r.driversNeeded,
        note: r.note,
        signed,
        waiting: here.filter((s) => s.status === 'waiting').map(signupView),
        gap: Math.max(0, r.driversNeeded - signed.length),
        swaps: swaps.filter((s) => s.occurrenceId === r.occurrenceId).map(({ occurrenceId: _, ...s }) => s),
        ...(driverId ? { mine: mine ? signupView(mine) : null } : {}),
      };
    });
  }

  private signupsOf(occurrenceIds: string[]): Promise<SignupRow[]> {
    return sql<SignupRow>(
      this.db,
      `SELECT su.id, su.occurrence_id AS "occurrenceId", su.driver_id AS "driverId", m.display_name AS "driverName",
              su.status, su.late, su.shift_id AS "shiftId", su.created_at AS "createdAt"
         FROM rota_signups su JOIN members m ON m.id = su.driver_id
        WHERE su.occurrence_id = ANY($1::uuid[])
        ORDER BY COALESCE(su.signed_at, su.created_at), su.id`,
      [occurrenceIds],
    );
  }

  private swapsOf(occurrenceIds: string[]): Promise<(RotaSwapView & { occurrenceId: string })[]> {
    return sql(
      this.db,
      `SELECT w.id, w.signup_id AS "signupId", m.display_name AS "fromDriverName", w.to_driver_id AS "toDriverId",
              su.occurrence_id AS "occurrenceId"
         FROM rota_swaps w JOIN rota_signups su ON su.id = w.signup_id JOIN members m ON m.id = su.driver_id
        WHERE w.status = 'open' AND su.status = 'signed' AND su.occurrence_id = ANY($1::uuid[])
        ORDER BY w.created_at`,
      [occurrenceIds],
    );
  }

  async rules(territoryId: string): Promise<RotaRules & { timezone: string }> {
    const [row] = await sql<RotaRules & { timezone: string }>(
      this.db,
      `SELECT rota_withdraw_cutoff_minutes AS "withdrawCutoffMinutes", rota_no_show_minutes AS "noShowMinutes",
              rota_reminder_minutes AS "reminderMinutes", timezone FROM territories WHERE id = $1`,
      [territoryId],
    );
    return row!;
  }

  async setRules(territoryId: string, rules: Partial<RotaRules>): Promise<RotaRules> {
    await sql(
      this.db,
      `UPDATE territories SET rota_withdraw_cutoff_minutes = COALESCE($2, rota_withdraw_cutoff_minutes),
              rota_no_show_minutes = COALESCE($3, rota_no_show_minutes),
              rota_reminder_minutes = COALESCE($4, rota_reminder_minutes) WHERE id = $1`,
      [
        territoryId,
        rules.withdrawCutoffMinutes ?? null,
        rules.noShowMinutes ?? null,
        rules.reminderMinutes ?? null,
      ],
    );
    const { timezone: _, ...rest } = await this.rules(territoryId);
    return rest;
  }

  /** Today's local date in the territory, YYYY-MM-DD. */
  async today(territoryId: string): Promise<string> {
    const [row] = await sql<{ d: string }>(
      this.db,
      `SELECT to_char((now() AT TIME ZONE timezone)::date, 'YYYY-MM-DD') AS d FROM territories WHERE id = $1`,
      [territoryId],
    );
    return row!.d;
  }
}

const isLive = (status: SignupStatus) => status === 'signed' || status === 'waiting';

function signupView(row: SignupRow): RotaSignupView {
  return {
    id: row.id,
    driverId: row.driverId,
    driverName: row.driverName,
    status: row.status,
    late: row.late,
    shiftId: row.shiftId,
  };
}
