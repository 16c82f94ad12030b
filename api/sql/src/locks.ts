import { PERIOD_ENDED_NOW } from './period.js';
import type { Queryable } from './queryable.js';
import { sql } from './sql.js';

// Row locks taken in the order written in transaction.ts (infra/adr/0009).

/** Locks rides for update, in ascending id (step 2 of the lock order); returns the ids found. */
export async function lockRides(runner: Queryable, rideIds: readonly string[]): Promise<string[]> {
  if (rideIds.length === 0) return [];
  const rows = await sql<{ id: string }>(
    runner,
    `SELECT id FROM rides WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`,
    [[...new Set(rideIds)]],
  );
  return rows.map((r) => r.id);
}

/**
 * Locks a trip for update (step 4) and returns its status as committed now. Whatever decides on a
 * trip's rides (join it, end it) decides after this, in a later statement: an UPDATE whose WHERE
 * looks at other rows re-checks them, after waiting, as they were when it began (PostgreSQL's
 * EvalPlanQual), and so ended a trip a ride had just joined.
 */
export async function lockTrip(runner: Queryable, tripId: string): Promise<string | undefined> {
  const rows = await sql<{ status: string }>(runner, `SELECT status FROM trips WHERE id = $1 FOR UPDATE`, [
    tripId,
  ]);
  return rows[0]?.status;
}

/**
 * Ends an active trip once no ride is left on it (pooling): `completed` after the last drop-off,
 * `cancelled` when its rides were cancelled or released. Returns whether it ended.
 */
export async function endTripIfIdle(
  runner: Queryable,
  tripId: string,
  status: 'completed' | 'cancelled',
): Promise<boolean> {
  if ((await lockTrip(runner, tripId)) !== 'active') return false;
  const ended = await sql<{ id: string }>(
    runner,
    `UPDATE trips SET status = $2, period = ${PERIOD_ENDED_NOW}
      WHERE id = $1 AND NOT EXISTS (SELECT 1 FROM assignments WHERE trip_id = $1 AND status = 'active')
      RETURNING id`,
    [tripId, status],
  );
  return ended.length > 0;
}
