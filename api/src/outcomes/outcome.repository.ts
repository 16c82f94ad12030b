import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface RideParties {
  riderId: string;
  driverId: string | null;
  status: string;
  territoryId: string;
  completedAt: Date | null;
}

@Injectable()
export class OutcomeRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  async parties(rideId: string): Promise<RideParties | undefined> {
    const rows: {
      rider_id: string;
      driver_id: string | null;
      status: string;
      territory_id: string;
      completed_at: Date | null;
    }[] = await this.db.query(
      `SELECT r.rider_id, t.driver_id, r.status, r.territory_id, r.completed_at
           FROM rides r
           LEFT JOIN assignments a ON a.ride_id = r.id AND a.status IN ('active', 'completed')
           LEFT JOIN trips t ON t.id = a.trip_id
          WHERE r.id = $1`,
      [rideId],
    );
    const row = rows[0];
    return (
      row && {
        riderId: row.rider_id,
        driverId: row.driver_id,
        status: row.status,
        territoryId: row.territory_id,
        completedAt: row.completed_at,
      }
    );
  }

  /** Inserts one side's answer; false when that side already answered. */
  async record(rideId: string, authorId: string, subjectId: string, success: boolean): Promise<boolean> {
    const rows: unknown[] = await this.db.query(
      `INSERT INTO outcomes (ride_id, author_id, subject_id, success) VALUES ($1, $2, $3, $4)
       ON CONFLICT (ride_id, author_id) DO NOTHING RETURNING ride_id`,
      [rideId, authorId, subjectId, success],
    );
    return rows.length > 0;
  }

  async ofRide(rideId: string): Promise<{ author_id: string; success: boolean; created_at: Date }[]> {
    return this.db.query(`SELECT author_id, success, created_at FROM outcomes WHERE ride_id = $1`, [rideId]);
  }

  /**
   * The author's judgements of the subject, newest first — only since a coordinator last cleared a
   * block between them, so a cleared pair starts afresh (one failure forgiven again).
   */
  async judgements(authorId: string, subjectId: string, limit = 2): Promise<boolean[]> {
    const rows: { success: boolean }[] = await this.db.query(
      `SELECT success FROM outcomes
        WHERE author_id = $1 AND subject_id = $2
          AND created_at > COALESCE((SELECT max(cleared_at) FROM pair_blocks
                                      WHERE (member_id = $1 AND counterpart_id = $2) OR (member_id = $2 AND counterpart_id = $1)),
                                    '-infinity')
        ORDER BY created_at DESC LIMIT $3`,
      [authorId, subjectId, limit],
    );
    return rows.map((r) => r.success);
  }

  /** Opens a block between the two unless one is already open. */
  async block(
    memberId: string,
    counterpartId: string,
    rideId: string,
    territoryId: string,
  ): Promise<boolean> {
    const rows: unknown[] = await this.db.query(
      `INSERT INTO pair_blocks (member_id, counterpart_id, reason, ride_id, territory_id)
       VALUES ($1, $2, 'two failures in a row reported by the counterpart', $3, $4)
       ON CONFLICT DO NOTHING RETURNING id`,
      [memberId, counterpartId, rideId, territoryId],
    );
    return rows.length > 0;
  }
}
