import { Inject, Injectable } from '@nestjs/common';
import { sql } from '@navette/sql';
import { DataSource, type EntityManager } from 'typeorm';

/** Statuses after which a ride changes no more: its retention period runs from its last moment. */
export const ENDED_STATUSES = ['completed', 'cancelled', 'unserved', 'no_show'] as const;

/**
 * The last moment of an ended ride, in SQL over `rides r` (GREATEST ignores nulls): a booked ride
 * that went unserved ends no earlier than its wanted pickup time.
 */
const endedAt = `GREATEST(r.requested_at, r.pickup_at, r.picked_up_at, r.completed_at, r.cancelled_at,
                          r.no_show_at, r.unmatched_at)`;

/**
 * Writes that replace exact places by their zone's point (`coarse_place()`, see the migration
 * `PlaceRetention1765008000000`) and their names by the zone's (`zone_name()`, `Places1765267200000`:
 * a place within 150 m or a street would say as much as the point), and remove stale positions.
 */
@Injectable()
export class RetentionRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  /**
   * Coarsens up to `limit` ended rides whose territory's retention has passed, oldest first. Rows
   * another sweep holds are skipped, and a ride is coarsened once: sweeping on several nodes is safe.
   */
  async coarsenDueRides(limit: number): Promise<number> {
    const rows = await sql<{ id: string }>(
      this.db,
      `WITH due AS (
         SELECT r.id FROM rides r JOIN territories t ON t.id = r.territory_id
          WHERE r.places_coarsened_at IS NULL AND r.status = ANY($1::text[])
            AND ${endedAt} < now() - make_interval(days => t.place_retention_days)
          ORDER BY r.requested_at LIMIT $2
          FOR UPDATE OF r SKIP LOCKED)
       UPDATE rides r SET pickup = coarse_place(r.pickup), dropoff = coarse_place(r.dropoff),
                          pickup_name = zone_name(r.pickup), dropoff_name = zone_name(r.dropoff),
                          notes = NULL, places_coarsened_at = now()
         FROM due WHERE r.id = due.id AND r.places_coarsened_at IS NULL
       RETURNING r.id`,
      [ENDED_STATUSES, limit],
    );
    return rows.length;
  }

  /**
   * Positions are deleted when a shift ends; one left on a shift nobody ended is removed once it
   * is older than the shift territory's retention.
   */
  async removeStalePositions(): Promise<number> {
    const rows = await sql<{ driver_id: string }>(
      this.db,
      `DELETE FROM driver_positions p USING shifts s, territories t
        WHERE s.id = p.shift_id AND t.id = s.territory_id
          AND p.reported_at < now() - make_interval(days => t.place_retention_days)
       RETURNING p.driver_id`,
    );
    return rows.length;
  }

  /** Coarsens every ride `riderId` asked for that is still exact (an erasure); returns how many. */
  async coarsenRidesOf(manager: EntityManager, riderId: string): Promise<number> {
    const rows = await sql<{ id: string }>(
      manager,
      `UPDATE rides SET pickup = coarse_place(pickup), dropoff = coarse_place(dropoff),
                        pickup_name = zone_name(pickup), dropoff_name = zone_name(dropoff), notes = NULL,
                        places_coarsened_at = now()
        WHERE rider_id = $1 AND places_coarsened_at IS NULL
       RETURNING id`,
      [riderId],
    );
    return rows.length;
  }
}
