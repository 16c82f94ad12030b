import pg from 'pg';
import { createTestDatabase, type TestDatabase } from '../../api/test/test-database.js';
import { DEMO_ACCOUNTS, seedDemo } from './demo-seed.js';

describe('demo seed', () => {
  let database: TestDatabase;
  let url: string;
  let db: pg.Pool;

  beforeAll(async () => {
    database = await createTestDatabase('navette_seed');
    url = database.url;
    db = new pg.Pool({ connectionString: url, max: 2 });
  });

  afterAll(async () => {
    await db?.end();
    await database?.drop();
  });

  const count = async (sql: string, params: unknown[] = []) =>
    Number((await db.query<{ n: string }>(sql, params)).rows[0]!.n);

  it('loads Helsinki once: a second run changes nothing', async () => {
    expect(await seedDemo(url)).toEqual({ created: true });
    const before = await count(`SELECT count(*) AS n FROM members`);
    expect(await seedDemo(url)).toEqual({ created: false });
    expect(await count(`SELECT count(*) AS n FROM members`)).toBe(before);
    expect(await count(`SELECT count(*) AS n FROM territories`)).toBe(7);
  });

  it('has a rota for Helsinki: a morning and an evening round every day, tomorrow’s partly signed up', async () => {
    expect(await count(`SELECT count(*) AS n FROM rota_slots WHERE repeat = 'weekly'`)).toBe(14);
    expect(await count(`SELECT count(*) AS n FROM rota_signups WHERE status = 'signed'`)).toBe(4);
    // Tomorrow's morning round starts at 08:00 in Helsinki.
    expect(
      await count(`SELECT count(*) AS n FROM rota_occurrences o JOIN rota_slots s ON s.id = o.slot_id
                    WHERE to_char(o.starts_at AT TIME ZONE 'Europe/Helsinki', 'HH24:MI') = s.start_time::text::varchar(5)
                      AND o.date = (now() AT TIME ZONE 'Europe/Helsinki')::date + 1`),
    ).toBe(2);
  });

  it('stores valid multipolygons, each within its parent one level up, neighbourhoods apart', async () => {
    expect(
      await count(`SELECT count(*) AS n FROM territories
                    WHERE NOT ST_IsValid(area) OR GeometryType(area) <> 'MULTIPOLYGON' OR ST_SRID(area) <> 4326`),
    ).toBe(0);
    expect(await count(`SELECT count(*) AS n FROM territories WHERE parent_id IS NULL`)).toBe(1);
    const misnested = await count(`
      SELECT count(*) AS n FROM territories c JOIN territories p ON p.id = c.parent_id
       WHERE NOT ST_Within(c.area, p.area)
          OR (c.level, p.level) NOT IN (('town', 'region'), ('neighbourhood', 'town'))`);
    expect(misnested).toBe(0);
    expect(
      await count(`SELECT count(*) AS n FROM territories WHERE level = 'neighbourhood'`),
    ).toBeGreaterThanOrEqual(3);
    expect(
      await count(`SELECT count(*) AS n FROM territories a JOIN territories b ON a.id < b.id
                    WHERE a.level = 'neighbourhood' AND b.level = 'neighbourhood' AND ST_Overlaps(a.area, b.area)`),
    ).toBe(0);
    // Real places: Helsinki Central Station lies in the town, Kallio's church in Kallio.
    const holds = async (name: string, lngLat: [number, number]) =>
      count(
        `SELECT count(*) AS n FROM territories WHERE name = $1 AND ST_Covers(area, ST_SetSRID(ST_MakePoint($2, $3), 4326))`,
        [name, ...lngLat],
      );
    expect(await holds('Helsinki', [24.9414, 60.1719])).toBe(1);
    expect(await holds('Kallio', [24.9496, 60.1842])).toBe(1);
  });

  it('keeps Helsinki time: service hours and the GTFS-Flex feed follow Finland’s daylight saving', async () => {
    const zones = await db.query<{ timezone: string }>(`SELECT DISTINCT timezone FROM territories`);
    expect(zones.rows).toEqual([{ timezone: 'Europe/Helsinki' }]);
  });

  it('has the demo accounts, drivers with varied vehicles on shift (but Dan), and trust links', async () => {
    const accounts = (await db.query<{ email: string; role: string }>(`SELECT email, role FROM members`))
      .rows;
    expect(accounts.length).toBeGreaterThanOrEqual(30);
    for (const [role, email] of Object.entries(DEMO_ACCOUNTS)) {
      expect(accounts).toContainEqual({ email, role });
    }
    expect(accounts.every(({ email }) => email === email.toLowerCase())).toBe(true);

    expect(await count(`SELECT count(*) AS n FROM vouches`)).toBeGreaterThanOrEqual(30);
    expect(await count(`SELECT count(*) AS n FROM members WHERE role = 'driver'`)).toBe(10);
    expect(await count(`SELECT count(DISTINCT seats) AS n FROM vehicles`)).toBeGreaterThanOrEqual(3);
    expect(await count(`SELECT count(*) AS n FROM vehicles WHERE wheelchair_places > 0`)).toBeGreaterThan(0);
    expect(await count(`SELECT count(*) AS n FROM vehicles WHERE cargo_units > 0`)).toBeGreaterThan(0);

    expect(await count(`SELECT count(*) AS n FROM shifts WHERE ended_at IS NULL`)).toBe(9);
    expect(
      await count(
        `SELECT count(*) AS n FROM shifts s JOIN members m ON m.id = s.driver_id WHERE m.email = $1`,
        [DEMO_ACCOUNTS.driver],
      ),
    ).toBe(0);
    // Every driver on shift stands inside the territory of the shift (their neighbourhood).
    expect(
      await count(`SELECT count(*) AS n FROM driver_positions p
                     JOIN shifts s ON s.id = p.shift_id JOIN territories t ON t.id = s.territory_id
                    WHERE t.level <> 'neighbourhood' OR NOT ST_Covers(t.area, p.position)`),
    ).toBe(0);
    // Every driver on shift stands inside the town.
    expect(
      await count(`SELECT count(*) AS n FROM driver_positions p, territories t
                    WHERE t.level = 'town' AND NOT ST_Covers(t.area, p.position)`),
    ).toBe(0);

    // Cora coordinates the town and each of its neighbourhoods.
    const coordinated = (
      await db.query<{ level: string }>(
        `SELECT t.level FROM territory_coordinators c
           JOIN territories t ON t.id = c.territory_id JOIN members m ON m.id = c.member_id
          WHERE m.email = $1`,
        [DEMO_ACCOUNTS.coordinator],
      )
    ).rows.map((r) => r.level);
    expect(coordinated.filter((l) => l === 'town')).toHaveLength(1);
    expect(coordinated.filter((l) => l === 'neighbourhood').length).toBe(
      await count(`SELECT count(*) AS n FROM territories WHERE level = 'neighbourhood'`),
    );
  });

  it('lets the demo accounts log in with the demo password', async () => {
    const bcrypt = (await import('bcryptjs')).default;
    const { rows } = await db.query<{ password_hash: string }>(
      `SELECT password_hash FROM members WHERE email = $1`,
      [DEMO_ACCOUNTS.rider],
    );
    expect(await bcrypt.compare('navette-demo', rows[0]!.password_hash)).toBe(true);
  });
});
