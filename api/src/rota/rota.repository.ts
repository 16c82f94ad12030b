import { Inject, Injectable } from '@nestjs/common';
import type { PlanDayDriver, PlanDayRide } from '@navette/contracts';
import { DataSource } from 'typeorm';
import { managedSubtree } from '../territories/territory-scope.js';

/** What the rota plans with, inside the territories the member manages (nothing otherwise). */
@Injectable()
export class RotaRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  /** The territory and those nested in it, when the member manages it; undefined otherwise. */
  async managedScope(territoryId: string, memberId: string, admin: boolean): Promise<string[] | undefined> {
    const rows: { id: string }[] = await this.db.query(
      `${managedSubtree('$1', '$2', '$3')} SELECT id FROM subtree`,
      [territoryId, memberId, admin],
    );
    return rows.length ? rows.map((r) => r.id) : undefined;
  }

  /** Rides booked ahead for [from, to) in these territories, still waiting for a driver. */
  bookedRides(scope: string[], from: Date, to: Date): Promise<PlanDayRide[]> {
    return this.db.query(
      `SELECT r.id, json_build_array(ST_X(r.pickup), ST_Y(r.pickup)) AS pickup,
              json_build_array(ST_X(r.dropoff), ST_Y(r.dropoff)) AS dropoff, r.seats, r.wheelchair_places AS "wheelchairPlaces",
              EXTRACT(EPOCH FROM r.pickup_at)::float8 AS "pickupAtSeconds", r.kind, r.cargo_units AS "cargoUnits",
              CASE WHEN r.kind = 'task'
                   THEN COALESCE(EXTRACT(EPOCH FROM d.pickup_before - r.pickup_at)::float8, t.task_max_wait_seconds)
                   ELSE t.max_wait_seconds END AS "maxWaitSeconds",
              CASE WHEN r.kind = 'task' THEN t.task_max_detour_factor ELSE t.max_detour_factor END AS "maxDetourFactor",
              EXTRACT(EPOCH FROM d.deliver_after)::float8 AS "deliverAfterSeconds",
              EXTRACT(EPOCH FROM d.deliver_before)::float8 AS "deliverBeforeSeconds"
         FROM rides r JOIN territories t ON t.id = r.territory_id
         LEFT JOIN task_details d ON d.ride_id = r.id
        WHERE r.territory_id = ANY($1::uuid[]) AND r.status = 'requested' AND r.pickup_at >= $2 AND r.pickup_at < $3
        ORDER BY r.pickup_at`,
      [scope, from, to],
    );
  }

  /** Drivers at home in these territories (not suspended), starting from their home territory. */
  drivers(scope: string[]): Promise<PlanDayDriver[]> {
    return this.db.query(
      `SELECT DISTINCT ON (m.id) m.id, m.display_name AS name,
              json_build_array(ST_X(ST_PointOnSurface(h.area)), ST_Y(ST_PointOnSurface(h.area))) AS home,
              v.seats, v.wheelchair_places AS "wheelchairPlaces", v.cargo_units AS "cargoUnits"
         FROM members m
         JOIN territories h ON h.id = m.home_territory_id AND h.id = ANY($1::uuid[])
         JOIN vehicles v ON v.driver_id = m.id
        WHERE m.role = 'driver' AND m.standing <> 'suspended'
        ORDER BY m.id, v.seats DESC`,
      [scope],
    );
  }
}
