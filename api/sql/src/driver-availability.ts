import type { DriverAvailability } from '@navette/contracts';
import type { Queryable } from './queryable.js';

/**
 * Whether a driver (`driverId`, a column or parameter) holds a live socket: one row per socket,
 * refreshed by the API node holding it; a crashed node's rows expire by themselves.
 */
export const connectedSql = (driverId: string) =>
  `EXISTS (SELECT 1 FROM driver_connections c WHERE c.driver_id = ${driverId} AND c.expires_at > now())`;

/** Whether the position row `position` is fresh by the rules of territory `territory`. */
export const positionFreshSql = (position: string, territory: string) =>
  `${position}.reported_at > now() - make_interval(secs => ${territory}.position_max_age_seconds)`;

/**
 * When the rest of the driver of shift `shift` ends, by the rules of territory `territory` (the
 * shift's), or NULL if they never missed an offer since their last accept in this shift. The
 * first miss rests `rest_after_miss_seconds`, each consecutive one twice as long, never longer
 * than `rest_max_seconds`; counted from the latest miss. A miss is a declined or expired offer.
 */
export const restUntilSql = (shift: string, territory: string) =>
  `(SELECT m.last + make_interval(secs => LEAST(${territory}.rest_after_miss_seconds * power(2, LEAST(m.n - 1, 20)),
                                                 ${territory}.rest_max_seconds))
      FROM (SELECT count(*)::int AS n, max(o.responded_at) AS last FROM offers o
             WHERE o.shift_id = ${shift}.id AND o.status IN ('declined', 'expired')
               AND o.responded_at > COALESCE((SELECT max(a.responded_at) FROM offers a
                                               WHERE a.shift_id = ${shift}.id AND a.status = 'accepted'),
                                             '-infinity')) m
     WHERE m.n > 0)`;

interface AvailabilityRow {
  driverId: string;
  connected: boolean;
  hasPosition: boolean;
  fresh: boolean;
  inTerritory: boolean;
  weeklyLimitReached: boolean;
  inQuietHours: boolean;
  restUntil: Date | null;
  resting: boolean;
}

/**
 * The availability of each of these drivers who is on shift (drivers off shift are absent): the
 * first reason that holds, in the order not-connected, no-position, position-stale,
 * outside-territory, weekly-limit, quiet-hours, resting — the rules the dispatcher applies
 * (`match-batch.handler.ts`: the territories covering the position, `unavailability`).
 */
export async function driverAvailability(
  runner: Queryable,
  driverIds: string[],
): Promise<Map<string, DriverAvailability>> {
  if (driverIds.length === 0) return new Map();
  const rows = (await runner.query(
    `SELECT s.driver_id AS "driverId", ${connectedSql('s.driver_id')} AS connected,
            p.driver_id IS NOT NULL AS "hasPosition", COALESCE(${positionFreshSql('p', 't')}, false) AS fresh,
            EXISTS (SELECT 1 FROM territories c WHERE ST_Covers(c.area, p.position)) AS "inTerritory",
            COALESCE(m.weekly_trip_limit <= (SELECT count(*) FROM trips w WHERE w.driver_id = s.driver_id
                       AND w.status IN ('active', 'completed') AND lower(w.period) > now() - interval '7 days'),
                     false) AS "weeklyLimitReached",
            COALESCE(m.quiet_hours @> (EXTRACT(HOUR FROM now()) * 60 + EXTRACT(MINUTE FROM now()))::int, false)
              AS "inQuietHours",
            r.until AS "restUntil", COALESCE(r.until > now(), false) AS resting
       FROM shifts s JOIN territories t ON t.id = s.territory_id JOIN members m ON m.id = s.driver_id
       LEFT JOIN driver_positions p ON p.driver_id = s.driver_id AND p.shift_id = s.id
       CROSS JOIN LATERAL (SELECT ${restUntilSql('s', 't')} AS until) r
      WHERE s.ended_at IS NULL AND s.driver_id = ANY($1::uuid[])`,
    [driverIds],
  )) as AvailabilityRow[];
  return new Map(rows.map((row) => [row.driverId, availabilityOf(row)]));
}

function availabilityOf(row: AvailabilityRow): DriverAvailability {
  if (!row.connected) return { state: 'paused', reason: 'not-connected' };
  if (!row.hasPosition) return { state: 'paused', reason: 'no-position' };
  if (!row.fresh) return { state: 'paused', reason: 'position-stale' };
  if (!row.inTerritory) return { state: 'paused', reason: 'outside-territory' };
  if (row.weeklyLimitReached) return { state: 'paused', reason: 'weekly-limit' };
  if (row.inQuietHours) return { state: 'paused', reason: 'quiet-hours' };
  if (row.resting && row.restUntil)
    return { state: 'paused', reason: 'resting', until: row.restUntil.toISOString() };
  return { state: 'available' };
}

/** When the rest of this driver (in their open shift) ends, if they are resting now. */
export async function restingUntil(runner: Queryable, driverId: string): Promise<Date | undefined> {
  const rows = (await runner.query(
    `SELECT r.until FROM shifts s JOIN territories t ON t.id = s.territory_id
       CROSS JOIN LATERAL (SELECT ${restUntilSql('s', 't')} AS until) r
      WHERE s.driver_id = $1 AND s.ended_at IS NULL AND r.until > now()`,
    [driverId],
  )) as { until: Date }[];
  return rows[0]?.until;
}
