import { Inject, Injectable } from '@nestjs/common';
import type { RotaFlagView } from '@navette/contracts';
import { sql } from '@navette/sql';
import { DataSource } from 'typeorm';

/** Weeks of the territory's own history the demand forecast averages over. */
export const FORECAST_WEEKS = 4;

export interface HourRow {
  at: Date;
  expectedRides: number;
  signedDrivers: number;
}

export interface FairnessRow {
  driverId: string;
  name: string;
  shifts: number;
  shiftMinutes: number;
  declaredHoursPerWeek: number;
  lateWithdrawals: number;
  noShows: number;
}

/** What the coordinator's week reads besides the slots: demand, signed drivers per hour, fairness, flags. */
@Injectable()
export class RotaCoverageRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  /**
   * Each local hour of the 7 days from `from` with expected demand or signed drivers: expected =
   * rides of these territories whose time (booked pickup, else request) fell in the same local
   * weekday and hour, averaged over the `FORECAST_WEEKS` weeks before (local wall clock, so a
   * daylight-saving change does not shift the hours); signed = drivers signed for a shift
   * overlapping the hour.
   */
  hours(scope: string[], timezone: string, from: string): Promise<HourRow[]> {
    return sql<HourRow>(
      this.db,
      `WITH hours AS (
         SELECT g AS local_hour FROM generate_series($3::date::timestamp, ($3::date + 6)::timestamp + interval '23 hours', interval '1 hour') g),
       demand AS (
         SELECT h.local_hour, count(r.id)::float8 / $4 AS expected
           FROM hours h CROSS JOIN generate_series(1, $4) k(weeks)
           LEFT JOIN rides r ON r.territory_id = ANY($1::uuid[])
                AND COALESCE(r.pickup_at, r.requested_at) >= ((h.local_hour - make_interval(days => 7 * k.weeks)) AT TIME ZONE $2)
                AND COALESCE(r.pickup_at, r.requested_at) < ((h.local_hour - make_interval(days => 7 * k.weeks) + interval '1 hour') AT TIME ZONE $2)
          GROUP BY h.local_hour),
       slots AS (
         SELECT o.starts_at, o.ends_at, count(su.id)::int AS signed
           FROM rota_occurrences o JOIN rota_slots s ON s.id = o.slot_id AND s.removed_at IS NULL
           JOIN rota_signups su ON su.occurrence_id = o.id AND su.status = 'signed'
          WHERE s.territory_id = ANY($1::uuid[])
            AND o.ends_at > ($3::date::timestamp AT TIME ZONE $2) AND o.starts_at < (($3::date + 7)::timestamp AT TIME ZONE $2)
          GROUP BY o.id)
       SELECT x.at, x.expected AS "expectedRides", x.signed AS "signedDrivers" FROM (
         SELECT (d.local_hour AT TIME ZONE $2) AS at, d.expected,
                COALESCE((SELECT sum(signed) FROM slots
                           WHERE starts_at < (d.local_hour AT TIME ZONE $2) + interval '1 hour'
                             AND ends_at > (d.local_hour AT TIME ZONE $2)), 0)::int AS signed
           FROM demand d) x
        WHERE x.expected > 0 OR x.signed > 0
        ORDER BY x.at`,
      [scope, timezone, from, FORECAST_WEEKS],
    );
  }

  /**
   * The same forecast as `hours`, for the local hour now, each territory apart (rebalancing idle
   * drivers, ADR 0034): its rides whose time fell in this weekday and hour, averaged over the
   * `FORECAST_WEEKS` weeks before.
   */
  async forecastNow(territoryIds: string[], timezone: string): Promise<Map<string, number>> {
    const rows = await sql<{ territoryId: string; expectedRides: number }>(
      this.db,
      `WITH hour AS (SELECT date_trunc('hour', now() AT TIME ZONE $2) AS local_hour)
       SELECT z.id AS "territoryId", count(r.id)::float8 / $3 AS "expectedRides"
         FROM unnest($1::uuid[]) z(id) CROSS JOIN hour h CROSS JOIN generate_series(1, $3) k(weeks)
         LEFT JOIN rides r ON r.territory_id = z.id
              AND COALESCE(r.pickup_at, r.requested_at) >= ((h.local_hour - make_interval(days => 7 * k.weeks)) AT TIME ZONE $2)
              AND COALESCE(r.pickup_at, r.requested_at) < ((h.local_hour - make_interval(days => 7 * k.weeks) + interval '1 hour') AT TIME ZONE $2)
        GROUP BY z.id`,
      [territoryIds, timezone, FORECAST_WEEKS],
    );
    return new Map(rows.map((r) => [r.territoryId, r.expectedRides]));
  }

  /** Drivers of these territories (at home there, or signed for their slots) over local dates [from, to). */
  fairness(scope: string[], timezone: string, from: string, to: string): Promise<FairnessRow[]> {
    return sql<FairnessRow>(
      this.db,
      `WITH su AS (
         SELECT su.driver_id, su.status, su.late, o.starts_at, o.ends_at
           FROM rota_signups su JOIN rota_occurrences o ON o.id = su.occurrence_id JOIN rota_slots s ON s.id = o.slot_id
          WHERE s.territory_id = ANY($1::uuid[])
            AND o.starts_at >= ($3::date::timestamp AT TIME ZONE $2) AND o.starts_at < ($4::date::timestamp AT TIME ZONE $2))
       SELECT m.id AS "driverId", m.display_name AS name,
              count(su.*) FILTER (WHERE su.status = 'signed')::int AS shifts,
              COALESCE(sum(EXTRACT(EPOCH FROM (su.ends_at - su.starts_at)) / 60) FILTER (WHERE su.status = 'signed'), 0)::float8 AS "shiftMinutes",
              m.declared_hours_per_week AS "declaredHoursPerWeek",
              count(su.*) FILTER (WHERE su.status = 'withdrawn' AND su.late)::int AS "lateWithdrawals",
              count(su.*) FILTER (WHERE su.status = 'no-show')::int AS "noShows"
         FROM members m LEFT JOIN su ON su.driver_id = m.id
        WHERE m.role = 'driver' AND m.erased_at IS NULL
          AND (m.home_territory_id = ANY($1::uuid[]) OR EXISTS (SELECT 1 FROM su x WHERE x.driver_id = m.id))
        GROUP BY m.id ORDER BY m.display_name, m.id`,
      [scope, timezone, from, to],
    );
  }

  flags(scope: string[], from: string, to: string): Promise<RotaFlagView[]> {
    return sql<RotaFlagView>(
      this.db,
      `SELECT f.ride_id AS "rideId", to_char(f.date, 'YYYY-MM-DD') AS date, r.pickup_at AS "pickupAt",
              r.pickup_name AS "pickupName", f.flagged_at AS "flaggedAt"
         FROM rota_flags f JOIN rides r ON r.id = f.ride_id
        WHERE f.territory_id = ANY($1::uuid[]) AND f.date >= $2::date AND f.date < $3::date AND r.status = 'requested'
        ORDER BY r.pickup_at`,
      [scope, from, to],
    );
  }
}
