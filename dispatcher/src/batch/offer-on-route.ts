import type { TravelTimes } from '@navette/matching';
import { detourOf, stopPositions } from './detour.js';
import type { FleetVehicleRow, WaitingRideRow } from './fleet-snapshot.repository.js';

/** What an offer says of the driver's route: approach, stops ahead, the detour the ride adds. */
export function offerOnRoute(
  ride: WaitingRideRow,
  vehicle: FleetVehicleRow,
  plannedStops: { requestId: string; type: 'pickup' | 'dropoff' }[],
  travel: TravelTimes,
) {
  return {
    rideId: ride.id,
    driverId: vehicle.driverId,
    shiftId: vehicle.shiftId,
    tripId: vehicle.tripId,
    approachMeters: Math.round(travel.meters(vehicle.position, ride.pickup)),
    offerTimeoutSeconds: ride.offerTimeoutSeconds,
    plannedStops,
    detour: detourOf(
      vehicle.position,
      plannedStops,
      ride.id,
      stopPositions([...vehicle.committed, ride]),
      travel,
    ),
  };
}

/** The stops the driver will follow: their committed rides and the offered one, in the engine's order. */
export function plannedStopsFor(
  stops: readonly { requestId: string; type: 'pickup' | 'dropoff' }[],
  vehicle: FleetVehicleRow,
  rideId: string,
): { requestId: string; type: 'pickup' | 'dropoff' }[] {
  const keep = new Set([rideId, ...vehicle.committed.map((r) => r.id)]);
  return stops.filter((s) => keep.has(s.requestId)).map((s) => ({ requestId: s.requestId, type: s.type }));
}
