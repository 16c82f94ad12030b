import type { Role } from '@navette/contracts';
import type { Fixtures } from './fixtures.js';
import { client, login } from './stack.js';

export type Http = ReturnType<typeof client>;

/** A member logged in over HTTP. */
export async function aPerson(
  fixtures: Fixtures,
  baseUrl: string,
  role: Exclude<Role, 'driver'>,
  options: { coordinates?: string[]; homeTerritoryId?: string } = {},
) {
  const m = await fixtures.aMember(role, { coordinates: options.coordinates ?? [] });
  if (options.homeTerritoryId) {
    await fixtures.db.query(`UPDATE members SET home_territory_id = $2 WHERE id = $1`, [
      m.id,
      options.homeTerritoryId,
    ]);
  }
  const http: Http = client(baseUrl, (await login(baseUrl, m.email, m.password)).token);
  return { ...m, http };
}

/** A driver with a vehicle, logged in, never on shift. */
export async function aLoggedInDriver(fixtures: Fixtures, baseUrl: string) {
  const d = await fixtures.aDriver();
  const http: Http = client(baseUrl, (await login(baseUrl, d.email, d.password)).token);
  return { ...d, http };
}

/**
 * A ride of `riderId` driven by `driver` in `territoryId`, written as the dispatcher and the driver
 * would have left it: ride, past shift, trip, accepted offer, assignment. `tripId` pools the ride
 * into an existing trip. Status `completed` (default) completes it `completedAgo` ago.
 */
export async function aDrivenRide(
  fixtures: Fixtures,
  options: {
    riderId: string;
    driver: { id: string; vehicleId: string };
    territoryId: string;
    status?: 'completed' | 'picked_up' | 'cancelled';
    assignment?: 'completed' | 'active' | 'cancelled';
    tripId?: string;
    completedAgo?: string;
  },
): Promise<{ rideId: string; tripId: string }> {
  const status = options.status ?? 'completed';
  const ride = await fixtures.db.query<{ id: string }>(
    `INSERT INTO rides (rider_id, pickup, dropoff, territory_id, status, completed_at, cancelled_at)
     VALUES ($1, ST_SetSRID(ST_MakePoint(24.95, 60.18), 4326), ST_SetSRID(ST_MakePoint(24.96, 60.19), 4326), $2, $3,
             CASE WHEN $3 = 'completed' THEN now() - $4::interval END,
             CASE WHEN $3 = 'cancelled' THEN now() END) RETURNING id`,
    [options.riderId, options.territoryId, status, options.completedAgo ?? '0 seconds'],
  );
  const rideId = ride.rows[0]!.id;
  let tripId = options.tripId;
  let shiftId: string;
  if (tripId) {
    const trip = await fixtures.db.query<{ shift_id: string }>(`SELECT shift_id FROM trips WHERE id = $1`, [
      tripId,
    ]);
    shiftId = trip.rows[0]!.shift_id;
  } else {
    const shift = await fixtures.db.query<{ id: string }>(
      `INSERT INTO shifts (driver_id, vehicle_id, territory_id, started_at, ended_at)
       VALUES ($1, $2, $3, now() - interval '2 hours', now()) RETURNING id`,
      [options.driver.id, options.driver.vehicleId, options.territoryId],
    );
    shiftId = shift.rows[0]!.id;
    // A completed trip: the no-overlap constraint covers only offered and active ones.
    const trip = await fixtures.db.query<{ id: string }>(
      `INSERT INTO trips (driver_id, shift_id, status, period)
       VALUES ($1, $2, 'completed', tstzrange(now() - interval '1 hour', now() - interval '50 minutes'))
       RETURNING id`,
      [options.driver.id, shiftId],
    );
    tripId = trip.rows[0]!.id;
  }
  const offer = await fixtures.db.query<{ id: string }>(
    `INSERT INTO offers (ride_id, driver_id, shift_id, trip_id, approach_meters, expires_at, status)
     VALUES ($1, $2, $3, $4, 100, now(), 'accepted') RETURNING id`,
    [rideId, options.driver.id, shiftId, tripId],
  );
  await fixtures.db.query(
    `INSERT INTO assignments (ride_id, trip_id, offer_id, status) VALUES ($1, $2, $3, $4)`,
    [
      rideId,
      tripId,
      offer.rows[0]!.id,
      options.assignment ?? (status === 'cancelled' ? 'cancelled' : 'completed'),
    ],
  );
  return { rideId, tripId };
}
