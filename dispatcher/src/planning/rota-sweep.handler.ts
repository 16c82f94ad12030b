import { rooms } from '@navette/contracts';
import { rotaPlanInput, sql, withTransaction } from '@navette/sql';
import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { OutboundEvents } from '../outbound-events.js';
import type { PlanDayHandler } from './plan-day.handler.js';

/** A shift started this long before a slot begins counts as the slot's shift, minutes. */
const EARLY_START_MINUTES = 30;

export interface RotaSweepOutcome {
  reminded: number;
  noShows: number;
  /** Territories whose next day was planned again (their input changed). */
  planned: number;
  flagged: number;
}

/**
 * The rota's repeating job (`sweep-rota` on the `planning` queue, ADR 0027): reminders before a
 * signed shift (`rota:reminder` to the driver), no-shows (a signed driver with no shift started
 * the territory's `rota_no_show_minutes` after the start: marked, coordinators told with
 * `rota:no-show`), and the day-ahead check — tomorrow's booked rides of each territory with a rota
 * planned over the drivers signed up, the rides no one can take recorded in `rota_flags` and
 * coordinators told (`rota:flagged`). Every step is idempotent; a day is planned again only when
 * what it depends on changed.
 */
export class RotaSweepHandler {
  /** The input digest each territory's next day was last checked with. */
  private readonly checked = new Map<string, string>();

  constructor(
    private readonly db: DataSource,
    private readonly events: OutboundEvents,
    private readonly planDay: PlanDayHandler,
  ) {}

  async sweep(): Promise<RotaSweepOutcome> {
    const reminded = await this.remind();
    const noShows = await this.markNoShows();
    const { planned, flagged } = await this.checkTomorrow();
    return { reminded, noShows, planned, flagged };
  }

  private async remind(): Promise<number> {
    const due = await sql<{
      id: string;
      driverId: string;
      slotId: string;
      territoryName: string;
      startsAt: Date;
      endsAt: Date;
    }>(
      this.db,
      `UPDATE rota_signups su SET reminded_at = now()
         FROM rota_occurrences o JOIN rota_slots s ON s.id = o.slot_id JOIN territories t ON t.id = s.territory_id
        WHERE su.occurrence_id = o.id AND su.status = 'signed' AND su.reminded_at IS NULL AND su.shift_id IS NULL
          AND o.starts_at > now() AND o.starts_at <= now() + make_interval(mins => t.rota_reminder_minutes)
        RETURNING su.id, su.driver_id AS "driverId", s.id AS "slotId", t.name AS "territoryName",
                  o.starts_at AS "startsAt", o.ends_at AS "endsAt"`,
    );
    for (const r of due) {
      await this.events.publish(rooms.driver(r.driverId), 'rota:reminder', {
        signupId: r.id,
        slotId: r.slotId,
        territoryName: r.territoryName,
        startsAt: r.startsAt.toISOString(),
        endsAt: r.endsAt.toISOString(),
      });
    }
    return due.length;
  }

  private async markNoShows(): Promise<number> {
    // A shift started some other way than the one tap (plain "start shift") still counts.
    await sql(
      this.db,
      `UPDATE rota_signups su SET shift_id = sh.id
         FROM rota_occurrences o, shifts sh
        WHERE su.occurrence_id = o.id AND su.status = 'signed' AND su.shift_id IS NULL AND o.starts_at <= now()
          AND sh.driver_id = su.driver_id AND sh.started_at >= o.starts_at - make_interval(mins => $1)
          AND sh.started_at < o.ends_at`,
      [EARLY_START_MINUTES],
    );
    const late = await sql<{ id: string; occurrenceId: string }>(
      this.db,
      `SELECT su.id, su.occurrence_id AS "occurrenceId" FROM rota_signups su
         JOIN rota_occurrences o ON o.id = su.occurrence_id JOIN rota_slots s ON s.id = o.slot_id
         JOIN territories t ON t.id = s.territory_id
        WHERE su.status = 'signed' AND su.shift_id IS NULL
          AND o.starts_at + make_interval(mins => t.rota_no_show_minutes) <= now() AND o.ends_at > now()
        ORDER BY o.id, su.id LIMIT 200`,
    );
    let marked = 0;
    for (const { id, occurrenceId } of late) {
      const noShow = await withTransaction(this.db, async (tx) => {
        // Lock order step 6: the occurrence, then its sign-ups (ADR 0027).
        await sql(tx, `SELECT id FROM rota_occurrences WHERE id = $1 FOR UPDATE`, [occurrenceId]);
        const [row] = await sql<{
          territoryId: string;
          driverId: string;
          driverName: string;
          startsAt: Date;
        }>(
          tx,
          `UPDATE rota_signups su SET status = 'no-show', ended_at = now()
             FROM rota_occurrences o, rota_slots s, members m
            WHERE su.id = $1 AND su.status = 'signed' AND su.shift_id IS NULL
              AND o.id = su.occurrence_id AND s.id = o.slot_id AND m.id = su.driver_id
            RETURNING s.territory_id AS "territoryId", su.driver_id AS "driverId", m.display_name AS "driverName",
                      o.starts_at AS "startsAt"`,
          [id],
        );
        return row;
      });
      if (!noShow) continue;
      marked++;
      await this.events.publish(rooms.territory(noShow.territoryId), 'rota:no-show', {
        signupId: id,
        territoryId: noShow.territoryId,
        driverId: noShow.driverId,
        driverName: noShow.driverName,
        startsAt: noShow.startsAt.toISOString(),
      });
    }
    return marked;
  }

  private async checkTomorrow(): Promise<{ planned: number; flagged: number }> {
    const territories = await sql<{ id: string; tomorrow: string }>(
      this.db,
      `SELECT DISTINCT t.id, to_char((now() AT TIME ZONE t.timezone)::date + 1, 'YYYY-MM-DD') AS tomorrow
         FROM territories t JOIN rota_slots s ON s.territory_id = t.id AND s.removed_at IS NULL`,
    );
    let planned = 0;
    let flagged = 0;
    for (const { id, tomorrow } of territories) {
      const scope = (
        await sql<{ id: string }>(
          this.db,
          `WITH RECURSIVE sub AS (SELECT id FROM territories WHERE id = $1
                                  UNION SELECT t.id FROM territories t JOIN sub ON t.parent_id = sub.id)
           SELECT id FROM sub`,
          [id],
        )
      ).map((r) => r.id);
      const input = await rotaPlanInput(this.db, id, scope, tomorrow);
      const digest = createHash('sha256').update(JSON.stringify(input)).digest('hex');
      if (this.checked.get(id) === digest) continue;
      planned++;
      const unassigned = input.rides.length ? this.planDay.handle(input).unassigned : [];
      const added = await withTransaction(this.db, async (tx) => {
        await sql(
          tx,
          `DELETE FROM rota_flags WHERE territory_id = $1 AND date = $2::date AND NOT (ride_id = ANY($3::uuid[]))`,
          [id, tomorrow, unassigned],
        );
        return sql<{ rideId: string }>(
          tx,
          `INSERT INTO rota_flags (territory_id, date, ride_id)
           SELECT $1, $2::date, unnest($3::uuid[]) ON CONFLICT DO NOTHING RETURNING ride_id AS "rideId"`,
          [id, tomorrow, unassigned],
        );
      });
      this.checked.set(id, digest);
      if (added.length) {
        flagged += added.length;
        await this.events.publish(rooms.territory(id), 'rota:flagged', {
          territoryId: id,
          date: tomorrow,
          rideIds: added.map((r) => r.rideId),
        });
      }
    }
    return { planned, flagged };
  }
}
