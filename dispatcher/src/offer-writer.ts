import type { OfferView } from '@navette/contracts';
import { OFFER_VIEW_COLUMNS, PERIOD_FROM_NOW, toOfferView, type OfferViewRow } from '@navette/sql';
import type { EntityManager } from 'typeorm';

export interface OfferToWrite {
  rideId: string;
  driverId: string;
  shiftId: string;
  /** The driver's active trip, when the ride joins it (pooling); null: take a new hold. */
  tripId: string | null;
  approachMeters: number;
  /** What accepting adds to the driver's route (`detour.ts`), seconds and meters. */
  detour: { seconds: number; meters: number };
  offerTimeoutSeconds: number;
  /** The route the driver will follow if they accept: stops ahead, in order. */
  plannedStops: { requestId: string; type: 'pickup' | 'dropoff' }[];
  /** Why this driver: the engine's cost terms. Shown to coordinators. */
  explanation: unknown;
  /** Where the driver comes from: the ride's own territory, a parent's, or a lending neighbour's. */
  reach: 'local' | 'parent' | 'neighbour';
  /** The smallest territory around the driver (lending between territories is counted from it). */
  driverTerritoryId: string | null;
  /** A takeover (ADR 0041): the assignment taken over if accepted, and how much sooner this driver is. */
  takeover?: { assignmentId: string; soonerSeconds: number };
}

/**
 * Writes an offer. A driver with no active trip first gets a hold on their time (a trip in status
 * `offered`); a driver already on a trip is offered to add stops to it. The exclusion constraint
 * on trips and the unique indexes on offers decide races — with other workers and with the driver
 * accepting something meanwhile: a losing write writes nothing, this returns undefined, and the
 * caller leaves the ride for the next batch.
 */
export async function insertOffer(
  offer: OfferToWrite,
  manager: EntityManager,
): Promise<OfferView | undefined> {
  // A savepoint, so that a refused offer does not abort the batch's other offers.
  await manager.query('SAVEPOINT offer');
  try {
    const view = await writeOffer(offer, manager);
    await manager.query('RELEASE SAVEPOINT offer');
    return view;
  } catch (error) {
    if (!['23505', '23P01'].includes((error as { driverError?: { code?: string } }).driverError?.code ?? ''))
      throw error;
    await manager.query('ROLLBACK TO SAVEPOINT offer');
    return undefined;
  }
}

async function writeOffer(offer: OfferToWrite, manager: EntityManager): Promise<OfferView | undefined> {
  const rows: OfferViewRow[] = await manager.query(
    // The hold starts at clock_timestamp(), not now() (PERIOD_FROM_NOW says why).
    `WITH hold AS (
       INSERT INTO trips (driver_id, shift_id, status, period)
       SELECT $2, $3, 'offered', ${PERIOD_FROM_NOW} WHERE $4::uuid IS NULL
       ON CONFLICT DO NOTHING
       RETURNING id),
     trip AS (
       SELECT id FROM hold
       UNION ALL
       SELECT id FROM trips WHERE id = $4::uuid AND driver_id = $2 AND status = 'active'),
     o AS (
       INSERT INTO offers (ride_id, driver_id, shift_id, trip_id, approach_meters, expires_at, planned_stops, explanation,
                           reach, driver_territory_id, detour_seconds, detour_meters)
       SELECT $1, $2, $3, trip.id, $5, now() + make_interval(secs => $6), $7::jsonb, $8::jsonb, $9, $10, $11, $12 FROM trip
       RETURNING id, ride_id, approach_meters, detour_seconds, detour_meters, expires_at, sooner_seconds)
     SELECT ${OFFER_VIEW_COLUMNS} FROM o JOIN rides r ON r.id = o.ride_id`,
    [
      offer.rideId,
      offer.driverId,
      offer.shiftId,
      offer.tripId,
      offer.approachMeters,
      offer.offerTimeoutSeconds,
      JSON.stringify(offer.plannedStops),
      JSON.stringify(offer.explanation),
      offer.reach,
      offer.driverTerritoryId,
      Math.round(offer.detour.seconds),
      Math.round(offer.detour.meters),
    ],
  );
  const row = rows[0];
  return row && toOfferView(row);
}

/**
 * Writes a batch's offers in one statement (holds, offers, the rides marked `offered`), so the
 * batch's critical section costs a round trip, not four per ride (ADR 0031). The batch has
 * already checked, under its locks, that each ride waits and each driver is free and unchanged;
 * a write the constraints still refuse (a race the check could not see) writes nothing for that
 * ride, and its hold, if any, is removed. Answers the offers written, by ride.
 */
export async function insertOffers(
  offers: readonly OfferToWrite[],
  manager: EntityManager,
): Promise<Map<string, OfferView>> {
  if (offers.length === 0) return new Map();
  const rows: OfferViewRow[] = await manager.query(
    `WITH input AS (
       SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(
         ride_id uuid, driver_id uuid, shift_id uuid, trip_id uuid, approach_meters integer,
         offer_timeout_seconds float8, planned_stops jsonb, explanation jsonb, reach text,
         driver_territory_id uuid, detour_seconds integer, detour_meters integer, takes_over uuid,
         sooner_seconds integer)),
     hold AS (
       INSERT INTO trips (driver_id, shift_id, status, period)
       SELECT driver_id, shift_id, 'offered', ${PERIOD_FROM_NOW} FROM input WHERE trip_id IS NULL
       ON CONFLICT DO NOTHING
       RETURNING id, driver_id),
     trip AS (
       SELECT i.ride_id, h.id FROM input i JOIN hold h ON h.driver_id = i.driver_id WHERE i.trip_id IS NULL
       UNION ALL
       SELECT i.ride_id, t.id FROM input i
         JOIN trips t ON t.id = i.trip_id AND t.driver_id = i.driver_id AND t.status = 'active'),
     o AS (
       INSERT INTO offers (ride_id, driver_id, shift_id, trip_id, approach_meters, expires_at, planned_stops, explanation,
                           reach, driver_territory_id, detour_seconds, detour_meters, takes_over, sooner_seconds)
       SELECT i.ride_id, i.driver_id, i.shift_id, trip.id, i.approach_meters,
              now() + make_interval(secs => i.offer_timeout_seconds), i.planned_stops, i.explanation,
              i.reach, i.driver_territory_id, i.detour_seconds, i.detour_meters, i.takes_over, i.sooner_seconds
         FROM input i JOIN trip ON trip.ride_id = i.ride_id
       ON CONFLICT DO NOTHING
       RETURNING id, ride_id, approach_meters, detour_seconds, detour_meters, expires_at, takes_over, sooner_seconds),
     -- A ride offered for a takeover stays assigned to its first driver until the offer is accepted.
     offered AS (UPDATE rides SET status = 'offered' FROM o
                  WHERE rides.id = o.ride_id AND o.takes_over IS NULL RETURNING rides.id)
     SELECT ${OFFER_VIEW_COLUMNS} FROM o JOIN rides r ON r.id = o.ride_id`,
    [
      JSON.stringify(
        offers.map((offer) => ({
          ride_id: offer.rideId,
          driver_id: offer.driverId,
          shift_id: offer.shiftId,
          trip_id: offer.tripId,
          approach_meters: offer.approachMeters,
          offer_timeout_seconds: offer.offerTimeoutSeconds,
          planned_stops: offer.plannedStops,
          explanation: offer.explanation,
          reach: offer.reach,
          driver_territory_id: offer.driverTerritoryId,
          detour_seconds: Math.round(offer.detour.seconds),
          detour_meters: Math.round(offer.detour.meters),
          takes_over: offer.takeover?.assignmentId ?? null,
          sooner_seconds: offer.takeover ? Math.round(offer.takeover.soonerSeconds) : null,
        })),
      ),
    ],
  );
  const written = new Map(rows.map((row) => [row.ride_id, toOfferView(row)]));
  const refused = offers.filter((o) => o.tripId === null && !written.has(o.rideId)).map((o) => o.driverId);
  // A hold is only ever written with its offer: one standing alone is this statement's.
  if (refused.length) {
    await manager.query(
      `DELETE FROM trips t WHERE t.driver_id = ANY($1::uuid[]) AND t.status = 'offered'
          AND NOT EXISTS (SELECT 1 FROM offers o WHERE o.trip_id = t.id)`,
      [refused],
    );
  }
  return written;
}
