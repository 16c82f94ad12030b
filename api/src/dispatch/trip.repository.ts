import { Inject, Injectable } from '@nestjs/common';
import type {
  LngLat,
  RequestKind,
  RideStatus,
  RouteStopView,
  RouteView,
  TripTaskView,
  TripView,
} from '@navette/contracts';
import { queryPrepared } from '@navette/sql';
import { DataSource, type EntityManager } from 'typeorm';

interface TripRow {
  trip_id: string;
  ride_id: string;
  trip_status: TripView['status'];
  ride_status: RideStatus;
  rider_name: string;
  pickup: [number, number];
  dropoff: [number, number];
  pickup_name: string | null;
  dropoff_name: string | null;
  seats: number;
  notes: string | null;
  kind: RequestKind;
  cargo_units: number;
  task: TripTaskView | null;
}

/**
 * A task's details for its driver, over `r` (rides), `m` (its sender) and `td` (task_details):
 * collect from the sender, deliver to the recipient (a member's name when they are one).
 */
const tripTaskJson = `
  CASE WHEN td.ride_id IS NOT NULL THEN json_build_object(
    'what', td.what, 'size', td.size, 'weightClass', td.weight_class, 'senderName', m.display_name,
    'recipientName', COALESCE(td.recipient_name, (SELECT display_name FROM members WHERE id = td.recipient_member_id)),
    'recipientPhone', td.recipient_phone,
    'recipientEmail', COALESCE(td.recipient_email, (SELECT email FROM members WHERE id = td.recipient_member_id)),
    'pickupInstructions', td.pickup_instructions, 'dropoffInstructions', td.dropoff_instructions,
    'deliverAfter', to_char(td.deliver_after AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    'deliverBefore', to_char(td.deliver_before AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    'returning', td.returning_to_sender) END AS task`;

/** A returning task's drop-off is its sender's door, its pickup. */
const dropoffOf = `CASE WHEN td.returning_to_sender THEN r.pickup ELSE r.dropoff END`;
const dropoffNameOf = `CASE WHEN td.returning_to_sender THEN r.pickup_name ELSE r.dropoff_name END`;

const selectTripView = `
  SELECT t.id AS trip_id, r.id AS ride_id, t.status AS trip_status, r.status AS ride_status,
         m.display_name AS rider_name, r.seats, r.pickup_name, ${dropoffNameOf} AS dropoff_name, r.notes, r.kind, r.cargo_units,
         json_build_array(ST_X(r.pickup), ST_Y(r.pickup)) AS pickup,
         json_build_array(ST_X(${dropoffOf}), ST_Y(${dropoffOf})) AS dropoff,
         ${tripTaskJson}
    FROM assignments a
    JOIN trips t ON t.id = a.trip_id
    JOIN rides r ON r.id = a.ride_id
    JOIN members m ON m.id = r.rider_id
    LEFT JOIN task_details td ON td.ride_id = r.id`;

/** What the driver does at a task's stop, with whom; null for a ride. */
function handoverAt(type: 'pickup' | 'dropoff', task: TripTaskView | null): RouteStopView['handover'] {
  if (!task) return null;
  if (type === 'pickup') {
    return {
      action: 'collect',
      what: task.what,
      contactName: task.senderName,
      contactPhone: null,
      contactEmail: null,
      instructions: task.pickupInstructions,
    };
  }
  if (task.returning) {
    return {
      action: 'return',
      what: task.what,
      contactName: task.senderName,
      contactPhone: null,
      contactEmail: null,
      instructions: task.pickupInstructions,
    };
  }
  return {
    action: 'deliver',
    what: task.what,
    contactName: task.recipientName,
    contactPhone: task.recipientPhone,
    contactEmail: task.recipientEmail,
    instructions: task.dropoffInstructions,
  };
}

const toView = (row: TripRow): TripView => ({
  id: row.trip_id,
  rideId: row.ride_id,
  status: row.trip_status,
  rideStatus: row.ride_status,
  riderName: row.rider_name,
  pickup: { type: 'Point', coordinates: row.pickup },
  dropoff: { type: 'Point', coordinates: row.dropoff },
  pickupName: row.pickup_name,
  dropoffName: row.dropoff_name,
  seats: row.seats,
  notes: row.notes,
  kind: row.kind,
  cargoUnits: row.cargo_units,
  task: row.task,
});

/** The driver's ($1) view of one ride ($2): read on each offer accepted and each trip mark, prepared. */
export const TRIP_VIEW_FOR_DRIVER = `${selectTripView} WHERE t.driver_id = $1 AND r.id = $2 AND a.status IN ('active', 'completed')
  ORDER BY a.created_at DESC LIMIT 1`;

@Injectable()
export class TripRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  /** The driver's view of one ride they carry (or carried). */
  async viewForDriver(
    driverId: string,
    rideId: string,
    manager: EntityManager = this.db.manager,
  ): Promise<TripView | undefined> {
    const rows = await queryPrepared<TripRow>(manager, TRIP_VIEW_FOR_DRIVER, [driverId, rideId]);
    return rows[0] && toView(rows[0]);
  }

  async currentFor(driverId: string): Promise<TripView[]> {
    const rows: TripRow[] = await this.db.query(
      `${selectTripView} WHERE t.driver_id = $1 AND a.status = 'active' ORDER BY a.created_at`,
      [driverId],
    );
    return rows.map(toView);
  }

  /**
   * The stops ahead of the driver: the active trip's planned order, without stops already served;
   * a ride missing from the plan is appended (pickup then dropoff).
   */
  async routeFor(driverId: string): Promise<RouteView> {
    const trips: { id: string; planned_stops: { requestId: string; type: 'pickup' | 'dropoff' }[] }[] =
      await this.db.query(`SELECT id, planned_stops FROM trips WHERE driver_id = $1 AND status = 'active'`, [
        driverId,
      ]);
    const trip = trips[0];
    if (!trip) return { tripId: null, stops: [] };
    const rides: {
      id: string;
      status: RideStatus;
      rider_name: string;
      seats: number;
      kind: RequestKind;
      cargo_units: number;
      pickup: LngLat;
      dropoff: LngLat;
      pickup_name: string | null;
      dropoff_name: string | null;
      notes: string | null;
      task: TripTaskView | null;
    }[] = await this.db.query(
      `SELECT r.id, r.status, m.display_name AS rider_name, r.seats, r.notes, r.kind, r.cargo_units, r.pickup_name,
              ${dropoffNameOf} AS dropoff_name,
              json_build_array(ST_X(r.pickup), ST_Y(r.pickup)) AS pickup,
              json_build_array(ST_X(${dropoffOf}), ST_Y(${dropoffOf})) AS dropoff,
              ${tripTaskJson}
         FROM assignments a JOIN rides r ON r.id = a.ride_id JOIN members m ON m.id = r.rider_id
         LEFT JOIN task_details td ON td.ride_id = r.id
        WHERE a.trip_id = $1 AND a.status = 'active'
        ORDER BY a.created_at`,
      [trip.id],
    );
    const byId = new Map(rides.map((r) => [r.id, r]));
    const ahead = (rideId: string, type: 'pickup' | 'dropoff') => {
      const ride = byId.get(rideId);
      return !!ride && (type === 'pickup' ? ride.status === 'assigned' : ride.status !== 'completed');
    };
    const order = trip.planned_stops.filter((s) => ahead(s.requestId, s.type));
    for (const ride of rides) {
      for (const type of ['pickup', 'dropoff'] as const) {
        if (ahead(ride.id, type) && !order.some((s) => s.requestId === ride.id && s.type === type)) {
          order.push({ requestId: ride.id, type });
        }
      }
    }
    return {
      tripId: trip.id,
      stops: order.map((s) => {
        const ride = byId.get(s.requestId)!;
        return {
          rideId: ride.id,
          type: s.type,
          position: s.type === 'pickup' ? ride.pickup : ride.dropoff,
          name: s.type === 'pickup' ? ride.pickup_name : ride.dropoff_name,
          riderName: ride.rider_name,
          seats: ride.seats,
          notes: ride.notes,
          kind: ride.kind,
          cargoUnits: ride.cargo_units,
          handover: handoverAt(s.type, ride.task),
        };
      }),
    };
  }
}
