import { Inject, Injectable } from '@nestjs/common';
import type { LngLat, MatchExplanation } from '@navette/contracts';
import { connectedSql, positionFreshSql, restUntilSql, sql } from '@navette/sql';
import { DataSource } from 'typeorm';
import { managedSubtree } from '../territories/territory-scope.js';

export interface LiveDriverRow {
  driver_id: string;
  name: string;
  territory_id: string;
  on_trip: boolean;
  offered: boolean;
  connected: boolean;
  position: LngLat | null;
  position_at: Date | null;
  fresh: boolean;
  rest_until: Date | null;
}

export interface LiveRideRow {
  ride_id: string;
  territory_id: string;
  status: 'requested' | 'offered';
  requested_at: Date;
  waiting_seconds: number;
  pickup: LngLat;
  seats: number;
  wheelchair_places: number;
  offered_to: string | null;
  offer_id: string | null;
  rider_name: string;
  pickup_name: string | null;
  dropoff_name: string | null;
  unmatched_at: Date | null;
  unmatched_explanation: MatchExplanation | null;
}

/** What a coordinator's console shows of a territory and the territories within it, read now. */
@Injectable()
export class LiveRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  /** The territories the caller may watch from `territoryId` (itself and nested); empty when none. */
  async subtree(territoryId: string, memberId: string, admin: boolean): Promise<string[]> {
    const rows = await sql<{ id: string }>(
      this.db,
      `${managedSubtree('$1', '$2', '$3')} SELECT id FROM subtree`,
      [territoryId, memberId, admin],
    );
    return rows.map((r) => r.id);
  }

  /** Every driver on shift in these territories, with what decides their state. */
  drivers(territoryIds: string[]): Promise<LiveDriverRow[]> {
    return sql<LiveDriverRow>(
      this.db,
      `SELECT s.driver_id, m.display_name AS name, s.territory_id,
              EXISTS (SELECT 1 FROM trips tr WHERE tr.shift_id = s.id AND tr.status = 'active') AS on_trip,
              EXISTS (SELECT 1 FROM offers o WHERE o.shift_id = s.id AND o.status = 'pending') AS offered,
              ${connectedSql('s.driver_id')} AS connected,
              CASE WHEN p.driver_id IS NULL THEN NULL
                   ELSE json_build_array(ST_X(p.position), ST_Y(p.position)) END AS position,
              p.reported_at AS position_at,
              COALESCE(${positionFreshSql('p', 't')}, false) AS fresh,
              CASE WHEN r.until > now() THEN r.until END AS rest_until
         FROM shifts s
         JOIN members m ON m.id = s.driver_id
         JOIN territories t ON t.id = s.territory_id
         LEFT JOIN driver_positions p ON p.driver_id = s.driver_id AND p.shift_id = s.id
         CROSS JOIN LATERAL (SELECT ${restUntilSql('s', 't')} AS until) r
        WHERE s.ended_at IS NULL AND s.territory_id = ANY($1::uuid[])
        ORDER BY m.display_name, s.driver_id`,
      [territoryIds],
    );
  }

  /** Rides waiting for a driver in these territories, oldest first, with the engine's latest reason. */
  waiting(territoryIds: string[]): Promise<LiveRideRow[]> {
    return sql<LiveRideRow>(
      this.db,
      `SELECT r.id AS ride_id, r.territory_id, r.status, r.requested_at,
              floor(extract(epoch FROM now() - r.requested_at))::int AS waiting_seconds,
              json_build_array(ST_X(r.pickup), ST_Y(r.pickup)) AS pickup,
              r.seats, r.wheelchair_places,
              o.driver_id AS offered_to, o.id AS offer_id, m.display_name AS rider_name,
              r.pickup_name, r.dropoff_name, r.unmatched_at, r.unmatched_explanation
         FROM rides r
         JOIN members m ON m.id = r.rider_id
         LEFT JOIN offers o ON o.ride_id = r.id AND o.status = 'pending'
        WHERE r.status IN ('requested', 'offered') AND r.territory_id = ANY($1::uuid[])
        ORDER BY r.requested_at, r.id`,
      [territoryIds],
    );
  }
}
