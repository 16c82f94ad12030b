import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every territory's polygons are counter-clockwise outside, clockwise inside (RFC 7946 §3.1.6, the
 * right-hand rule), whoever writes them: a trigger turns the rings of each written area
 * (`ST_ForcePolygonCCW`), the existing rows are turned once, and a constraint keeps the invariant.
 * Served GeoJSON (`ST_AsGeoJSON`) keeps the stored order, so every served polygon follows the RFC.
 */
export class TerritoryRingsCcw1765353600000 implements MigrationInterface {
  name = 'TerritoryRingsCcw1765353600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE FUNCTION territories_area_ccw() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         NEW.area := ST_ForcePolygonCCW(NEW.area);
         RETURN NEW;
       END $$`,
    );
    await q.query(
      `CREATE TRIGGER territories_area_ccw BEFORE INSERT OR UPDATE OF area ON territories
         FOR EACH ROW EXECUTE FUNCTION territories_area_ccw()`,
    );
    await q.query(`UPDATE territories SET area = area WHERE NOT ST_IsPolygonCCW(area)`);
    await q.query(
      `ALTER TABLE territories ADD CONSTRAINT territories_area_ccw CHECK (ST_IsPolygonCCW(area))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE territories DROP CONSTRAINT territories_area_ccw`);
    await q.query(`DROP TRIGGER territories_area_ccw ON territories`);
    await q.query(`DROP FUNCTION territories_area_ccw()`);
  }
}
