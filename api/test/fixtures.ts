import bcrypt from 'bcryptjs';
import pg from 'pg';
import type { LngLat, Role } from '@navette/contracts';

/** One hash for every fixture member: hashing is deliberately slow. */
export const FIXTURE_PASSWORD = 'fixture-password';
const passwordHash = bcrypt.hashSync(FIXTURE_PASSWORD, 4);

/** A square around a centre, as a GeoJSON MultiPolygon, `half` degrees each way. */
export function square(centre: LngLat, half: number) {
  const [x, y] = centre;
  const ring: LngLat[] = [
    [x - half, y - half],
    [x + half, y - half],
    [x + half, y + half],
    [x - half, y + half],
    [x - half, y - half],
  ];
  return { type: 'MultiPolygon', coordinates: [[ring]] };
}

/** Small builders writing real rows: each returns what a test needs to refer to it. */
export class Fixtures {
  private serial = 0;

  private constructor(readonly db: pg.Pool) {}

  static open(databaseUrl: string): Fixtures {
    const pool = new pg.Pool({ connectionString: databaseUrl, max: 4 });
    // An idle connection closed by the server must not crash the run; the next query reports it.
    pool.on('error', () => undefined);
    return new Fixtures(pool);
  }

  async close(): Promise<void> {
    await this.db.end();
  }

  async aTerritory(
    options: {
      name?: string;
      level?: 'region' | 'town' | 'neighbourhood';
      centre?: LngLat;
      half?: number;
      parentId?: string | null;
      offerTimeoutSeconds?: number;
      maxWaitSeconds?: number;
    } = {},
  ): Promise<string> {
    const rows = await this.db.query<{ id: string }>(
      `INSERT INTO territories (name, level, parent_id, area, offer_timeout_seconds, max_wait_seconds)
       VALUES ($1, $2, $3, ST_SetSRID(ST_GeomFromGeoJSON($4), 4326), $5, $6) RETURNING id`,
      [
        options.name ?? `Territory ${++this.serial}`,
        options.level ?? 'town',
        options.parentId ?? null,
        JSON.stringify(square(options.centre ?? [24.95, 60.18], options.half ?? 0.05)),
        options.offerTimeoutSeconds ?? 30,
        options.maxWaitSeconds ?? 900,
      ],
    );
    return rows.rows[0]!.id;
  }

  async aMember(role: Role, options: { name?: string; coordinates?: string[] } = {}) {
    const n = ++this.serial;
    const email = `${role}${n}@fixture.test`;
    const rows = await this.db.query<{ id: string }>(
      `INSERT INTO members (email, display_name, password_hash, role) VALUES ($1, $2, $3, $4) RETURNING id`,
      [email, options.name ?? `${role} ${n}`, passwordHash, role],
    );
    const id = rows.rows[0]!.id;
    for (const territoryId of options.coordinates ?? []) {
      await this.db.query(`INSERT INTO territory_coordinators (territory_id, member_id) VALUES ($1, $2)`, [
        territoryId,
        id,
      ]);
    }
    return { id, email, password: FIXTURE_PASSWORD };
  }

  /** A driver with a vehicle (4 seats by default), not on shift. */
  async aDriver(options: { seats?: number; wheelchairPlaces?: number; name?: string } = {}) {
    const member = await this.aMember('driver', options);
    const vehicle = await this.db.query<{ id: string }>(
      `INSERT INTO vehicles (driver_id, label, seats, wheelchair_places) VALUES ($1, 'car', $2, $3) RETURNING id`,
      [member.id, options.seats ?? 4, options.wheelchairPlaces ?? 0],
    );
    return { ...member, vehicleId: vehicle.rows[0]!.id };
  }

  /** Rows in every table of the schema (not the migrations' own), by table name: "nothing was written". */
  async countAll(): Promise<Record<string, number>> {
    const tables = await this.db.query<{ name: string }>(
      `SELECT table_name AS name FROM information_schema.tables
        WHERE table_schema = 'public' AND table_type = 'BASE TABLE'
          AND table_name NOT IN ('migrations', 'spatial_ref_sys') ORDER BY table_name`,
    );
    const counts = tables.rows.map(({ name }) => `(SELECT count(*) FROM "${name}")::int AS "${name}"`);
    const rows = await this.db.query<Record<string, number>>(`SELECT ${counts.join(', ')}`);
    return rows.rows[0]!;
  }

  async count(table: string): Promise<number> {
    const rows = await this.db.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`);
    return Number(rows.rows[0]!.n);
  }
}
