import type { PlanDayDriver, PlanDayJob, PlanDayRide } from '@navette/contracts';
import type { Queryable } from './queryable.js';
import { sql } from './sql.js';

/**
 * What a day's plan over the rota depends on, read the same way by the API (a coordinator's
 * plan, a driver's stops) and the dispatcher (the day-ahead check): the rides booked for the
 * territory's local day and still waiting, and one entry per signed shift overlapping that day,
 * its window as the vehicle's availability (infra/adr/0027). `scope`: the territory and those
 * nested in it; `territoryId` gives the time zone and the job's name.
 */
export async function rotaPlanInput(
  runner: Queryable,
  territoryId: string,
  scope: readonly string[],
  date: string,
): Promise<PlanDayJob> {
  const [day] = await sql<{ start: Date; end: Date }>(
    runner,
    `SELECT ($2::date::timestamp AT TIME ZONE timezone) AS start,
            (($2::date + 1)::timestamp AT TIME ZONE timezone) AS "end"
       FROM territories WHERE id = $1`,
    [territoryId, date],
  );
  if (!day) throw new Error(`no territory ${territoryId}`);
  const rides = await sql<PlanDayRide>(
    runner,
    `SELECT r.id, json_build_array(ST_X(r.pickup), ST_Y(r.pickup)) AS pickup,
            json_build_array(ST_X(r.dropoff), ST_Y(r.dropoff)) AS dropoff, r.seats, r.wheelchair_places AS "wheelchairPlaces",
            EXTRACT(EPOCH FROM r.pickup_at)::float8 AS "pickupAtSeconds", r.kind, r.cargo_units AS "cargoUnits",
            CASE WHEN r.kind = 'task'
                 THEN COALESCE(EXTRACT(EPOCH FROM d.pickup_before - r.pickup_at)::float8, t.task_max_wait_seconds)
                 ELSE t.max_wait_seconds END AS "maxWaitSeconds",
            CASE WHEN r.kind = 'task' THEN t.task_max_detour_factor ELSE t.max_detour_factor END AS "maxDetourFactor",
            EXTRACT(EPOCH FROM d.deliver_after)::float8 AS "deliverAfterSeconds",
            EXTRACT(EPOCH FROM d.deliver_before)::float8 AS "deliverBeforeSeconds"
       FROM rides r JOIN territories t ON t.id = r.territory_id
       LEFT JOIN task_details d ON d.ride_id = r.id
      WHERE r.territory_id = ANY($1::uuid[]) AND r.status = 'requested' AND r.pickup_at >= $2 AND r.pickup_at < $3
      ORDER BY r.pickup_at, r.id`,
    [scope, day.start, day.end],
  );
  const drivers = await sql<PlanDayDriver>(
    runner,
    `SELECT m.id, m.display_name AS name, su.id AS "signupId",
            json_build_array(ST_X(ST_PointOnSurface(h.area)), ST_Y(ST_PointOnSurface(h.area))) AS home,
            v.seats, v.wheelchair_places AS "wheelchairPlaces", v.cargo_units AS "cargoUnits",
            EXTRACT(EPOCH FROM o.starts_at)::float8 AS "fromSeconds", EXTRACT(EPOCH FROM o.ends_at)::float8 AS "untilSeconds"
       FROM rota_signups su
       JOIN rota_occurrences o ON o.id = su.occurrence_id
       JOIN rota_slots s ON s.id = o.slot_id AND s.removed_at IS NULL
       JOIN members m ON m.id = su.driver_id AND m.role = 'driver' AND m.standing <> 'suspended'
       JOIN territories h ON h.id = COALESCE(m.home_territory_id, s.territory_id)
       CROSS JOIN LATERAL (SELECT * FROM vehicles WHERE driver_id = m.id ORDER BY seats DESC, id LIMIT 1) v
      WHERE su.status = 'signed' AND s.territory_id = ANY($1::uuid[]) AND o.starts_at < $3 AND o.ends_at > $2
      ORDER BY o.starts_at, su.id`,
    [scope, day.start, day.end],
  );
  return { territoryId, date, dayStartSeconds: day.start.getTime() / 1000, rides, drivers };
}
