import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Places and search (issue 9): named places per territory (stops, meeting points, addresses that
 * matter), searched as one types with trigrams over accent-free lower-case names; rides keep the
 * names of their pickup and drop-off; a territory may snap pickups to its nearest stop.
 * See infra/adr/0016.
 */
export class Places1765267200000 implements MigrationInterface {
  name = 'Places1765267200000';

  async up(q: QueryRunner): Promise<void> {
    // Both ship with Debian's postgresql-15 contrib and are trusted extensions (no superuser needed).
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await q.query(`CREATE EXTENSION IF NOT EXISTS unaccent`);
    // unaccent() is only STABLE (it reads a dictionary found by search_path), so it cannot appear in
    // an index expression. Naming the dictionary makes the result depend on the input alone.
    await q.query(`
      CREATE FUNCTION place_search_text(name text) RETURNS text
        LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
        AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, name)) $$`);

    await q.query(`
      CREATE TABLE places (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        territory_id uuid NOT NULL REFERENCES territories(id),
        name text NOT NULL CHECK (name = btrim(name) AND length(name) BETWEEN 1 AND 120),
        kind text NOT NULL
          CHECK (kind IN ('stop', 'meeting-point', 'health', 'library', 'station', 'school', 'shop', 'other')),
        position geometry(Point, 4326) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        created_by uuid REFERENCES members(id),
        updated_at timestamptz,
        updated_by uuid REFERENCES members(id),
        retired_at timestamptz,
        retired_by uuid REFERENCES members(id)
      )`);
    // Two active places of one name in one territory would leave riders guessing which is meant.
    await q.query(`
      CREATE UNIQUE INDEX places_one_active_name ON places (territory_id, place_search_text(name))
        WHERE retired_at IS NULL`);
    await q.query(`CREATE INDEX places_name_trgm ON places USING gin (place_search_text(name) gin_trgm_ops)`);
    await q.query(
      `CREATE INDEX places_position_gist ON places USING gist (position) WHERE retired_at IS NULL`,
    );

    await q.query(`ALTER TABLE rides ADD COLUMN pickup_name text, ADD COLUMN dropoff_name text`);
    await q.query(`
      ALTER TABLE territories
        ADD COLUMN snap_pickup_to_stop_meters integer CHECK (snap_pickup_to_stop_meters BETWEEN 10 AND 2000)`);

    // What a coarsened ride's place is called: its smallest territory, as precise as coarse_place().
    await q.query(`
      CREATE FUNCTION zone_name(p geometry) RETURNS text LANGUAGE sql STABLE AS $$
        SELECT name FROM territories WHERE ST_Covers(area, p) ORDER BY ST_Area(area), id LIMIT 1 $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION zone_name(geometry)`);
    await q.query(`ALTER TABLE territories DROP COLUMN snap_pickup_to_stop_meters`);
    await q.query(`ALTER TABLE rides DROP COLUMN pickup_name, DROP COLUMN dropoff_name`);
    await q.query(`DROP TABLE places`);
    await q.query(`DROP FUNCTION place_search_text(text)`);
    await q.query(`DROP EXTENSION IF EXISTS unaccent`);
    await q.query(`DROP EXTENSION IF EXISTS pg_trgm`);
  }
}
