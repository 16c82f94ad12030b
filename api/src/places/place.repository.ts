import { Inject, Injectable } from '@nestjs/common';
import type { LngLat, PlaceKind, PlaceSearchHit, PlaceView } from '@navette/contracts';
import { sql } from '@navette/sql';
import { DataSource, type EntityManager } from 'typeorm';
import type { AuthMember } from '../auth/auth-member.js';
import { managedTerritoryCtes } from '../territories/territory-scope.js';

interface PlaceRow {
  id: string;
  name: string;
  kind: PlaceKind;
  lng: number;
  lat: number;
  territory_id: string;
  retired_at: Date | null;
}

const PLACE_COLUMNS = `p.id, p.name, p.kind, ST_X(p.position) AS lng, ST_Y(p.position) AS lat, p.territory_id, p.retired_at`;

/**
 * Least share of a query's trigrams found in some word of a name for the name to match (pg_trgm's
 * default is 0.6): 0.45 lets one typo in a five-letter word through ("kalio" → "Kallion", 0.5)
 * while "kallio" does not find "Kalasatama" (0.43).
 */
export const WORD_SIMILARITY_THRESHOLD = 0.45;

const point = (x: string, y: string) => `ST_SetSRID(ST_MakePoint(${x}, ${y}), 4326)`;

export function toPlaceView(row: PlaceRow): PlaceView {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    position: [row.lng, row.lat],
    territoryId: row.territory_id,
    retiredAt: row.retired_at?.toISOString() ?? null,
  };
}

/** A place with how far it is from the point asked about, in meters. */
export interface NearbyPlace {
  place: PlaceView;
  distanceMeters: number;
}

export interface PlaceChanges {
  name?: string;
  kind?: PlaceKind;
  position?: LngLat;
}

/**
 * Named places: trigram search over accent-free lower-case names (`place_search_text()`, indexed),
 * nearest-place lookups on the active ones, and the coordinators' writes.
 */
@Injectable()
export class PlaceRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  /**
   * Active places whose name contains a word like `query` (pg_trgm word similarity, accents and
   * case aside) or contains it outright. Ranked by strict word similarity (whole words: "kalio" is
   * nearer "Kallion" than "Kalasataman") to one decimal, so equal matches go nearest `near` first.
   */
  async search(query: string, near: LngLat | null, limit: number): Promise<PlaceSearchHit[]> {
    const rows = await this.db.transaction(async (manager) => {
      // The `<%` operator (index-backed) reads its threshold from this setting, for this transaction only.
      await manager.query(`SELECT set_config('pg_trgm.word_similarity_threshold', $1, true)`, [
        String(WORD_SIMILARITY_THRESHOLD),
      ]);
      return this.searchRows(manager, query, near, limit);
    });
    return rows.map((row) => ({
      source: 'place',
      name: row.name,
      detail: row.territory_name,
      kind: row.kind,
      position: [row.lng, row.lat],
      placeId: row.id,
    }));
  }

  private searchRows(
    manager: EntityManager,
    query: string,
    near: LngLat | null,
    limit: number,
  ): Promise<(PlaceRow & { territory_name: string })[]> {
    return manager.query(
      `WITH q AS (SELECT place_search_text($1) AS text)
       SELECT ${PLACE_COLUMNS}, t.name AS territory_name
         FROM places p JOIN territories t ON t.id = p.territory_id, q
        WHERE p.retired_at IS NULL
          AND (q.text <% place_search_text(p.name)
               OR place_search_text(p.name) LIKE '%' || replace(replace(replace(q.text, '\\', '\\\\'), '%', '\\%'), '_', '\\_') || '%')
        ORDER BY round(strict_word_similarity(q.text, place_search_text(p.name))::numeric, 1) DESC,
                 CASE WHEN $2::float8 IS NULL THEN 0
                      ELSE ST_DistanceSphere(p.position, ${point('$2::float8', '$3::float8')}) END,
                 p.name, p.id
        LIMIT $4`,
      [query, near?.[0] ?? null, near?.[1] ?? null, limit],
    );
  }

  /** The nearest active place within `maxMeters` of `at` (of `kind` when given), or undefined. */
  async nearest(at: LngLat, maxMeters: number, kind?: PlaceKind): Promise<NearbyPlace | undefined> {
    // Degrees order the index scan; meters on the sphere pick among the few candidates it gives.
    const rows: (PlaceRow & { meters: number })[] = await this.db.query(
      `SELECT * FROM (
         SELECT ${PLACE_COLUMNS}, ST_DistanceSphere(p.position, ${point('$1', '$2')}) AS meters
           FROM places p
          WHERE p.retired_at IS NULL AND ($4::text IS NULL OR p.kind = $4)
          ORDER BY p.position <-> ${point('$1', '$2')}
          LIMIT 8) near
        WHERE meters <= $3 ORDER BY meters, id LIMIT 1`,
      [at[0], at[1], maxMeters, kind ?? null],
    );
    const row = rows[0];
    return row && { place: toPlaceView(row), distanceMeters: row.meters };
  }

  /** The smallest territory containing `at`, else the nearest one: a neighbourhood's name. */
  async areaName(at: LngLat): Promise<string | undefined> {
    const rows: { name: string }[] = await this.db.query(
      `SELECT name FROM territories
        ORDER BY ST_Covers(area, ${point('$1', '$2')}) DESC,
                 CASE WHEN ST_Covers(area, ${point('$1', '$2')}) THEN ST_Area(area) END,
                 area <-> ${point('$1', '$2')}, id
        LIMIT 1`,
      [at[0], at[1]],
    );
    return rows[0]?.name;
  }

  /** The snapping rule of the smallest territory containing `at`, in meters; null when off or outside. */
  async snapRule(at: LngLat): Promise<number | null> {
    const rows: { meters: number | null }[] = await this.db.query(
      `SELECT snap_pickup_to_stop_meters AS meters FROM territories
        WHERE ST_Covers(area, ${point('$1', '$2')}) ORDER BY ST_Area(area), id LIMIT 1`,
      [at[0], at[1]],
    );
    return rows[0]?.meters ?? null;
  }

  /** Every place of the territory, active first; undefined when there is no such territory. */
  async listOfTerritory(territoryId: string): Promise<PlaceView[] | undefined> {
    const rows: (Partial<PlaceRow> & { territory: string })[] = await this.db.query(
      `SELECT t.id AS territory, ${PLACE_COLUMNS}
         FROM territories t LEFT JOIN places p ON p.territory_id = t.id
        WHERE t.id = $1
        ORDER BY p.retired_at IS NOT NULL, p.name, p.id`,
      [territoryId],
    );
    if (!rows.length) return undefined;
    return rows.filter((row): row is PlaceRow & { territory: string } => row.id != null).map(toPlaceView);
  }

  /**
   * Whether the territory exists and whether the member may manage it (admin, or coordinator of it
   * or of a territory containing it); locks it for share so it is not changed meanwhile.
   */
  async territoryAccess(
    manager: EntityManager,
    territoryId: string,
    member: AuthMember,
  ): Promise<'managed' | 'not-managed' | 'missing'> {
    const rows: { managed: boolean }[] = await manager.query(
      `WITH RECURSIVE ${managedTerritoryCtes('$1', '$2', '$3')}
       SELECT EXISTS (SELECT 1 FROM managed) AS managed FROM territories t WHERE t.id = $1 FOR SHARE OF t`,
      [territoryId, member.id, member.role === 'admin'],
    );
    const row = rows[0];
    return !row ? 'missing' : row.managed ? 'managed' : 'not-managed';
  }

  /** Whether the territory's area covers `at`. */
  async covers(manager: EntityManager, territoryId: string, at: LngLat): Promise<boolean> {
    const rows: { covers: boolean }[] = await manager.query(
      `SELECT ST_Covers(area, ${point('$2', '$3')}) AS covers FROM territories WHERE id = $1`,
      [territoryId, at[0], at[1]],
    );
    return rows[0]?.covers ?? false;
  }

  /** The place of this territory, locked for the change, or undefined. */
  async lockedInTerritory(
    manager: EntityManager,
    territoryId: string,
    placeId: string,
  ): Promise<PlaceView | undefined> {
    const rows: PlaceRow[] = await manager.query(
      `SELECT ${PLACE_COLUMNS} FROM places p WHERE p.id = $1 AND p.territory_id = $2 FOR UPDATE`,
      [placeId, territoryId],
    );
    return rows[0] && toPlaceView(rows[0]);
  }

  async insert(
    manager: EntityManager,
    place: { territoryId: string; name: string; kind: PlaceKind; position: LngLat; createdBy: string | null },
  ): Promise<PlaceView> {
    const rows: PlaceRow[] = await manager.query(
      `INSERT INTO places AS p (territory_id, name, kind, position, created_by)
       VALUES ($1, $2, $3, ${point('$4', '$5')}, $6)
       RETURNING ${PLACE_COLUMNS}`,
      [place.territoryId, place.name, place.kind, place.position[0], place.position[1], place.createdBy],
    );
    return toPlaceView(rows[0]!);
  }

  async update(manager: EntityManager, id: string, changes: PlaceChanges, by: string): Promise<PlaceView> {
    const rows = await sql<PlaceRow>(
      manager,
      `UPDATE places p SET name = COALESCE($2, p.name), kind = COALESCE($3, p.kind),
              position = CASE WHEN $4::float8 IS NULL THEN p.position ELSE ${point('$4::float8', '$5::float8')} END,
              updated_at = now(), updated_by = $6
        WHERE p.id = $1
       RETURNING ${PLACE_COLUMNS}`,
      [
        id,
        changes.name ?? null,
        changes.kind ?? null,
        changes.position?.[0] ?? null,
        changes.position?.[1] ?? null,
        by,
      ],
    );
    return toPlaceView(rows[0]!);
  }

  /** Retires the place (kept for history); a place already retired keeps its first date. */
  async retire(manager: EntityManager, id: string, by: string): Promise<PlaceView> {
    const rows = await sql<PlaceRow>(
      manager,
      `UPDATE places p SET retired_at = COALESCE(p.retired_at, now()), retired_by = COALESCE(p.retired_by, $2)
        WHERE p.id = $1
       RETURNING ${PLACE_COLUMNS}`,
      [id, by],
    );
    return toPlaceView(rows[0]!);
  }
}
