import {
  FAR,
  type AboardRider,
  type Load,
  type PlannedStop,
  type Point,
  type TripRequest,
  type Vehicle,
} from '@navette/matching';
import type { CommittedRideRow, FleetVehicleRow, WaitingRideRow } from './fleet-snapshot.repository.js';

/** Boarding and alighting time at each stop, seconds. */
export const STOP_SERVICE_SECONDS = 20;

/** Seats and wheelchair places for a ride; cargo units for a task (tasks asked before 2026-12 also kept a seat). */
const loadOf = (row: { seats: number; wheelchairPlaces: number; cargoUnits: number }): Load => ({
  seats: row.seats,
  wheelchairs: row.wheelchairPlaces,
  cargo: row.cargoUnits,
});

/**
 * A waiting ride or task as the core sees it: pickup within its kind's wait limit (a task's pickup
 * window), a task's delivery window, detour bounded per kind.
 */
export function toRequest(row: WaitingRideRow | CommittedRideRow): TripRequest {
  const deliver =
    row.deliverAfterSeconds === null && row.deliverBeforeSeconds === null
      ? {}
      : { dropoffWindow: [row.deliverAfterSeconds ?? -FAR, row.deliverBeforeSeconds ?? FAR] as const };
  return {
    id: row.id,
    kind: row.kind,
    pickup: row.pickup,
    dropoff: row.dropoff,
    load: loadOf(row),
    pickupWindow: [row.requestedAtSeconds, row.requestedAtSeconds + row.maxWaitSeconds],
    ...deliver,
    maxDetourFactor: row.maxDetourFactor,
    pickupServiceSeconds: STOP_SERVICE_SECONDS,
    dropoffServiceSeconds: STOP_SERVICE_SECONDS,
  };
}

/** A driver on shift and their commitments: riders aboard, rides to fetch, the stops still ahead. */
export function toVehicle(row: FleetVehicleRow, nowSeconds: number): Vehicle {
  const aboard: AboardRider[] = row.committed
    .filter((r) => r.status === 'picked_up')
    .map((r) => ({ request: toRequest(r), pickedUpAtSeconds: r.pickedUpAtSeconds ?? nowSeconds }));
  const assigned = row.committed.filter((r) => r.status === 'assigned').map(toRequest);
  const pending = new Set(assigned.map((r) => r.id));
  const carried = new Set(aboard.map((r) => r.request.id));
  const stops: PlannedStop[] = row.plannedStops.filter((s) =>
    s.type === 'pickup' ? pending.has(s.requestId) : pending.has(s.requestId) || carried.has(s.requestId),
  );
  // Use the stored order only when it still lists every stop ahead; otherwise the core orders them.
  const complete = stops.length === assigned.length * 2 + aboard.length;
  return {
    id: row.driverId,
    at: row.position,
    availableFromSeconds: nowSeconds,
    capacity: { seats: row.seats, wheelchairs: row.wheelchairPlaces, cargo: row.cargoUnits },
    aboard,
    assigned,
    ...(complete ? { stops } : {}),
  };
}

/**
 * Every point a decision over these requests and vehicles may route through, for the batch's
 * travel model: each vehicle's position, then the pickup and drop-off of each request and of each
 * ride a vehicle has already committed to.
 */
export function batchPoints(requests: readonly TripRequest[], vehicles: readonly Vehicle[]): Point[] {
  const committed = vehicles.flatMap((v) => [
    ...(v.assigned ?? []),
    ...(v.aboard ?? []).map((a) => a.request),
  ]);
  return [...vehicles.map((v) => v.at), ...[...requests, ...committed].flatMap((r) => [r.pickup, r.dropoff])];
}
