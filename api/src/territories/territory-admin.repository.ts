import { Inject, Injectable } from '@nestjs/common';
import {
  DEFAULT_MAX_DETOUR_FACTOR,
  type LngLat,
  type TerritoryDetail,
  type TerritoryLender,
  type TerritoryLevel,
  type TerritoryRules,
} from '@navette/contracts';
import { sql } from '@navette/sql';
import { DataSource, type EntityManager } from 'typeorm';
import type { AuthMember } from '../auth/auth-member.js';
import { managedTerritoryCtes } from './territory-scope.js';

/** How far outside its parent a child's area may reach, in degrees (~1 m): rounding, not overlap. */
export const NESTING_TOLERANCE_DEGREES = 0.00001;

/**
 * GeoJSON text into the stored form: a two-dimensional MultiPolygon in WGS 84 (altitudes are
 * dropped), counter-clockwise outside (the table's trigger turns the rings anyway).
 */
const storedArea = (param: string) =>
  `ST_ForcePolygonCCW(ST_Multi(ST_Force2D(ST_SetSRID(ST_GeomFromGeoJSON(${param}), 4326))))`;

export interface ManagedTerritory {
  id: string;
  level: TerritoryLevel;
  parent_id: string | null;
  timezone: string;
}

export interface NewTerritory extends Partial<TerritoryRules> {
  name: string;
  level: TerritoryLevel;
  parentId: string | null;
  geometry: string;
}

export interface TerritoryChanges extends Partial<TerritoryRules> {
  name?: string;
  geometry?: string;
}

/** Columns a coordinator may change, with how each value is written. */
const changeColumns: Record<keyof Omit<TerritoryChanges, 'serviceHours' | 'geometry'>, string> = {
  name: 'name',
  maxWaitSeconds: 'max_wait_seconds',
  offerTimeoutSeconds: 'offer_timeout_seconds',
  maxDetourFactor: 'max_detour_factor',
  pooling: 'pooling',
  defaultTrustDistance: 'default_trust_distance',
  escalateAfterSeconds: 'escalate_after_seconds',
  timezone: 'timezone',
  placeRetentionDays: 'place_retention_days',
  positionMaxAgeSeconds: 'position_max_age_seconds',
  restAfterMissSeconds: 'rest_after_miss_seconds',
  restMaxSeconds: 'rest_max_seconds',
  snapPickupToStopMeters: 'snap_pickup_to_stop_meters',
  taskMaxWaitSeconds: 'task_max_wait_seconds',
  taskMaxDetourFactor: 'task_max_detour_factor',
  cargoSizes: 'cargo_sizes',
};

/** Territory writes and the detailed read: upload, rules, geometry, lending. */
@Injectable()
export class TerritoryAdminRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  /** One territory as a Feature with its rules and lending, or undefined. */
  async detail(id: string, manager: EntityManager = this.db.manager): Promise<TerritoryDetail | undefined> {
    const rows: { feature: TerritoryDetail }[] = await manager.query(
      `SELECT json_build_object(
         'type', 'Feature',
         'id', t.id,
         'geometry', ST_AsGeoJSON(t.area, 6)::json,
         'properties', json_build_object(
           'id', t.id, 'name', t.name, 'level', t.level, 'parentId', t.parent_id,
           'maxWaitSeconds', t.max_wait_seconds, 'offerTimeoutSeconds', t.offer_timeout_seconds,
           'maxDetourFactor', t.max_detour_factor, 'pooling', t.pooling,
           'defaultTrustDistance', t.default_trust_distance, 'escalateAfterSeconds', t.escalate_after_seconds,
           'serviceHours', CASE WHEN t.service_hours IS NULL THEN NULL
                                ELSE json_build_array(lower(t.service_hours), upper(t.service_hours)) END,
           'timezone', t.timezone, 'placeRetentionDays', t.place_retention_days,
           'positionMaxAgeSeconds', t.position_max_age_seconds,
           'restAfterMissSeconds', t.rest_after_miss_seconds, 'restMaxSeconds', t.rest_max_seconds,
           'snapPickupToStopMeters', t.snap_pickup_to_stop_meters,
           'taskMaxWaitSeconds', t.task_max_wait_seconds, 'taskMaxDetourFactor', t.task_max_detour_factor,
           'cargoSizes', t.cargo_sizes,
           'lenders', COALESCE((SELECT json_agg(json_build_object('territoryId', l.lender_id, 'afterSeconds', l.after_seconds,
                                                                  'agreed', l.agreed_at IS NOT NULL)
                                                ORDER BY l.after_seconds, l.lender_id)
                                  FROM territory_lending l WHERE l.borrower_id = t.id), '[]'::json),
           'borrowers', COALESCE((SELECT json_agg(json_build_object('territoryId', l.borrower_id, 'afterSeconds', l.after_seconds,
                                                                    'agreed', l.agreed_at IS NOT NULL)
                                                  ORDER BY l.after_seconds, l.borrower_id)
                                    FROM territory_lending l WHERE l.lender_id = t.id), '[]'::json))
       ) AS feature
       FROM territories t WHERE t.id = $1`,
      [id],
    );
    return rows[0]?.feature;
  }

  /** The territory, locked, when the member may manage it (admin, or coordinator of it or of a territory containing it). */
  async managed(
    manager: EntityManager,
    id: string,
    member: AuthMember,
    lock: 'FOR UPDATE' | 'FOR SHARE',
  ): Promise<ManagedTerritory | undefined> {
    const rows: ManagedTerritory[] = await manager.query(
      `WITH RECURSIVE ${managedTerritoryCtes('$1', '$2', '$3')}
       SELECT t.id, t.level, t.parent_id, t.timezone FROM territories t
        WHERE t.id IN (SELECT id FROM managed) ${lock} OF t`,
      [id, member.id, member.role === 'admin'],
    );
    return rows[0];
  }

  /**
   * PostGIS's verdict on a geometry: valid, or why not (`Self-intersection`) and where, `[lng, lat]`
   * (`ST_IsValidDetail`'s location; null when PostGIS names none).
   */
  async validity(
    manager: EntityManager,
    geometry: string,
  ): Promise<{ valid: boolean; reason: string; location: LngLat | null }> {
    const rows: { valid: boolean; reason: string; lng: number | null; lat: number | null }[] =
      await manager.query(
        `SELECT (d).valid, (d).reason, ST_X((d).location) AS lng, ST_Y((d).location) AS lat
           FROM (SELECT ST_IsValidDetail(${storedArea('$1')}) AS d) x`,
        [geometry],
      );
    const row = rows[0]!;
    return {
      valid: row.valid,
      reason: row.reason ?? '',
      location: row.lng === null || row.lat === null ? null : [row.lng, row.lat],
    };
  }

  /**
   * Whether the parent's area covers the geometry, within the nesting tolerance; when it does not,
   * a point of the geometry outside it (`[lng, lat]`), to show where.
   */
  async coveredByParent(
    manager: EntityManager,
    parentId: string,
    geometry: string,
  ): Promise<{ covered: boolean; outside: LngLat | null }> {
    const rows: { covered: boolean; lng: number | null; lat: number | null }[] = await manager.query(
      `SELECT covered,
              CASE WHEN covered THEN NULL ELSE ST_X(ST_PointOnSurface(ST_Difference(g, b))) END AS lng,
              CASE WHEN covered THEN NULL ELSE ST_Y(ST_PointOnSurface(ST_Difference(g, b))) END AS lat
         FROM (SELECT ST_Covers(b, g) AS covered, g, b
                 FROM (SELECT ST_Buffer(p.area, ${NESTING_TOLERANCE_DEGREES}) AS b, ${storedArea('$2')} AS g
                         FROM territories p WHERE p.id = $1) y) x`,
      [parentId, geometry],
    );
    const row = rows[0];
    if (!row) return { covered: false, outside: null };
    return {
      covered: row.covered,
      outside: row.lng === null || row.lat === null ? null : [row.lng, row.lat],
    };
  }

  /** Names of the territory's children that the new geometry would no longer cover. */
  async childrenOutside(manager: EntityManager, id: string, geometry: string): Promise<string[]> {
    const rows: { name: string }[] = await manager.query(
      `SELECT c.name FROM territories c
        WHERE c.parent_id = $1
          AND NOT ST_Covers(ST_Buffer(${storedArea('$2')}, ${NESTING_TOLERANCE_DEGREES}), c.area)
        ORDER BY c.name`,
      [id, geometry],
    );
    return rows.map((r) => r.name);
  }

  async insert(manager: EntityManager, t: NewTerritory): Promise<string> {
    const rows: { id: string }[] = await manager.query(
      `INSERT INTO territories (name, level, parent_id, area, max_wait_seconds, offer_timeout_seconds,
                                max_detour_factor, pooling, default_trust_distance, escalate_after_seconds,
                                service_hours, timezone, place_retention_days, position_max_age_seconds,
                                rest_after_miss_seconds, rest_max_seconds, snap_pickup_to_stop_meters,
                                task_max_wait_seconds, task_max_detour_factor, cargo_sizes)
       VALUES ($1, $2, $3, ${storedArea('$4')}, COALESCE($5::int, 900), COALESCE($6::int, 30),
               $7::real, COALESCE($8::boolean, true), $9::int, COALESCE($10::int, 120),
               CASE WHEN $11::int IS NULL THEN NULL ELSE int4range($11::int, $12::int) END,
               COALESCE($13::text, (SELECT timezone FROM territories WHERE id = $3), 'Etc/UTC'),
               COALESCE($14::int, (SELECT place_retention_days FROM territories WHERE id = $3), 60),
               COALESCE($15::int, 120), COALESCE($16::int, 60), COALESCE($17::int, 600), $18::int,
               COALESCE($19::int, 7200), COALESCE($20::real, 3),
               COALESCE($21::jsonb, '{"bag": 1, "box": 2, "boot": 6}'::jsonb))
       RETURNING id`,
      [
        t.name,
        t.level,
        t.parentId,
        t.geometry,
        t.maxWaitSeconds ?? null,
        t.offerTimeoutSeconds ?? null,
        t.maxDetourFactor ?? DEFAULT_MAX_DETOUR_FACTOR,
        t.pooling ?? null,
        t.defaultTrustDistance ?? null,
        t.escalateAfterSeconds ?? null,
        t.serviceHours?.[0] ?? null,
        t.serviceHours?.[1] ?? null,
        t.timezone ?? null,
        t.placeRetentionDays ?? null,
        t.positionMaxAgeSeconds ?? null,
        t.restAfterMissSeconds ?? null,
        t.restMaxSeconds ?? null,
        t.snapPickupToStopMeters ?? null,
        t.taskMaxWaitSeconds ?? null,
        t.taskMaxDetourFactor ?? null,
        t.cargoSizes ? JSON.stringify(t.cargoSizes) : null,
      ],
    );
    return rows[0]!.id;
  }

  /** Writes only the changes given; `null` clears a nullable rule. */
  async update(manager: EntityManager, id: string, changes: TerritoryChanges): Promise<void> {
    const params: unknown[] = [id];
    const sets: string[] = [];
    for (const [key, column] of Object.entries(changeColumns)) {
      const value = changes[key as keyof typeof changeColumns];
      if (value === undefined) continue;
      params.push(value);
      sets.push(`${column} = $${params.length}`);
    }
    if (changes.serviceHours !== undefined) {
      params.push(changes.serviceHours?.[0] ?? null, changes.serviceHours?.[1] ?? null);
      sets.push(
        `service_hours = CASE WHEN $${params.length - 1}::int IS NULL THEN NULL
                              ELSE int4range($${params.length - 1}::int, $${params.length}::int) END`,
      );
    }
    if (changes.geometry !== undefined) {
      params.push(changes.geometry);
      sets.push(`area = ${storedArea(`$${params.length}`)}`);
    }
    if (sets.length === 0) return;
    await sql(manager, `UPDATE territories SET ${sets.join(', ')} WHERE id = $1 RETURNING id`, params);
  }

  /** Which of these ids name no territory. */
  async missing(manager: EntityManager, ids: string[]): Promise<string[]> {
    const rows: { id: string }[] = await manager.query(
      `SELECT x.id FROM unnest($1::uuid[]) AS x(id) WHERE NOT EXISTS (SELECT 1 FROM territories t WHERE t.id = x.id)`,
      [ids],
    );
    return rows.map((r) => r.id);
  }

  /** Which of these ids are the territory's ancestors or descendants (they help through escalation, not lending). */
  async nestedWith(manager: EntityManager, id: string, ids: string[]): Promise<string[]> {
    const rows: { id: string }[] = await manager.query(
      `WITH RECURSIVE up AS (
         SELECT parent_id AS id FROM territories WHERE id = $1
         UNION SELECT t.parent_id FROM territories t JOIN up ON t.id = up.id),
       down AS (
         SELECT id FROM territories WHERE parent_id = $1
         UNION SELECT t.id FROM territories t JOIN down ON t.parent_id = down.id)
       SELECT id FROM up WHERE id = ANY($2::uuid[]) UNION SELECT id FROM down WHERE id = ANY($2::uuid[])`,
      [id, ids],
    );
    return rows.map((r) => r.id);
  }

  async replaceLending(
    manager: EntityManager,
    borrowerId: string,
    lenders: TerritoryLender[],
  ): Promise<void> {
    const ids = lenders.map((l) => l.territoryId);
    const waits = lenders.map((l) => l.afterSeconds);
    // Links kept as they were keep the lender's agreement; the others are asked afresh.
    await sql(
      manager,
      `DELETE FROM territory_lending l WHERE l.borrower_id = $1
          AND NOT EXISTS (SELECT 1 FROM unnest($2::uuid[], $3::int[]) AS x(lender, after)
                           WHERE x.lender = l.lender_id AND x.after = l.after_seconds)
       RETURNING lender_id`,
      [borrowerId, ids, waits],
    );
    if (lenders.length === 0) return;
    await manager.query(
      `INSERT INTO territory_lending (lender_id, borrower_id, after_seconds)
       SELECT x.lender, $1, x.after FROM unnest($2::uuid[], $3::int[]) AS x(lender, after)
       ON CONFLICT (lender_id, borrower_id) DO NOTHING`,
      [borrowerId, ids, waits],
    );
  }

  /** The lender's answer to a borrower's request; false when the borrower asked nothing. */
  async setAgreement(
    manager: EntityManager,
    lenderId: string,
    borrowerId: string,
    agreedBy: string | null,
  ): Promise<boolean> {
    const rows = await sql(
      manager,
      `UPDATE territory_lending
          SET agreed_at = CASE WHEN $3::uuid IS NULL THEN NULL ELSE now() END, agreed_by = $3
        WHERE lender_id = $1 AND borrower_id = $2 RETURNING lender_id`,
      [lenderId, borrowerId, agreedBy],
    );
    return rows.length > 0;
  }
}
