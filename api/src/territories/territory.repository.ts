import { Inject, Injectable } from '@nestjs/common';
import type { LngLat, TerritoryCollection } from '@navette/contracts';
import { DataSource, type EntityManager } from 'typeorm';

@Injectable()
export class TerritoryRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  async collection(): Promise<TerritoryCollection> {
    const rows: { feature: TerritoryCollection['features'][number] }[] = await this.db.query(`
      SELECT json_build_object(
        'type', 'Feature',
        'id', id,
        'geometry', ST_AsGeoJSON(area, 6)::json,
        'properties', json_build_object(
          'id', id, 'name', name, 'level', level, 'parentId', parent_id,
          'maxWaitSeconds', max_wait_seconds, 'offerTimeoutSeconds', offer_timeout_seconds)
      ) AS feature
      FROM territories
      ORDER BY CASE level WHEN 'region' THEN 0 WHEN 'town' THEN 1 ELSE 2 END, name`);
    return { type: 'FeatureCollection', features: rows.map((r) => r.feature) };
  }

  /** The smallest territory covering the point: subsidiarity starts there. */
  async smallestCovering(
    point: LngLat,
    manager: EntityManager = this.db.manager,
  ): Promise<string | undefined> {
    const rows: { id: string }[] = await manager.query(
      `SELECT id FROM territories
        WHERE ST_Covers(area, ST_SetSRID(ST_MakePoint($1, $2), 4326))
        ORDER BY ST_Area(area) ASC LIMIT 1`,
      [point[0], point[1]],
    );
    return rows[0]?.id;
  }

  /**
   * Whether the territory serves at this moment, by its service hours (local minutes of the day in
   * its time zone); a territory without service hours serves around the clock.
   */
  async servesAt(territoryId: string, at: Date): Promise<boolean> {
    const rows: { serves: boolean }[] = await this.db.query(
      `SELECT service_hours IS NULL OR service_hours @> (
                EXTRACT(HOUR FROM ($2::timestamptz AT TIME ZONE timezone)) * 60
              + EXTRACT(MINUTE FROM ($2::timestamptz AT TIME ZONE timezone)))::int AS serves
         FROM territories WHERE id = $1`,
      [territoryId, at],
    );
    return rows[0]?.serves ?? false;
  }

  /** The territories a member coordinates, with every territory nested inside them. */
  async coordinatedWithDescendants(memberId: string): Promise<string[]> {
    const rows: { id: string }[] = await this.db.query(
      `WITH RECURSIVE scope AS (
         SELECT territory_id AS id FROM territory_coordinators WHERE member_id = $1
         UNION
         SELECT t.id FROM territories t JOIN scope s ON t.parent_id = s.id)
       SELECT id FROM scope`,
      [memberId],
    );
    return rows.map((r) => r.id);
  }
}
