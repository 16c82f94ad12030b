import bcrypt from 'bcryptjs';
import pg from 'pg';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { HELSINKI_PLACES } from './helsinki-places.js';

/** Every demo account's password. */
export const DEMO_PASSWORD = 'navette-demo';

/** The accounts the README and the browser test use. */
export const DEMO_ACCOUNTS = {
  rider: 'alice@demo.navette.org',
  driver: 'dan@demo.navette.org',
  coordinator: 'cora@demo.navette.org',
  admin: 'admin@demo.navette.org',
} as const;

interface TerritoryFeature {
  id: string;
  geometry: unknown;
  /** `timezone`: the IANA zone its service hours and GTFS-Flex feed are read in (Europe/Helsinki). */
  properties: { key: string; name: string; level: string; parent: string | null; timezone: string };
}

/** Real Helsinki geography, `[lng, lat]`: the capital region ⊃ Helsinki ⊃ five neighbourhoods. */
function territories(): TerritoryFeature[] {
  const here = dirname(fileURLToPath(import.meta.url));
  // Works from the sources (tests) and from infra/dist/seeds (the built CLI).
  const candidates = [
    join(here, 'helsinki-territories.geojson'),
    join(here, '..', '..', 'seeds', 'helsinki-territories.geojson'),
  ];
  for (const path of candidates) {
    try {
      return (JSON.parse(readFileSync(path, 'utf8')) as { features: TerritoryFeature[] }).features;
    } catch {
      // try the next place
    }
  }
  throw new Error('helsinki-territories.geojson not found');
}

const riders = [
  ['alice', 'Alice Laine', 'kallio'],
  ['bruno', 'Bruno Moreau', 'kallio'],
  ['chloe', 'Chloé Dubois', 'toolo'],
  ['eero', 'Eero Virtanen', 'sornainen'],
  ['fatima', 'Fatima Hassan', 'kamppi'],
  ['gustav', 'Gustav Lindqvist', 'toolo'],
  ['helmi', 'Helmi Korhonen', 'kluuvi'],
  ['ines', 'Inès Martin', 'kallio'],
  ['juho', 'Juho Mäkinen', 'sornainen'],
  ['kaisa', 'Kaisa Nieminen', 'kamppi'],
  ['leo', 'Léo Bernard', 'kluuvi'],
  ['mira', 'Mira Heikkinen', 'toolo'],
  ['niko', 'Niko Salo', 'kallio'],
  ['olga', 'Olga Ivanova', 'sornainen'],
  ['pauli', 'Pauli Koskinen', 'kamppi'],
  ['rosa', 'Rosa Järvinen', 'kallio'],
  ['sami', 'Sami Lehtonen', 'toolo'],
  ['tuuli', 'Tuuli Hämäläinen', 'kluuvi'],
  ['ulla', 'Ulla Rantanen', 'sornainen'],
  ['valtteri', 'Valtteri Ojala', 'kamppi'],
] as const;

/** Drivers: key, name, home, seats, wheelchair places, cargo units, declared hours a week, position. */
const drivers = [
  ['dan', 'Dan Aho', 'kallio', 4, 0, 2, 10, [24.9502, 60.1841]],
  ['emma', 'Emma Lahtinen', 'kallio', 4, 0, 1, 8, [24.9455, 60.1862]],
  ['frans', 'Frans Berg', 'toolo', 6, 1, 2, 12, [24.921, 60.1822]],
  ['greta', 'Greta Nyström', 'kamppi', 3, 0, 4, 6, [24.9301, 60.1679]],
  ['hugo', 'Hugo Petit', 'kluuvi', 4, 0, 0, 5, [24.9512, 60.1702]],
  ['iida', 'Iida Kallio', 'sornainen', 8, 2, 4, 15, [24.9751, 60.1851]],
  ['jean', 'Jean Roux', 'sornainen', 4, 0, 2, 4, [24.9715, 60.188]],
  ['kalle', 'Kalle Sjöberg', 'toolo', 4, 0, 1, 8, [24.9155, 60.1901]],
  ['lotta', 'Lotta Peltonen', 'kamppi', 5, 1, 0, 10, [24.9252, 60.1655]],
  ['matti', 'Matti Hakala', 'kluuvi', 4, 0, 3, 6, [24.9553, 60.1733]],
] as const;

/**
 * Loads the demo territory: Helsinki's geography, a few dozen members with trust links, vehicles of
 * different capacities and drivers on shift (all but Dan, whom the demo and the tests start by hand).
 * Idempotent: a database that already has the demo is left as it is.
 */
export async function seedDemo(databaseUrl: string): Promise<{ created: boolean }> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('BEGIN');
    await client.query(`SELECT pg_advisory_xact_lock(hashtextextended('navette:demo-seed', 0))`);
    const existing = await client.query(`SELECT 1 FROM members WHERE email = $1`, [DEMO_ACCOUNTS.admin]);
    if (existing.rowCount) {
      await client.query('ROLLBACK');
      return { created: false };
    }
    const territoryId = new Map<string, string>();
    const features = territories();
    for (const feature of features) {
      const { key, name, level, parent, timezone } = feature.properties;
      const row = await client.query<{ id: string }>(
        `INSERT INTO territories (name, level, parent_id, area, max_wait_seconds, offer_timeout_seconds,
                                  escalate_after_seconds, timezone)
         VALUES ($1, $2, $3, ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON($4), 4326)), 900, 30, $5, $6) RETURNING id`,
        [
          name,
          level,
          parent ? territoryId.get(parent) : null,
          JSON.stringify(feature.geometry),
          level === 'neighbourhood' ? 120 : 300,
          timezone,
        ],
      );
      territoryId.set(key, row.rows[0]!.id);
    }
    // Neighbours that agreed to lend drivers to each other after five minutes.
    for (const [lender, borrower] of [
      ['kallio', 'sornainen'],
      ['sornainen', 'kallio'],
      ['kamppi', 'kluuvi'],
      ['kluuvi', 'kamppi'],
      ['toolo', 'kamppi'],
    ] as const) {
      await client.query(
        `INSERT INTO territory_lending (lender_id, borrower_id, after_seconds, agreed_at) VALUES ($1, $2, 300, now())`,
        [territoryId.get(lender), territoryId.get(borrower)],
      );
    }

    // Each place in the smallest territory containing it; one outside every territory fails the seed.
    for (const [name, kind, [lng, lat]] of HELSINKI_PLACES) {
      const inserted = await client.query(
        `INSERT INTO places (territory_id, name, kind, position)
         SELECT t.id, $1, $2, p.at FROM (SELECT ST_SetSRID(ST_MakePoint($3, $4), 4326) AS at) p
           JOIN LATERAL (SELECT id FROM territories WHERE ST_Covers(area, p.at) ORDER BY ST_Area(area) LIMIT 1) t ON true`,
        [name, kind, lng, lat],
      );
      if (inserted.rowCount !== 1) throw new Error(`demo place ${name} lies outside every territory`);
    }

    const hash = bcrypt.hashSync(DEMO_PASSWORD, 10);
    const memberId = new Map<string, string>();
    const addMember = async (key: string, name: string, role: string, home: string | null, hours = 0) => {
      const row = await client.query<{ id: string }>(
        `INSERT INTO members (email, display_name, password_hash, role, home_territory_id, declared_hours_per_week)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
        [`${key}@demo.navette.org`, name, hash, role, home ? territoryId.get(home) : null, hours],
      );
      memberId.set(key, row.rows[0]!.id);
      return row.rows[0]!.id;
    };
    for (const [key, name, home] of riders) await addMember(key, name, 'rider', home);
    // Cora coordinates the town and each of its neighbourhoods; Rauni the region above them.
    const cora = await addMember('cora', 'Cora Lindholm', 'coordinator', 'kallio');
    for (const { properties } of features) {
      if (properties.key !== 'helsinki' && properties.parent !== 'helsinki') continue;
      await client.query(`INSERT INTO territory_coordinators (territory_id, member_id) VALUES ($1, $2)`, [
        territoryId.get(properties.key),
        cora,
      ]);
    }
    const rauni = await addMember('rauni', 'Rauni Saarinen', 'coordinator', null);
    await client.query(`INSERT INTO territory_coordinators (territory_id, member_id) VALUES ($1, $2)`, [
      territoryId.get('capital-region'),
      rauni,
    ]);
    await addMember('admin', 'Navette Admin', 'admin', null);

    for (const [key, name, home, seats, wheelchairs, cargo, hours, position] of drivers) {
      const id = await addMember(key, name, 'driver', home, hours);
      const vehicle = await client.query<{ id: string }>(
        `INSERT INTO vehicles (driver_id, label, seats, wheelchair_places, cargo_units) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
        [id, `${name.split(' ')[0]}'s ${seats > 5 ? 'minibus' : 'car'}`, seats, wheelchairs, cargo],
      );
      if (key === 'dan') continue;
      const shift = await client.query<{ id: string }>(
        `INSERT INTO shifts (driver_id, vehicle_id, territory_id) VALUES ($1, $2, $3) RETURNING id`,
        [id, vehicle.rows[0]!.id, territoryId.get(home)],
      );
      await client.query(
        `INSERT INTO driver_positions (driver_id, shift_id, position) VALUES ($1, $2, ST_SetSRID(ST_MakePoint($3, $4), 4326))`,
        [id, shift.rows[0]!.id, position[0], position[1]],
      );
    }

    // Trust: neighbours vouch for neighbours, and a few bridges between neighbourhoods.
    const people = [
      ...riders.map(([k, , home]) => [k, home] as const),
      ...drivers.map(([k, , home]) => [k, home] as const),
    ];
    const vouches = new Set<string>();
    for (const [i, [a, homeA]] of people.entries()) {
      for (const [j, [b, homeB]] of people.entries()) {
        if (i < j && homeA === homeB && (i + j) % 3 !== 0) vouches.add(`${a}|${b}`);
      }
    }
    for (const pair of ['alice|frans', 'dan|helmi', 'greta|eero', 'iida|chloe', 'cora|alice', 'cora|dan'])
      vouches.add(pair);
    for (const pair of vouches) {
      const [a, b] = pair.split('|') as [string, string];
      await client.query(
        `INSERT INTO vouches (voucher_id, vouchee_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`,
        [memberId.get(a), memberId.get(b)],
      );
    }
    await seedRota(client, territoryId.get('helsinki')!, memberId);
    await client.query('COMMIT');
    return { created: true };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}

/**
 * A rota for Helsinki (ADR 0027): a weekly morning round (08:00–12:00, three drivers) and an evening
 * round (16:00–19:00, two) on every day from today, local time; tomorrow's already has drivers
 * signed up (Emma, Frans and Iida in the morning, Kalle in the evening), Dan none: he signs up
 * from the driver app.
 */
async function seedRota(client: pg.Client, helsinki: string, memberId: Map<string, string>): Promise<void> {
  const rounds = [
    ['08:00', 240, 3, 'Morning round', ['emma', 'frans', 'iida']],
    ['16:00', 180, 2, 'Evening round', ['kalle']],
  ] as const;
  for (const [start, minutes, needed, note, signed] of rounds) {
    for (let day = 0; day < 7; day++) {
      const slot = await client.query<{ id: string }>(
        `INSERT INTO rota_slots (territory_id, repeat, first_date, start_time, duration_minutes, drivers_needed, note)
         SELECT $1, 'weekly', (now() AT TIME ZONE t.timezone)::date + $2::int, $3, $4, $5, $6
           FROM territories t WHERE t.id = $1 RETURNING id`,
        [helsinki, day, start, minutes, needed, note],
      );
      if (day !== 1) continue;
      const occurrence = await client.query<{ id: string }>(
        `INSERT INTO rota_occurrences (slot_id, date, starts_at, ends_at)
         SELECT s.id, s.first_date, (s.first_date + s.start_time) AT TIME ZONE t.timezone,
                (s.first_date + s.start_time + make_interval(mins => s.duration_minutes)) AT TIME ZONE t.timezone
           FROM rota_slots s JOIN territories t ON t.id = s.territory_id WHERE s.id = $1 RETURNING id`,
        [slot.rows[0]!.id],
      );
      for (const key of signed) {
        await client.query(
          `INSERT INTO rota_signups (occurrence_id, driver_id, status, signed_at) VALUES ($1, $2, 'signed', now())`,
          [occurrence.rows[0]!.id, memberId.get(key)],
        );
      }
    }
  }
}
