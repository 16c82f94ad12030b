import { Inject, Injectable } from '@nestjs/common';
import type {
  DeliveryOutcome,
  FailedDeliveryChoice,
  LngLat,
  RideStatus,
  TaskCategory,
  TaskSize,
  WeightClass,
} from '@navette/contracts';
import { sql } from '@navette/sql';
import { DataSource, type EntityManager } from 'typeorm';

/** A territory's plain-language sizes (cargo units) and how long a task's pickup may be delayed. */
export interface TaskRules {
  cargoSizes: Record<TaskSize, number>;
  taskMaxWaitSeconds: number;
}

/** One task's details as stored (the recipient's contact, the windows, the handover). */
export interface NewTaskDetails {
  what: string;
  category: TaskCategory;
  size: TaskSize;
  weightClass: WeightClass | null;
  recipientMemberId: string | null;
  recipientName: string | null;
  recipientPhone: string | null;
  recipientEmail: string | null;
  pickupInstructions: string | null;
  dropoffInstructions: string | null;
  pickupBefore: Date | null;
  deliverAfter: Date | null;
  deliverBefore: Date | null;
  onFailure: FailedDeliveryChoice;
  handoverCode: string;
}

/** A task at the drop-off, locked for its handover: what the driver may do depends on all of it. */
export interface HandoverRow {
  ride_id: string;
  rider_id: string;
  status: RideStatus;
  trip_id: string;
  handover_code: string | null;
  wrong_codes: number;
  failed_attempts: number;
  on_failure: FailedDeliveryChoice;
  returning: boolean;
}

/** What the tracking page may show of a task, and no more. */
export interface TrackingRow {
  status: RideStatus;
  what: string;
  pickup_name: string | null;
  dropoff_name: string | null;
  pickup: LngLat;
  dropoff: LngLat;
  driver_position: LngLat | null;
  deliver_after: Date | null;
  deliver_before: Date | null;
  returning: boolean;
  outcome: DeliveryOutcome | null;
  ended_at: Date | null;
}

@Injectable()
export class TaskRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  async rules(territoryId: string): Promise<TaskRules> {
    const rows: { cargo_sizes: Record<TaskSize, number>; task_max_wait_seconds: number }[] =
      await this.db.query(`SELECT cargo_sizes, task_max_wait_seconds FROM territories WHERE id = $1`, [
        territoryId,
      ]);
    const row = rows[0]!;
    return { cargoSizes: row.cargo_sizes, taskMaxWaitSeconds: row.task_max_wait_seconds };
  }

  /** A member who can receive a task (not erased), with their e-mail for the code. */
  async recipientMember(memberId: string): Promise<{ email: string } | undefined> {
    const rows: { email: string }[] = await this.db.query(
      `SELECT email FROM members WHERE id = $1 AND erased_at IS NULL`,
      [memberId],
    );
    return rows[0];
  }

  async insert(manager: EntityManager, rideId: string, task: NewTaskDetails): Promise<void> {
    await manager.query(
      `INSERT INTO task_details (ride_id, what, category, size, weight_class, recipient_member_id, recipient_name,
                                 recipient_phone, recipient_email, pickup_instructions, dropoff_instructions,
                                 pickup_before, deliver_after, deliver_before, on_failure, handover_code)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)`,
      [
        rideId,
        task.what,
        task.category,
        task.size,
        task.weightClass,
        task.recipientMemberId,
        task.recipientName,
        task.recipientPhone,
        task.recipientEmail,
        task.pickupInstructions,
        task.dropoffInstructions,
        task.pickupBefore,
        task.deliverAfter,
        task.deliverBefore,
        task.onFailure,
        task.handoverCode,
      ],
    );
  }

  async senderName(rideId: string): Promise<string> {
    const rows: { name: string }[] = await this.db.query(
      `SELECT m.display_name AS name FROM rides r JOIN members m ON m.id = r.rider_id WHERE r.id = $1`,
      [rideId],
    );
    return rows[0]?.name ?? 'A member';
  }

  async markMailed(rideId: string): Promise<void> {
    await this.db.query(`UPDATE task_details SET code_mailed = true WHERE ride_id = $1`, [rideId]);
  }

  /** The sender's handover facts: the code (until delivered) and whether it was mailed. */
  async handoverFacts(
    rideId: string,
  ): Promise<
    { rider_id: string; status: RideStatus; handover_code: string | null; code_mailed: boolean } | undefined
  > {
    const rows: {
      rider_id: string;
      status: RideStatus;
      handover_code: string | null;
      code_mailed: boolean;
    }[] = await this.db.query(
      `SELECT r.rider_id, r.status, d.handover_code, d.code_mailed
           FROM rides r JOIN task_details d ON d.ride_id = r.id WHERE r.id = $1`,
      [rideId],
    );
    return rows[0];
  }

  /** The task on the driver's active trip, locked (the caller locked the ride first). */
  async lockForHandover(
    manager: EntityManager,
    driverId: string,
    rideId: string,
  ): Promise<HandoverRow | undefined> {
    const rows: HandoverRow[] = await manager.query(
      `SELECT r.id AS ride_id, r.rider_id, r.status, a.trip_id, d.handover_code, d.wrong_codes, d.failed_attempts,
              d.on_failure, d.returning_to_sender AS "returning"
         FROM rides r
         JOIN task_details d ON d.ride_id = r.id
         JOIN assignments a ON a.ride_id = r.id AND a.status IN ('active', 'completed')
         JOIN trips t ON t.id = a.trip_id AND t.driver_id = $1
        WHERE r.id = $2
        ORDER BY a.created_at DESC LIMIT 1
        FOR UPDATE OF d`,
      [driverId, rideId],
    );
    return rows[0];
  }

  /** Counts a wrong code; returns how many were given so far. */
  async countWrongCode(manager: EntityManager, rideId: string): Promise<number> {
    const rows = await sql<{ wrong_codes: number }>(
      manager,
      `UPDATE task_details SET wrong_codes = wrong_codes + 1 WHERE ride_id = $1 RETURNING wrong_codes`,
      [rideId],
    );
    return rows[0]!.wrong_codes;
  }

  /** The delivery ended: how, with the driver's note (else the failed attempt's, kept); the code is of no more use. */
  async recordOutcome(
    manager: EntityManager,
    rideId: string,
    outcome: DeliveryOutcome,
    note: string | null,
  ): Promise<void> {
    await manager.query(
      `UPDATE task_details SET outcome = $2, outcome_note = COALESCE($3, outcome_note), outcome_at = now(), handover_code = NULL
        WHERE ride_id = $1`,
      [rideId, outcome, note],
    );
  }

  /** Nobody took it: one more failed attempt; `returning` sends it back to the sender. */
  async recordFailure(
    manager: EntityManager,
    rideId: string,
    returning: boolean,
    note: string | null,
  ): Promise<void> {
    await manager.query(
      `UPDATE task_details SET failed_attempts = failed_attempts + 1, returning_to_sender = returning_to_sender OR $2,
              outcome_note = COALESCE($3, outcome_note)
        WHERE ride_id = $1`,
      [rideId, returning, note],
    );
  }

  /** Moves the task's drop-off to the end of the trip's planned stops (a failed delivery tried again later). */
  async dropoffLast(manager: EntityManager, tripId: string, rideId: string): Promise<void> {
    await manager.query(
      `UPDATE trips SET planned_stops = COALESCE((
                SELECT jsonb_agg(s) FROM jsonb_array_elements(planned_stops) s
                 WHERE NOT (s->>'requestId' = $2 AND s->>'type' = 'dropoff')), '[]'::jsonb)
              || jsonb_build_array(jsonb_build_object('requestId', $2::text, 'type', 'dropoff'))
        WHERE id = $1`,
      [tripId, rideId],
    );
  }

  async tracking(rideId: string): Promise<TrackingRow | undefined> {
    const rows: TrackingRow[] = await this.db.query(
      `SELECT r.status, d.what, r.pickup_name, r.dropoff_name, d.deliver_after, d.deliver_before, d.returning_to_sender AS "returning", d.outcome,
              json_build_array(ST_X(r.pickup), ST_Y(r.pickup)) AS pickup,
              json_build_array(ST_X(r.dropoff), ST_Y(r.dropoff)) AS dropoff,
              CASE WHEN r.status IN ('assigned', 'picked_up') AND p.position IS NOT NULL
                   THEN json_build_array(ST_X(p.position), ST_Y(p.position)) END AS driver_position,
              COALESCE(d.outcome_at, r.cancelled_at, r.unmatched_at, r.no_show_at, r.completed_at) AS ended_at
         FROM rides r
         JOIN task_details d ON d.ride_id = r.id
         LEFT JOIN assignments a ON a.ride_id = r.id AND a.status = 'active'
         LEFT JOIN trips t ON t.id = a.trip_id
         LEFT JOIN driver_positions p ON p.driver_id = t.driver_id
        WHERE r.id = $1 AND r.places_coarsened_at IS NULL`,
      [rideId],
    );
    return rows[0];
  }
}
