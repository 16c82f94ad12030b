import type { FleetVehicleRow } from './fleet-snapshot.repository.js';

/**
 * Whether a driver's commitments are those the plan was made on: the same shift, trip and route,
 * the same committed rides in the same states. Their position may have moved; that only ages the plan.
 */
export function sameCommitments(then: FleetVehicleRow, now: FleetVehicleRow): boolean {
  const rides = (v: FleetVehicleRow) =>
    JSON.stringify(v.committed.map((r) => [r.id, r.status]).sort((a, b) => a[0]!.localeCompare(b[0]!)));
  return (
    then.shiftId === now.shiftId &&
    then.tripId === now.tripId &&
    JSON.stringify(then.plannedStops) === JSON.stringify(now.plannedStops) &&
    rides(then) === rides(now)
  );
}
