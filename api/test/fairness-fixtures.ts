import type { Fixtures } from './fixtures.js';

/** The driver who served a ride, from which territory, and how far the engine reached for them. */
export interface ServingDriver {
  id: string;
  vehicleId: string;
  territoryId: string;
  reach: 'local' | 'neighbour';
}

/**
 * A ride of `zone` requested an hour ago with a final status (`completed`: picked up ten minutes
 * later); a served one gets the driver's shift, a completed trip, the accepted offer and its
 * assignment — what the fairness report counts.
 */
export async function aDecidedRide(
  fixtures: Fixtures,
  ride: { zone: string; at: [number, number]; status: string; driver?: ServingDriver },
): Promise<void> {
  const { zone, at, status, driver } = ride;
  const rider = await fixtures.aMember('rider');
  const inserted = await fixtures.db.query<{ id: string }>(
    `INSERT INTO rides (rider_id, pickup, dropoff, territory_id, status, requested_at, picked_up_at)
     VALUES ($1, ST_SetSRID(ST_MakePoint($2, $3), 4326), ST_SetSRID(ST_MakePoint($2, $3 + 0.01), 4326), $4, $5,
             now() - interval '1 hour', CASE WHEN $5 = 'completed' THEN now() - interval '50 minutes' END)
     RETURNING id`,
    [rider.id, at[0], at[1], zone, status],
  );
  if (!driver) return;
  const rideId = inserted.rows[0]!.id;
  const shift = await fixtures.db.query<{ id: string }>(
    `INSERT INTO shifts (driver_id, vehicle_id, territory_id, ended_at) VALUES ($1, $2, $3, now()) RETURNING id`,
    [driver.id, driver.vehicleId, zone],
  );
  const trip = await fixtures.db.query<{ id: string }>(
    `INSERT INTO trips (driver_id, shift_id, status, period) VALUES ($1, $2, 'completed', tstzrange(now() - interval '1 hour', now() - interval '40 minutes')) RETURNING id`,
    [driver.id, shift.rows[0]!.id],
  );
  const offer = await fixtures.db.query<{ id: string }>(
    `INSERT INTO offers (ride_id, driver_id, shift_id, trip_id, approach_meters, expires_at, status, reach, driver_territory_id)
     VALUES ($1, $2, $3, $4, 100, now(), 'accepted', $5, $6) RETURNING id`,
    [rideId, driver.id, shift.rows[0]!.id, trip.rows[0]!.id, driver.reach, driver.territoryId],
  );
  await fixtures.db.query(
    `INSERT INTO assignments (ride_id, trip_id, offer_id, status) VALUES ($1, $2, $3, 'completed')`,
    [rideId, trip.rows[0]!.id, offer.rows[0]!.id],
  );
}

/** A town (`half` 0.1°) with two neighbourhoods (0.04°) west and east of its centre, 0.05° from it. */
export async function aTownOfTwoZones(
  fixtures: Fixtures,
  [lng, lat]: [number, number],
  names: { town: string; west: string; east: string },
): Promise<{ town: string; west: string; east: string }> {
  const town = await fixtures.aTerritory({ centre: [lng, lat], half: 0.1, level: 'town', name: names.town });
  const zone = (dLng: number, name: string) =>
    fixtures.aTerritory({
      centre: [lng + dLng, lat],
      half: 0.04,
      level: 'neighbourhood',
      parentId: town,
      name,
    });
  return { town, west: await zone(-0.05, names.west), east: await zone(0.05, names.east) };
}
