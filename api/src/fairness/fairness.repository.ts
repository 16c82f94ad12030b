import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface ZoneRow {
  territory_id: string;
  name: string;
  requests: number;
  served: number;
  refused: number;
  cancelled: number;
  waits: number[] | null;
  declined_offers: number;
}

export interface KindRow {
  kind: 'ride' | 'task';
  requests: number;
  served: number;
  refused: number;
  cancelled: number;
  waits: number[] | null;
}

export interface DriverRow {
  driver_id: string;
  name: string;
  trips: number;
  declared_hours_per_week: number;
  /** Minutes of rota shifts signed for in the period, in the territory and those nested in it. */
  rota_minutes: number;
}

/** The fairness report's figures, each one set query over the period. */
@Injectable()
export class FairnessRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  /** Zones: the territory's children, or the territory itself when it has none. Rides count in the zone covering their pickup. */
  zones(territoryId: string, from: Date, to: Date): Promise<ZoneRow[]> {
    return this.db.query(
      `WITH zones AS (
         SELECT id, name, area FROM territories WHERE parent_id = $1
         UNION ALL
         SELECT id, name, area FROM territories WHERE id = $1 AND NOT EXISTS (SELECT 1 FROM territories WHERE parent_id = $1)),
       period AS (
         SELECT z.id AS zone_id, r.* FROM zones z JOIN rides r ON ST_Covers(z.area, r.pickup)
          WHERE r.requested_at >= $2 AND r.requested_at < $3)
       SELECT z.id AS territory_id, z.name,
              count(p.id)::int AS requests,
              count(p.id) FILTER (WHERE p.status IN ('assigned', 'picked_up', 'completed'))::int AS served,
              count(p.id) FILTER (WHERE p.status = 'unserved')::int AS refused,
              count(p.id) FILTER (WHERE p.status = 'cancelled')::int AS cancelled,
              array_agg(EXTRACT(EPOCH FROM p.picked_up_at - p.requested_at)::float8) FILTER (WHERE p.picked_up_at IS NOT NULL) AS waits,
              (SELECT count(*)::int FROM offers o JOIN period q ON q.id = o.ride_id
                WHERE q.zone_id = z.id AND o.status IN ('declined', 'expired')) AS declined_offers
         FROM zones z LEFT JOIN period p ON p.zone_id = z.id
        GROUP BY z.id, z.name ORDER BY z.name`,
      [territoryId, from, to],
    );
  }

  /** Per kind (rides, tasks, both listed), over requests whose pickup the territory covers. */
  kinds(territoryId: string, from: Date, to: Date): Promise<KindRow[]> {
    return this.db.query(
      `SELECT k.kind,
              count(r.id)::int AS requests,
              count(r.id) FILTER (WHERE r.status IN ('assigned', 'picked_up', 'completed'))::int AS served,
              count(r.id) FILTER (WHERE r.status = 'unserved')::int AS refused,
              count(r.id) FILTER (WHERE r.status = 'cancelled')::int AS cancelled,
              array_agg(EXTRACT(EPOCH FROM r.picked_up_at - COALESCE(r.pickup_at, r.requested_at))::float8)
                FILTER (WHERE r.picked_up_at IS NOT NULL) AS waits
         FROM (VALUES ('ride'), ('task')) AS k(kind)
         LEFT JOIN (rides r JOIN territories z ON z.id = $1 AND ST_Covers(z.area, r.pickup))
           ON r.kind = k.kind AND r.requested_at >= $2 AND r.requested_at < $3
        GROUP BY k.kind ORDER BY k.kind`,
      [territoryId, from, to],
    );
  }

  /** Drivers who drove trips for rides inside the territory, with their declared availability. */
  drivers(territoryId: string, from: Date, to: Date): Promise<DriverRow[]> {
    return this.db.query(
      `SELECT m.id AS driver_id, m.display_name AS name, count(DISTINCT a.id)::int AS trips, m.declared_hours_per_week,
              (WITH RECURSIVE sub AS (SELECT id FROM territories WHERE id = $1
                                      UNION SELECT t2.id FROM territories t2 JOIN sub ON t2.parent_id = sub.id)
               SELECT COALESCE(sum(EXTRACT(EPOCH FROM (o.ends_at - o.starts_at)) / 60), 0)::float8
                 FROM rota_signups su JOIN rota_occurrences o ON o.id = su.occurrence_id
                 JOIN rota_slots s ON s.id = o.slot_id
                WHERE su.driver_id = m.id AND su.status = 'signed' AND s.territory_id IN (SELECT id FROM sub)
                  AND o.starts_at >= $2 AND o.starts_at < $3) AS rota_minutes
         FROM assignments a
         JOIN trips t ON t.id = a.trip_id
         JOIN rides r ON r.id = a.ride_id
         JOIN territories z ON z.id = $1 AND ST_Covers(z.area, r.pickup)
         JOIN members m ON m.id = t.driver_id
        WHERE a.status IN ('active', 'completed') AND a.created_at >= $2 AND a.created_at < $3
        GROUP BY m.id ORDER BY trips DESC, m.display_name`,
      [territoryId, from, to],
    );
  }

  /** Accepted offers where the driver's territory and the ride's are not nested in one another. */
  async lending(territoryId: string, from: Date, to: Date): Promise<{ lent: number; borrowed: number }> {
    const rows: { lent: number; borrowed: number }[] = await this.db.query(
      `WITH scope AS (
         WITH RECURSIVE s AS (SELECT id FROM territories WHERE id = $1
                              UNION SELECT t.id FROM territories t JOIN s ON t.parent_id = s.id)
         SELECT id FROM s),
       loans AS (
         SELECT o.driver_territory_id IN (SELECT id FROM scope) AS from_here,
                r.territory_id IN (SELECT id FROM scope) AS for_here
           FROM offers o JOIN rides r ON r.id = o.ride_id
          WHERE o.status = 'accepted' AND o.reach = 'neighbour' AND o.created_at >= $2 AND o.created_at < $3)
       SELECT count(*) FILTER (WHERE from_here AND NOT for_here)::int AS lent,
              count(*) FILTER (WHERE for_here AND NOT from_here)::int AS borrowed
         FROM loans`,
      [territoryId, from, to],
    );
    return rows[0] ?? { lent: 0, borrowed: 0 };
  }
}
