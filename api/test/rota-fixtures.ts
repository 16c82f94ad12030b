import type { Fixtures } from './fixtures.js';

/** A ride booked ahead for the rota: id and booked pickup time (ms since the epoch). */
export interface BookedRide {
  id: string;
  at: number;
}

/**
 * `count` rides booked in `territory` on `date` (YYYY-MM-DD), one every `everyMinutes` from
 * `from` (default 08:00) UTC, between a few spread-out points around Kallio and Hakaniemi.
 */
export async function bookRides(
  fixtures: Fixtures,
  territory: string,
  date: string,
  count: number,
  everyMinutes = 12,
  from = '08:00',
): Promise<BookedRide[]> {
  const rider = await fixtures.aMember('rider');
  const booked: BookedRide[] = [];
  for (let i = 0; i < count; i++) {
    const at = Date.parse(`${date}T${from}:00Z`) + i * everyMinutes * 60_000;
    const row = await fixtures.db.query<{ id: string }>(
      `INSERT INTO rides (rider_id, pickup, dropoff, territory_id, pickup_at, pickup_name, dropoff_name)
       VALUES ($1, ST_SetSRID(ST_MakePoint($2, $3), 4326), ST_SetSRID(ST_MakePoint($4, $5), 4326), $6, $7,
               'Kallio library', 'Hakaniemi market') RETURNING id`,
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

/**
 * `count` drivers living in `territory`, each with a car of `seats` seats, signed up for one shift
 * slot of the territory on `date` (local), from `start` (HH:MM) for `minutes` (default the whole
 * day): the drivers a day's booked rides are planned over. Returns the drivers.
 */
export async function rotaDrivers(
  fixtures: Fixtures,
  territory: string,
  date: string,
  count: number,
  options: { seats?: number; start?: string; minutes?: number } = {},
): Promise<{ id: string; email: string; password: string }[]> {
  const slot = await fixtures.db.query<{ id: string }>(
    `INSERT INTO rota_slots (territory_id, repeat, first_date, start_time, duration_minutes, drivers_needed)
     VALUES ($1, 'once', $2, $3, $4, $5) RETURNING id`,
    [territory, date, options.start ?? '00:00', options.minutes ?? 1440, count],
  );
  const occurrence = await fixtures.db.query<{ id: string }>(
    `INSERT INTO rota_occurrences (slot_id, date, starts_at, ends_at)
     SELECT s.id, s.first_date, (s.first_date + s.start_time) AT TIME ZONE t.timezone,
            (s.first_date + s.start_time + make_interval(mins => s.duration_minutes)) AT TIME ZONE t.timezone
       FROM rota_slots s JOIN territories t ON t.id = s.territory_id WHERE s.id = $1 RETURNING id`,
    [slot.rows[0]!.id],
  );
  const drivers = [];
  for (let i = 0; i < count; i++) {
    const d = await fixtures.aDriver({ seats: options.seats ?? 3 });
    await fixtures.db.query(
      `UPDATE members SET home_territory_id = $2, declared_hours_per_week = 40 WHERE id = $1`,
      [d.id, territory],
    );
    await fixtures.db.query(
      `INSERT INTO rota_signups (occurrence_id, driver_id, status, signed_at) VALUES ($1, $2, 'signed', now())`,
      [occurrence.rows[0]!.id, d.id],
    );
    drivers.push(d);
  }
  return drivers;
}

/** A date `days` ahead (UTC), YYYY-MM-DD. */
export const daysAhead = (days: number) =>
  new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
