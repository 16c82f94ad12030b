import type { Fixtures } from './fixtures.js';

/** A ride booked ahead for the rota: id and booked pickup time (ms since the epoch). */
export interface BookedRide {
  id: string;
  at: number;
}

/**
 * `count` rides booked in `territory` on `date` (YYYY-MM-DD), one every `everyMinutes` from 08:00
 * UTC, between a few spread-out points around Kallio and Hakaniemi.
 */
export async function bookRides(
  fixtures: Fixtures,
  territory: string,
  date: string,
  count: number,
  everyMinutes = 12,
): Promise<BookedRide[]> {
  const rider = await fixtures.aMember('rider');
  const booked: BookedRide[] = [];
  for (let i = 0; i < count; i++) {
    const at = Date.parse(`${date}T08:00:00Z`) + i * everyMinutes * 60_000;
    const row = await fixtures.db.query<{ id: string }>(
      `INSERT INTO rides (rider_id, pickup, dropoff, territory_id, pickup_at)
       VALUES ($1, ST_SetSRID(ST_MakePoint($2, $3), 4326), ST_SetSRID(ST_MakePoint($4, $5), 4326), $6, $7) RETURNING id`,
      [
        rider.id,
        24.93 + (i % 4) * 0.01,
        60.17 + (i % 3) * 0.01,
        24.97 - (i % 3) * 0.01,
        60.19,
        territory,
        new Date(at),
      ],
    );
    booked.push({ id: row.rows[0]!.id, at });
  }
  return booked;
}

/** `count` drivers living in `territory`, each with a car of `seats` seats. */
export async function homeDrivers(
  fixtures: Fixtures,
  territory: string,
  count: number,
  seats = 3,
): Promise<void> {
  for (let i = 0; i < count; i++) {
    const d = await fixtures.aDriver({ seats });
    await fixtures.db.query(`UPDATE members SET home_territory_id = $2 WHERE id = $1`, [d.id, territory]);
  }
}

/** A date `days` ahead (UTC), YYYY-MM-DD. */
export const daysAhead = (days: number) =>
  new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
