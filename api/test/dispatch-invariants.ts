import type pg from 'pg';

/** One invariant of dispatch, as a query returning the rows that break it (none when it holds). */
export interface Invariant {
  name: string;
  /** Holds only once every driver's shift has ended and the system has settled (see `drained`). */
  drainedOnly?: boolean;
  sql: string;
}

/**
 * What must hold whatever the interleaving of requests, offers, answers, cancellations, marks,
 * shift ends and dispatcher crashes (infra/adr/0004, 0009). Checked in SQL, on the database.
 */
export const DISPATCH_INVARIANTS: readonly Invariant[] = [
  {
    name: 'no active assignment on an ended trip',
    sql: `SELECT a.id FROM assignments a JOIN trips t ON t.id = a.trip_id
           WHERE a.status = 'active' AND t.status <> 'active'`,
  },
  {
    name: 'every active trip carries a ride',
    sql: `SELECT t.id FROM trips t WHERE t.status = 'active'
             AND NOT EXISTS (SELECT 1 FROM assignments a WHERE a.trip_id = t.id AND a.status = 'active')`,
  },
  {
    name: 'one active assignment per ride',
    sql: `SELECT ride_id FROM assignments WHERE status = 'active' GROUP BY ride_id HAVING count(*) > 1`,
  },
  {
    name: 'one pending offer per driver and per ride',
    sql: `SELECT driver_id::text AS id FROM offers WHERE status = 'pending' GROUP BY driver_id HAVING count(*) > 1
          UNION ALL
          SELECT ride_id::text FROM offers WHERE status = 'pending' GROUP BY ride_id HAVING count(*) > 1`,
  },
  {
    // ADR 0041: withdrawn in the same transaction as a pickup, no-show, cancellation or release.
    name: 'a pending takeover is of a ride still waiting for its first driver',
    sql: `SELECT o.id FROM offers o
            JOIN assignments a ON a.id = o.takes_over
            JOIN rides r ON r.id = o.ride_id
           WHERE o.status = 'pending' AND (a.status <> 'active' OR r.status <> 'assigned')`,
  },
  {
    name: 'a ride taken over went on with the driver who accepted the takeover',
    sql: `SELECT a.id FROM assignments a WHERE a.status = 'taken_over'
             AND NOT EXISTS (SELECT 1 FROM assignments b JOIN offers o ON o.id = b.offer_id
                              WHERE b.ride_id = a.ride_id AND o.takes_over = a.id)`,
  },
  {
    name: 'no overlapping holds or trips per driver',
    sql: `SELECT a.id, b.id AS other FROM trips a
            JOIN trips b ON a.driver_id = b.driver_id AND a.id < b.id AND a.period && b.period
           WHERE a.status IN ('offered', 'active', 'completed') AND b.status IN ('offered', 'active', 'completed')`,
  },
  {
    name: "a ride's status agrees with its offers and assignments",
    drainedOnly: true,
    sql: `SELECT r.id, r.status FROM rides r
           WHERE (r.status = 'offered') <> EXISTS (SELECT 1 FROM offers o
                                                    WHERE o.ride_id = r.id AND o.status = 'pending' AND o.takes_over IS NULL)
              OR (r.status IN ('assigned', 'picked_up'))
                 <> EXISTS (SELECT 1 FROM assignments a WHERE a.ride_id = r.id AND a.status = 'active')`,
  },
  {
    name: 'every ride terminal or re-queued',
    drainedOnly: true,
    sql: `SELECT id, status FROM rides
           WHERE status NOT IN ('completed', 'no_show', 'cancelled', 'unserved', 'requested')`,
  },
  {
    // An accepted offer made an assignment; once drained it is completed (and so is its ride),
    // cancelled — by the rider, or by a shift end that sent the ride back to matching — or taken
    // over by a driver who could come sooner (ADR 0041).
    name: 'every accepted ride completed, explicitly cancelled or taken over',
    drainedOnly: true,
    sql: `SELECT o.id, o.ride_id, a.status AS assignment, r.status AS ride FROM offers o
            JOIN rides r ON r.id = o.ride_id
            LEFT JOIN assignments a ON a.offer_id = o.id
           WHERE o.status = 'accepted'
             AND (a.id IS NULL OR a.status NOT IN ('completed', 'cancelled', 'taken_over')
                  OR (a.status = 'completed' AND r.status NOT IN ('completed', 'no_show')))`,
  },
  {
    name: 'a completed ride was completed by exactly one assignment',
    drainedOnly: true,
    sql: `SELECT r.id FROM rides r WHERE r.status IN ('completed', 'no_show')
             AND (SELECT count(*) FROM assignments a WHERE a.ride_id = r.id AND a.status = 'completed') <> 1`,
  },
  {
    name: 'no hold, trip or offer left once every shift ended',
    drainedOnly: true,
    sql: `SELECT id FROM trips WHERE status IN ('offered', 'active')
          UNION ALL SELECT id FROM offers WHERE status = 'pending'`,
  },
];

/** Each invariant broken now, with up to five of its rows. */
export async function brokenInvariants(
  db: pg.Pool,
  options: { drained: boolean },
): Promise<{ name: string; rows: unknown[] }[]> {
  const broken: { name: string; rows: unknown[] }[] = [];
  for (const invariant of DISPATCH_INVARIANTS) {
    if (invariant.drainedOnly && !options.drained) continue;
    const result = await db.query(`${invariant.sql} LIMIT 5`);
    if (result.rowCount) broken.push({ name: invariant.name, rows: result.rows });
  }
  return broken;
}
