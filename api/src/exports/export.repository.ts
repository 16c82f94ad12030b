import { Inject, Injectable } from '@nestjs/common';
import type { AreaGeometry } from '@navette/contracts';
import { DataSource } from 'typeorm';
import type { AuthMember } from '../auth/auth-member.js';
import type { Period } from '../common/period.js';
import { managedSubtree } from '../territories/territory-scope.js';
import type { Aboard } from './shared-effort.js';
import type { ValueFlowsRideRow } from './valueflows.mapper.js';

export interface ZoneRow {
  id: string;
  name: string;
  level: string;
  timezone: string;
  geometry: AreaGeometry;
  service_hours: [number, number] | null;
}

/** Most requests one ValueFlows export holds; a period with more is refused (ask for a shorter one). */
export const VALUEFLOWS_MAX_REQUESTS = 10_000;

@Injectable()
export class ExportRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  /** The territory and every territory nested in it (public service areas), the territory first. */
  zones(territoryId: string): Promise<ZoneRow[]> {
    return this.db.query(
      `WITH RECURSIVE subtree AS (
         SELECT id, 0 AS depth FROM territories WHERE id = $1
         UNION SELECT t.id, s.depth + 1 FROM territories t JOIN subtree s ON t.parent_id = s.id)
       SELECT t.id, t.name, t.level, t.timezone, ST_AsGeoJSON(t.area, 6)::json AS geometry,
              CASE WHEN t.service_hours IS NULL THEN NULL
                   ELSE json_build_array(lower(t.service_hours), upper(t.service_hours)) END AS service_hours
         FROM subtree s JOIN territories t ON t.id = s.id
        ORDER BY s.depth, t.name`,
      [territoryId],
    );
  }

  /**
   * Requests in the territory and those nested in it, with their accepted assignment: only for its
   * coordinators (or those of a territory containing it) and admins; anyone else gets no row and
   * `allowed` false.
   */
  async valueFlowsRows(
    territoryId: string,
    member: AuthMember,
    period: Period,
  ): Promise<{ allowed: boolean; rows: ValueFlowsRideRow[] }> {
    const params = [territoryId, member.id, member.role === 'admin'];
    const allowed: { id: string }[] = await this.db.query(
      `${managedSubtree('$1', '$2', '$3')} SELECT id FROM managed`,
      params,
    );
    if (allowed.length === 0) return { allowed: false, rows: [] };
    const rows: ValueFlowsRideRow[] = await this.db.query(
      `${managedSubtree('$1', '$2', '$3')}
       SELECT r.id AS "rideId", r.kind, r.status, r.rider_id AS "riderId", r.territory_id AS "territoryId",
              r.seats, r.wheelchair_places AS "wheelchairPlaces", r.cargo_units AS "cargoUnits",
              r.requested_at AS "requestedAt",
              r.pickup_at AS "pickupAt", r.picked_up_at AS "pickedUpAt", r.completed_at AS "completedAt",
              a.id AS "assignmentId", a.status AS "assignmentStatus", a.created_at AS "assignedAt",
              t.driver_id AS "driverId", t.id AS "tripId"
         FROM rides r
         LEFT JOIN LATERAL (
           SELECT * FROM assignments x WHERE x.ride_id = r.id AND x.status IN ('active', 'completed')
            ORDER BY x.created_at DESC LIMIT 1) a ON true
         LEFT JOIN trips t ON t.id = a.trip_id
        WHERE r.territory_id IN (SELECT id FROM subtree) AND r.requested_at >= $4 AND r.requested_at < $5
        ORDER BY r.requested_at DESC, r.id
        LIMIT ${VALUEFLOWS_MAX_REQUESTS + 1}`,
      [...params, period.from, period.to],
    );
    return { allowed: true, rows };
  }

  /**
   * Every completed ride of these trips, whatever its territory or request date, with its time
   * aboard: the rides a trip's driving is shared among. Same rides as the time bank's ledger.
   */
  aboard(tripIds: string[]): Promise<Aboard[]> {
    return this.db.query(
      `SELECT r.id AS "rideId", a.trip_id AS "tripId", r.picked_up_at AS "from", r.completed_at AS "to"
         FROM assignments a JOIN rides r ON r.id = a.ride_id
        WHERE a.trip_id = ANY($1::uuid[]) AND a.status = 'completed' AND r.status = 'completed'
          AND r.picked_up_at IS NOT NULL AND r.completed_at >= r.picked_up_at`,
      [tripIds],
    );
  }
}
