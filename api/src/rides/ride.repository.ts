import { Inject, Injectable } from '@nestjs/common';
import type {
  LngLat,
  MatchExplanation,
  RequestKind,
  RideExplanations,
  RideStatus,
  RideView,
  TaskView,
} from '@navette/contracts';
import { DEFAULT_CIRCUITY, DEFAULT_SPEED_METERS_PER_SECOND } from '@navette/matching';
import { queryPrepared } from '@navette/sql';
import { DataSource, type EntityManager } from 'typeorm';

/** Speed and circuity for the pickup estimate shown to riders: the dispatcher's default model. */
const ESTIMATE_SPEED_MPS = DEFAULT_SPEED_METERS_PER_SECOND;
const ESTIMATE_CIRCUITY = DEFAULT_CIRCUITY;

interface RideRow {
  id: string;
  kind: RequestKind;
  status: RideStatus;
  rider_id: string;
  pickup: LngLat;
  dropoff: LngLat;
  pickup_name: string | null;
  dropoff_name: string | null;
  seats: number;
  wheelchair_places: number;
  cargo_units: number;
  task: TaskJson | null;
  territory_id: string;
  requested_at: Date;
  pickup_at: Date | null;
  driver_id: string | null;
  driver_name: string | null;
  driver_position: LngLat | null;
  pickup_eta_seconds: number | null;
  /** Pickup to drop-off (assigned), or the driver's position to drop-off (on board), seconds. */
  dropoff_eta_seconds: number | null;
  vehicle_label: string | null;
  shared_with: number;
}

/** A task's details as `selectRideView` reads them (timestamps as JSON text). */
type TaskJson = Omit<TaskView, 'pickupBefore' | 'deliverAfter' | 'deliverBefore' | 'outcomeAt'> & {
  pickupBefore: string | null;
  deliverAfter: string | null;
  deliverBefore: string | null;
  outcomeAt: string | null;
};

/** Everything a RideView shows, in one query. The driver's position only while going to the pickup. */
const selectRideView = `
  SELECT r.id, r.kind, r.status, r.rider_id, r.pickup_name, r.dropoff_name, r.seats, r.wheelchair_places, r.cargo_units,
         r.territory_id, r.requested_at, r.pickup_at,
         CASE WHEN td.ride_id IS NOT NULL THEN json_build_object(
           'what', td.what, 'category', td.category, 'size', td.size, 'weightClass', td.weight_class,
           'recipient', json_build_object('memberId', td.recipient_member_id, 'name', td.recipient_name,
                                          'phone', td.recipient_phone, 'email', td.recipient_email),
           'pickupInstructions', td.pickup_instructions, 'dropoffInstructions', td.dropoff_instructions,
           'pickupBefore', td.pickup_before, 'deliverAfter', td.deliver_after, 'deliverBefore', td.deliver_before,
           'onFailure', td.on_failure, 'failedAttempts', td.failed_attempts, 'returning', td.returning_to_sender,
           'outcome', td.outcome, 'outcomeNote', td.outcome_note, 'outcomeAt', td.outcome_at) END AS task,
         json_build_array(ST_X(r.pickup), ST_Y(r.pickup)) AS pickup,
         json_build_array(ST_X(r.dropoff), ST_Y(r.dropoff)) AS dropoff,
         t.driver_id, d.display_name AS driver_name,
         CASE WHEN r.status = 'assigned' AND p.position IS NOT NULL
              THEN json_build_array(ST_X(p.position), ST_Y(p.position)) END AS driver_position,
         CASE WHEN r.status = 'assigned' AND p.position IS NOT NULL
              THEN ST_DistanceSphere(p.position, r.pickup) * ${ESTIMATE_CIRCUITY} / ${ESTIMATE_SPEED_MPS} END
           AS pickup_eta_seconds,
         CASE WHEN r.status = 'assigned'
              THEN ST_DistanceSphere(r.pickup, r.dropoff) * ${ESTIMATE_CIRCUITY} / ${ESTIMATE_SPEED_MPS}
              WHEN r.status = 'picked_up' AND p.position IS NOT NULL
              THEN ST_DistanceSphere(p.position, r.dropoff) * ${ESTIMATE_CIRCUITY} / ${ESTIMATE_SPEED_MPS} END
           AS dropoff_eta_seconds,
         v.label AS vehicle_label,
         CASE WHEN r.status IN ('assigned', 'picked_up') AND a.trip_id IS NOT NULL
              THEN (SELECT count(*)::int FROM assignments o JOIN rides orr ON orr.id = o.ride_id
                     WHERE o.trip_id = a.trip_id AND o.status = 'active' AND o.ride_id <> r.id
                       AND orr.status IN ('assigned', 'picked_up'))
              ELSE 0 END AS shared_with
    FROM rides r
    LEFT JOIN task_details td ON td.ride_id = r.id
    LEFT JOIN assignments a ON a.ride_id = r.id AND a.status IN ('active', 'completed')
    LEFT JOIN trips t ON t.id = a.trip_id
    LEFT JOIN members d ON d.id = t.driver_id
    LEFT JOIN shifts s ON s.id = t.shift_id
    LEFT JOIN vehicles v ON v.id = s.vehicle_id
    LEFT JOIN driver_positions p ON p.driver_id = t.driver_id`;

/** One ride's view by id ($1): read on every ride event, so run as a prepared statement. */
export const RIDE_VIEW_BY_ID = `${selectRideView} WHERE r.id = $1`;

/** The rides assigned to or aboard driver $1's active trip: read on every position report. */
export interface NewRide {
  riderId: string;
  kind: RequestKind;
  pickup: LngLat;
  dropoff: LngLat;
  /** What the pickup and drop-off are called (reverse lookup at request time). */
  pickupName: string;
  dropoffName: string;
  /** The rider's words for the driver (trimmed), or null. */
  notes: string | null;
  seats: number;
  wheelchairPlaces: number;
  /** Cargo units a task takes; 0 for a ride. */
  cargoUnits: number;
  territoryId: string;
  idempotencyKey: string | null;
  /** SHA-256 of the request the key came with (see request-digest.ts); null without a key. */
  idempotencyBodySha256: string | null;
  maxTrustDistance: number | null;
  pickupAt: Date | null;
}

@Injectable()
export class RideRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  /**
   * Inserts the ride, or returns undefined when the rider already sent this idempotency key or
   * already has an open ride for the same trip (the unique index `rides_one_open_per_trip`).
   */
  async insert(ride: NewRide, manager: EntityManager = this.db.manager): Promise<string | undefined> {
    const rows: { id: string }[] = await manager.query(
      `INSERT INTO rides (rider_id, kind, pickup, dropoff, seats, wheelchair_places, territory_id, idempotency_key,
                          max_trust_distance, pickup_at, idempotency_body_sha256, pickup_name, dropoff_name, notes,
                          cargo_units)
       VALUES ($1, $2, ST_SetSRID(ST_MakePoint($3, $4), 4326), ST_SetSRID(ST_MakePoint($5, $6), 4326), $7, $8, $9, $10, $11, $12,
               $13, $14, $15, $16, $17)
       ON CONFLICT DO NOTHING
       RETURNING id`,
      [
        ride.riderId,
        ride.kind,
        ride.pickup[0],
        ride.pickup[1],
        ride.dropoff[0],
        ride.dropoff[1],
        ride.seats,
        ride.wheelchairPlaces,
        ride.territoryId,
        ride.idempotencyKey,
        ride.maxTrustDistance,
        ride.pickupAt,
        ride.idempotencyBodySha256,
        ride.pickupName,
        ride.dropoffName,
        ride.notes,
        ride.cargoUnits,
      ],
    );
    return rows[0]?.id;
  }

  /** The rider's open ride for this trip (same places, same booked time or both immediate). */
  async openForTrip(
    riderId: string,
    pickup: LngLat,
    dropoff: LngLat,
    pickupAt: Date | null,
  ): Promise<string | undefined> {
    const rows: { id: string }[] = await this.db.query(
      `SELECT id FROM rides
        WHERE rider_id = $1 AND status IN ('requested', 'offered', 'assigned', 'picked_up')
          AND ST_X(pickup) = $2 AND ST_Y(pickup) = $3 AND ST_X(dropoff) = $4 AND ST_Y(dropoff) = $5
          AND COALESCE(pickup_at, '-infinity') = COALESCE($6::timestamptz, '-infinity')`,
      [riderId, pickup[0], pickup[1], dropoff[0], dropoff[1], pickupAt],
    );
    return rows[0]?.id;
  }

  /** Every offer made for a ride, with the engine's explanation: for coordinators. */
  async offersWithExplanations(rideId: string): Promise<RideExplanations['offers']> {
    const rows: {
      id: string;
      driver_id: string;
      name: string;
      status: string;
      reach: string;
      created_at: Date;
      explanation: MatchExplanation;
    }[] = await this.db.query(
      `SELECT o.id, o.driver_id, m.display_name AS name, o.status, o.reach, o.created_at, o.explanation
         FROM offers o JOIN members m ON m.id = o.driver_id WHERE o.ride_id = $1 ORDER BY o.created_at`,
      [rideId],
    );
    return rows.map((r) => ({
      offerId: r.id,
      driverId: r.driver_id,
      driverName: r.name,
      status: r.status,
      reach: r.reach,
      createdAt: r.created_at.toISOString(),
      explanation: r.explanation,
    }));
  }

  /** Why the ride's latest batch left it without an offer, if one did. */
  async lastUnmatched(rideId: string): Promise<RideExplanations['lastUnmatched']> {
    const rows: { at: Date | null; explanation: MatchExplanation | null }[] = await this.db.query(
      `SELECT unmatched_at AS at, unmatched_explanation AS explanation FROM rides WHERE id = $1`,
      [rideId],
    );
    const row = rows[0];
    return row?.at && row.explanation ? { at: row.at.toISOString(), explanation: row.explanation } : null;
  }

  /** A coordinator's suspension stops a member requesting rides; nothing suspends anyone automatically. */
  async isSuspended(memberId: string): Promise<boolean> {
    const rows: { standing: string }[] = await this.db.query(`SELECT standing FROM members WHERE id = $1`, [
      memberId,
    ]);
    return rows[0]?.standing === 'suspended';
  }

  /** The ride the rider made with this key, and the digest of the body it came with (null before 2025-12). */
  async byIdempotencyKey(
    riderId: string,
    key: string,
  ): Promise<{ id: string; bodySha256: string | null } | undefined> {
    const rows: { id: string; body_sha256: string | null }[] = await this.db.query(
      `SELECT id, idempotency_body_sha256 AS body_sha256 FROM rides WHERE rider_id = $1 AND idempotency_key = $2`,
      [riderId, key],
    );
    return rows[0] && { id: rows[0].id, bodySha256: rows[0].body_sha256 };
  }

  async view(id: string, manager: EntityManager = this.db.manager): Promise<RideView | undefined> {
    const rows = await queryPrepared<RideRow>(manager, RIDE_VIEW_BY_ID, [id]);
    return rows[0] && toRideView(rows[0]);
  }

  async viewsOfRider(riderId: string, limit = 50): Promise<RideView[]> {
    const rows: RideRow[] = await this.db.query(
      `${selectRideView} WHERE r.rider_id = $1 ORDER BY r.requested_at DESC LIMIT $2`,
      [riderId, limit],
    );
    return rows.map(toRideView);
  }

  /** Riders waiting for this driver (assigned, not yet picked up): they follow the driver's position. */
  /**
   * Where the drivers on shift stand whose shift's territory covers `at` (for the estimate a rider
   * sees before asking), nearest first, at most 200.
   */
  async driversOnShiftCovering(at: LngLat): Promise<LngLat[]> {
    const rows: { position: LngLat }[] = await this.db.query(
      `SELECT json_build_array(ST_X(p.position), ST_Y(p.position)) AS position
         FROM driver_positions p
         JOIN shifts s ON s.id = p.shift_id AND s.ended_at IS NULL
         JOIN territories t ON t.id = s.territory_id
        WHERE ST_Covers(t.area, ST_SetSRID(ST_MakePoint($1, $2), 4326))
        ORDER BY p.position <-> ST_SetSRID(ST_MakePoint($1, $2), 4326)
        LIMIT 200`,
      [at[0], at[1]],
    );
    return rows.map((row) => row.position);
  }

  /** The other rides still on the trip that carries (or carried) `rideId`: their "shared with" changed. */
  async ridesSharingTripWith(rideId: string): Promise<string[]> {
    const rows: { ride_id: string }[] = await this.db.query(
      `SELECT DISTINCT o.ride_id FROM assignments a
         JOIN assignments o ON o.trip_id = a.trip_id AND o.status = 'active' AND o.ride_id <> a.ride_id
        WHERE a.ride_id = $1`,
      [rideId],
    );
    return rows.map((row) => row.ride_id);
  }
}

export function toRideView(row: RideRow): RideView {
  return {
    id: row.id,
    kind: row.kind,
    status: row.status,
    riderId: row.rider_id,
    pickup: { type: 'Point', coordinates: row.pickup },
    dropoff: { type: 'Point', coordinates: row.dropoff },
    pickupName: row.pickup_name,
    dropoffName: row.dropoff_name,
    seats: row.seats,
    wheelchairPlaces: row.wheelchair_places,
    cargoUnits: row.cargo_units,
    task: row.task && toTaskView(row.task),
    territoryId: row.territory_id,
    requestedAt: row.requested_at.toISOString(),
    pickupAt: row.pickup_at?.toISOString() ?? null,
    driverId: row.driver_id,
    driverName: row.driver_name,
    driverPosition: row.driver_position,
    expectedPickupAt:
      row.pickup_eta_seconds === null
        ? null
        : new Date(Date.now() + row.pickup_eta_seconds * 1000).toISOString(),
    expectedDropoffAt: expectedDropoffAt(row),
    vehicleLabel: row.vehicle_label,
    sharedWith: row.shared_with,
  };
}

/** On board: from the driver's position; assigned: after the pickup (when that is known), the direct trip. */
function expectedDropoffAt(row: RideRow): string | null {
  if (row.dropoff_eta_seconds === null) return null;
  if (row.status === 'assigned' && row.pickup_eta_seconds === null) return null;
  const seconds = row.dropoff_eta_seconds + (row.status === 'assigned' ? (row.pickup_eta_seconds ?? 0) : 0);
  return new Date(Date.now() + seconds * 1000).toISOString();
}

const isoOrNull = (text: string | null) => (text === null ? null : new Date(text).toISOString());

function toTaskView(task: TaskJson): TaskView {
  return {
    ...task,
    pickupBefore: isoOrNull(task.pickupBefore),
    deliverAfter: isoOrNull(task.deliverAfter),
    deliverBefore: isoOrNull(task.deliverBefore),
    outcomeAt: isoOrNull(task.outcomeAt),
  };
}
