import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Privacy (issue 14): rides' exact places are kept only for a territory's retention period (default
 * 60 days, as the CNIL advises for vehicle geolocation), then replaced by `coarse_place()`; a member
 * can be erased, leaving a tombstone that what others need (decisions, outcomes, counts) points at.
 */
export class PlaceRetention1765008000000 implements MigrationInterface {
  name = 'PlaceRetention1765008000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE territories
        ADD COLUMN place_retention_days integer NOT NULL DEFAULT 60 CHECK (place_retention_days BETWEEN 1 AND 730)`);
    await q.query(`ALTER TABLE rides ADD COLUMN places_coarsened_at timestamptz`);
    await q.query(
      `CREATE INDEX rides_places_exact ON rides (requested_at) WHERE places_coarsened_at IS NULL`,
    );
    // A tombstone keeps nothing that names the person: its email is derived from its id, its standing
    // keeps it out of matching.
    await q.query(`
      ALTER TABLE members
        ADD COLUMN erased_at timestamptz,
        ADD CONSTRAINT members_tombstone_anonymous CHECK (erased_at IS NULL OR (
          email = 'erased-' || id || '@erased.invalid' AND display_name = 'Erased member' AND standing = 'suspended'))`);

    // The place a precise point becomes: a point inside exactly the territories that cover it (the
    // smallest covering one, cut by the others covering it and minus those that do not), so every
    // count by zone gives the same figures afterwards. Outside every territory: a 0.01° grid (~1 km).
    await q.query(`
      CREATE FUNCTION coarse_place(p geometry) RETURNS geometry LANGUAGE plpgsql STABLE AS $$
      DECLARE
        cell geometry;
        smaller geometry;
        t record;
      BEGIN
        SELECT area INTO cell FROM territories WHERE ST_Covers(area, p) ORDER BY ST_Area(area), id LIMIT 1;
        IF cell IS NULL THEN
          RETURN ST_SetSRID(ST_MakePoint(round(ST_X(p)::numeric, 2)::float8, round(ST_Y(p)::numeric, 2)::float8), 4326);
        END IF;
        FOR t IN SELECT area, ST_Covers(area, p) AS covers FROM territories WHERE ST_Intersects(area, cell) LOOP
          IF t.covers THEN
            smaller := ST_Intersection(cell, t.area);
          ELSE
            smaller := ST_Difference(cell, t.area);
          END IF;
          -- A point on a boundary can leave nothing with an interior: keep the larger cell then.
          IF NOT ST_IsEmpty(smaller) AND ST_Area(smaller) > 0 THEN
            cell := ST_CollectionExtract(smaller, 3);
          END IF;
        END LOOP;
        RETURN ST_SetSRID(ST_PointOnSurface(cell), 4326);
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION coarse_place(geometry)`);
    await q.query(`ALTER TABLE members DROP CONSTRAINT members_tombstone_anonymous, DROP COLUMN erased_at`);
    await q.query(`DROP INDEX rides_places_exact`);
    await q.query(`ALTER TABLE rides DROP COLUMN places_coarsened_at`);
    await q.query(`ALTER TABLE territories DROP COLUMN place_retention_days`);
  }
}
