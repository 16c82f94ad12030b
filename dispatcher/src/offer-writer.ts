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
       RETURNING id, ride_id, approach_meters, detour_seconds, detour_meters, expires_at)
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
