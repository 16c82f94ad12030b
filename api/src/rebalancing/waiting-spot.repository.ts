import { Inject, Injectable } from '@nestjs/common';
import type { LngLat } from '@navette/contracts';
import { sql } from '@navette/sql';
import { DataSource } from 'typeorm';

/** A suggestion stays the driver's anchor this long unless answered "Not now", seconds. */
export const SUGGESTION_LIFETIME_SECONDS = 1800;
/** After "Not now", no new suggestion for this long, seconds (the simulator's default too). */
export const QUIET_AFTER_DECLINE_SECONDS = 1200;

export interface DriverFactsRow {
  driverId: string;
  shiftId: string;
  /** Where the zones are: the shift's territory when it has neighbourhoods, else its parent. */
  scopeId: string;
  timezone: string;
  busy: boolean;
  position: LngLat | null;
  optedOut: boolean;
  declinedLately: boolean;
}

export interface ZoneSpotRow {
  id: string;
  name: string;
  placeId: string | null;
  placeName: string;
  position: LngLat;
}

export interface IdleDriverRow {
  id: string;
  at: LngLat;
  /** Their live suggestion's zone, else their home territory. */
  anchor: string | null;
  following: boolean;
  movable: boolean;
}

export interface SuggestionRow {
  id: string;
  suggestedAt: Date;
}

const IDLE = (driver: string) =>
  `NOT EXISTS (SELECT 1 FROM trips t WHERE t.driver_id = ${driver} AND t.status IN ('offered', 'active'))`;
const LIVE = `w.answer IS DISTINCT FROM 'declined' AND w.suggested_at > now() - make_interval(secs => ${SUGGESTION_LIFETIME_SECONDS})`;
const DECLINED_LATELY = `w.answer = 'declined' AND w.answered_at > now() - make_interval(secs => ${QUIET_AFTER_DECLINE_SECONDS})`;
/** The driver's latest suggestion this shift, as `w`. */
const LATEST = (driver: string, shift: string) =>
  `LEFT JOIN LATERAL (SELECT * FROM waiting_spot_suggestions x WHERE x.driver_id = ${driver} AND x.shift_id = ${shift}
                      ORDER BY x.suggested_at DESC LIMIT 1) w ON true`;

/** What the waiting-spot rule reads and writes (issue 13, ADR 0034). */
@Injectable()
export class WaitingSpotRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  /** What decides whether each of these drivers (those on shift) gets a suggestion, in one query. */
  drivers(driverIds: string[]): Promise<DriverFactsRow[]> {
    return sql<DriverFactsRow>(
      this.db,
      `SELECT s.driver_id AS "driverId", s.id AS "shiftId",
              CASE WHEN EXISTS (SELECT 1 FROM territories c WHERE c.parent_id = t.id) THEN t.id
                   ELSE COALESCE(t.parent_id, t.id) END AS "scopeId",
              t.timezone, NOT ${IDLE('s.driver_id')} AS busy,
              CASE WHEN p.position IS NULL THEN NULL ELSE json_build_array(ST_X(p.position), ST_Y(p.position)) END AS position,
              NOT m.waiting_spot_suggestions AS "optedOut",
              COALESCE(${DECLINED_LATELY}, false) AS "declinedLately"
         FROM shifts s JOIN territories t ON t.id = s.territory_id JOIN members m ON m.id = s.driver_id
         LEFT JOIN driver_positions p ON p.driver_id = s.driver_id AND p.shift_id = s.id
         ${LATEST('s.driver_id', 's.id')}
        WHERE s.driver_id = ANY($1::uuid[]) AND s.ended_at IS NULL`,
      [driverIds],
    );
  }

  /**
   * The zones under `scopeId` (its neighbourhoods, or itself without any), each with where to wait:
   * its active named place nearest to its middle (meeting points and stops first), else its middle.
   */
  zones(scopeId: string): Promise<ZoneSpotRow[]> {
    return sql<ZoneSpotRow>(
      this.db,
      `WITH zones AS (
         SELECT id, name, area FROM territories WHERE parent_id = $1
         UNION ALL
         SELECT id, name, area FROM territories WHERE id = $1 AND NOT EXISTS (SELECT 1 FROM territories WHERE parent_id = $1))
       SELECT z.id, z.name, pl.id AS "placeId", COALESCE(pl.name, z.name) AS "placeName",
              json_build_array(ST_X(COALESCE(pl.position, ST_PointOnSurface(z.area))),
                               ST_Y(COALESCE(pl.position, ST_PointOnSurface(z.area)))) AS position
         FROM zones z
         LEFT JOIN LATERAL (
           SELECT p.id, p.name, p.position FROM places p
            WHERE p.territory_id = z.id AND p.retired_at IS NULL AND ST_Covers(z.area, p.position)
            ORDER BY p.kind NOT IN ('meeting-point', 'stop'), p.position <-> ST_PointOnSurface(z.area)
            LIMIT 1) pl ON true
        ORDER BY z.name, z.id`,
      [scopeId],
    );
  }

  /** Idle drivers on shift in the scope or under it, with a position, counted where they head. */
  idleDrivers(scopeId: string): Promise<IdleDriverRow[]> {
    return sql<IdleDriverRow>(
      this.db,
      `WITH RECURSIVE sub AS (SELECT id FROM territories WHERE id = $1
                              UNION SELECT t.id FROM territories t JOIN sub ON t.parent_id = sub.id)
       SELECT s.driver_id AS id, json_build_array(ST_X(p.position), ST_Y(p.position)) AS at,
              CASE WHEN ${LIVE} THEN w.zone_id ELSE m.home_territory_id END AS anchor,
              COALESCE(${LIVE}, false) AS following,
              m.waiting_spot_suggestions AND NOT COALESCE(${DECLINED_LATELY}, false) AS movable
         FROM shifts s JOIN members m ON m.id = s.driver_id
         JOIN driver_positions p ON p.driver_id = s.driver_id AND p.shift_id = s.id
         ${LATEST('s.driver_id', 's.id')}
        WHERE s.ended_at IS NULL AND s.territory_id IN (SELECT id FROM sub) AND ${IDLE('s.driver_id')}
        ORDER BY s.driver_id`,
      [scopeId],
    );
  }

  /**
   * The driver's live suggestion for this zone if it is still the one shown, else a new one
   * recorded. Under a per-driver lock: the app's ask on connecting and the socket's periodic push
   * may meet, and must not record two suggestions (an answer to one would leave the other live).
   */
  shown(driverId: string, shiftId: string, zoneId: string, placeId: string | null): Promise<SuggestionRow> {
    return this.db.transaction(async (manager) => {
      await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [
        `waiting-spot:${driverId}`,
      ]);
      const live = await sql<SuggestionRow>(
        manager,
        `SELECT w.id, w.suggested_at AS "suggestedAt" FROM shifts s ${LATEST('s.driver_id', 's.id')}
          WHERE s.driver_id = $1 AND s.id = $2 AND w.zone_id = $3 AND ${LIVE}`,
        [driverId, shiftId, zoneId],
      );
      if (live[0]) return live[0];
      const recorded = await sql<SuggestionRow>(
        manager,
        `INSERT INTO waiting_spot_suggestions (driver_id, shift_id, zone_id, place_id) VALUES ($1, $2, $3, $4)
         RETURNING id, suggested_at AS "suggestedAt"`,
        [driverId, shiftId, zoneId, placeId],
      );
      return recorded[0]!;
    });
  }

  /** Records "Go there" or "Not now" on the driver's own suggestion; false when there is none to answer. */
  async answer(driverId: string, suggestionId: string, answer: 'followed' | 'declined'): Promise<boolean> {
    const rows = await sql<{ id: string }>(
      this.db,
      `UPDATE waiting_spot_suggestions SET answer = $3, answered_at = now()
        WHERE id = $2 AND driver_id = $1 AND answer IS DISTINCT FROM 'declined'
        RETURNING id`,
      [driverId, suggestionId, answer],
    );
    return rows.length > 0;
  }
}
