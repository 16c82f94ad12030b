import { endTripIfIdle, releaseHolds, sql } from '@navette/sql';
import type { EntityManager } from 'typeorm';

/** The first driver's side of an accepted takeover (ADR 0041). */
export interface TakenOver {
  firstDriverId: string;
  pickupName: string | null;
}

/**
 * Inside the accepting transaction, the ride locked: ends the first driver's assignment as
 * `taken_over` and takes the ride's stops out of their trip's planned route (ending the trip if no
 * ride is left on it). Undefined when the ride can no longer be taken over: picked up, marked a
 * no-show, cancelled or released meanwhile (the assignment is no longer active).
 */
export async function takeOver(manager: EntityManager, assignmentId: string): Promise<TakenOver | undefined> {
  const rows = await sql<{ trip_id: string; ride_id: string; driver_id: string; pickup_name: string | null }>(
    manager,
    `UPDATE assignments a SET status = 'taken_over'
       FROM rides r, trips t
      WHERE a.id = $1 AND a.status = 'active' AND r.id = a.ride_id AND r.status = 'assigned' AND t.id = a.trip_id
      RETURNING a.trip_id, a.ride_id, t.driver_id, r.pickup_name`,
    [assignmentId],
  );
  const taken = rows[0];
  if (!taken) return undefined;
  await manager.query(
    `UPDATE trips SET planned_stops = COALESCE((
              SELECT jsonb_agg(s) FROM jsonb_array_elements(planned_stops) s WHERE s->>'requestId' <> $2), '[]'::jsonb)
      WHERE id = $1`,
    [taken.trip_id, taken.ride_id],
  );
  await endTripIfIdle(manager, taken.trip_id, 'cancelled');
  return { firstDriverId: taken.driver_id, pickupName: taken.pickup_name };
}

/**
 * Inside the caller's transaction, the rides locked: withdraws the pending takeover offers of rides
 * no longer waiting for their first driver (picked up, a no-show, released by that driver), and the
 * holds they took, so the second driver is not left looking at a ride they can no longer take, and
 * a released ride can be offered afresh. Returns the offers withdrawn, to tell their drivers.
 */
export async function withdrawTakeovers(
  manager: EntityManager,
  rideIds: readonly string[],
): Promise<{ id: string; driver_id: string; ride_id: string }[]> {
  if (rideIds.length === 0) return [];
  const withdrawn = await sql<{ id: string; driver_id: string; ride_id: string }>(
    manager,
    `UPDATE offers o SET status = 'withdrawn', responded_at = now()
       FROM assignments a, rides r
      WHERE o.ride_id = ANY($1::uuid[]) AND o.status = 'pending' AND a.id = o.takes_over AND r.id = o.ride_id
        AND (a.status <> 'active' OR r.status <> 'assigned')
      RETURNING o.id, o.driver_id, o.ride_id`,
    [[...new Set(rideIds)]],
  );
  await releaseHolds(
    manager,
    withdrawn.map((o) => o.id),
  );
  return withdrawn;
}
