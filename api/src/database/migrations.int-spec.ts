import { DEFAULT_MAX_DETOUR_FACTOR } from '@navette/contracts';
import { createTestDatabase, type TestDatabase } from '../../test/test-database.js';
import { createDataSource } from './data-source.js';
import { migrations } from './migrations/index.js';
import { Places1765267200000 } from './migrations/1765267200000-places.js';
import { RideDetourDefault1765730000000 } from './migrations/1765730000000-ride-detour-default.js';

// Migrations whose data or behaviour needs a real database: one database for them all (each test
// undoes the migrations from its own on, checks, and migrates back to the latest).
let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
}, 60_000);

afterAll(async () => {
  await database?.drop();
});

/**
 * The places migration on a real database: the immutable unaccent wrapper behaves as search needs,
 * the trigram index is usable, the one-active-name rule is a constraint, and `down` undoes it all.
 */
describe('migration Places1765267200000', () => {
  it('indexes accent-free names, keeps one active name per territory, and reverts cleanly', async () => {
    const db = await createDataSource(database.url, { poolSize: 1 }).initialize();
    try {
      const [folded] = await db.query<{ text: string }[]>(
        `SELECT place_search_text('Töölön TERVEYSASEMA') AS text`,
      );
      expect(folded?.text).toBe('toolon terveysasema');
      const [volatility] = await db.query<{ provolatile: string }[]>(
        `SELECT provolatile FROM pg_proc WHERE proname = 'place_search_text'`,
      );
      expect(volatility?.provolatile).toBe('i');

      const [territory] = await db.query<{ id: string }[]>(
        `INSERT INTO territories (name, level, area)
         VALUES ('Kallio', 'town', ST_Multi(ST_MakeEnvelope(24.93, 60.17, 24.97, 60.2, 4326))) RETURNING id`,
      );
      const add = (name: string) =>
        db.query<{ id: string }[]>(
          `INSERT INTO places (territory_id, name, kind, position)
           VALUES ($1, $2, 'library', ST_SetSRID(ST_MakePoint(24.95, 60.18), 4326)) RETURNING id`,
          [territory!.id, name],
        );
      const [first] = await add('Kallion kirjasto');
      await expect(add('KALLION KIRJASTÖ')).rejects.toMatchObject({ code: '23505' });
      await db.query(`UPDATE places SET retired_at = now() WHERE id = $1`, [first!.id]);
      await add('Kallion kirjasto');
      await expect(add(' padded ')).rejects.toMatchObject({ code: '23514' });

      // Undo the migrations that came after this one, then this one.
      const since = migrations.slice(migrations.indexOf(Places1765267200000)).map((m) => m.name);
      for (let i = 0; i < since.length; i += 1) await db.undoLastMigration();
      const [left] = await db.query<{ places: string | null; fn: string | null; names: boolean }[]>(
        `SELECT to_regclass('places') AS places, to_regprocedure('place_search_text(text)') AS fn,
                EXISTS (SELECT 1 FROM information_schema.columns
                         WHERE table_name = 'rides' AND column_name = 'pickup_name') AS names`,
      );
      expect(left).toEqual({ places: null, fn: null, names: false });
      expect((await db.runMigrations()).map((m) => m.name)).toEqual(since);
    } finally {
      await db.destroy();
    }
  }, 60_000);
});

/**
 * The ride detour default migration on a real database: territories still on the old default 1.6
 * move to 1.5 (the contracts' default), a coordinator's other value stays, new rows get 1.5, and
 * `down` restores the old default only.
 */
describe('migration RideDetourDefault1765730000000', () => {
  it('moves territories on the old default, keeps chosen values, and reverts the default', async () => {
    const db = await createDataSource(database.url, { poolSize: 1 }).initialize();
    const insert = async (name: string, factor?: number) => {
      const area = 'ST_Multi(ST_MakeEnvelope(24.93, 60.17, 24.97, 60.2, 4326))';
      await (factor === undefined
        ? db.query(`INSERT INTO territories (name, level, area) VALUES ($1, 'town', ${area})`, [name])
        : db.query(
            `INSERT INTO territories (name, level, area, max_detour_factor) VALUES ($1, 'town', ${area}, $2)`,
            [name, factor],
          ));
    };
    const factors = async () =>
      Object.fromEntries(
        (
          await db.query<{ name: string; f: number }[]>(
            // Only the territories this test writes (the places test above leaves one).
            `SELECT name, max_detour_factor AS f FROM territories WHERE name NOT IN ('Kallio')`,
          )
        ).map((r) => [r.name, Math.round(r.f * 100) / 100]),
      );
    try {
      const since = migrations.slice(migrations.indexOf(RideDetourDefault1765730000000)).map((m) => m.name);
      for (let i = 0; i < since.length; i += 1) await db.undoLastMigration();
      await insert('on the old default');
      await insert('chosen', 1.8);
      expect(await factors()).toEqual({ 'on the old default': 1.6, chosen: 1.8 });

      expect((await db.runMigrations()).map((m) => m.name)).toEqual(since);
      await insert('new');
      expect(await factors()).toEqual({
        'on the old default': DEFAULT_MAX_DETOUR_FACTOR,
        chosen: 1.8,
        new: DEFAULT_MAX_DETOUR_FACTOR,
      });

      for (let i = 0; i < since.length; i += 1) await db.undoLastMigration();
      await insert('after down');
      expect((await factors())['after down']).toBe(1.6);
      await db.runMigrations();
    } finally {
      await db.destroy();
    }
  }, 60_000);
});
