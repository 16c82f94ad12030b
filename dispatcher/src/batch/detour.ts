import type { Point, TravelTimes } from '@navette/matching';

/** A stop of the route a driver would follow: its ride and whether it is the pickup or the drop-off. */
export interface RouteStop {
  requestId: string;
  type: 'pickup' | 'dropoff';
}

/** Where each ride's pickup and drop-off are. */
export type StopPositions = ReadonlyMap<string, { pickup: Point; dropoff: Point }>;

/** Driving seconds and meters from `from` through `stops`, in order. */
function along(from: Point, stops: readonly RouteStop[], positions: StopPositions, travel: TravelTimes) {
  let at = from;
  let seconds = 0;
  let meters = 0;
  for (const stop of stops) {
    const ride = positions.get(stop.requestId);
    if (!ride) continue;
    const next = stop.type === 'pickup' ? ride.pickup : ride.dropoff;
    seconds += travel.seconds(at, next);
    meters += travel.meters(at, next);
    at = next;
  }
  return { seconds, meters };
}

/**
 * What accepting `rideId` adds to a driver at `from` who would follow `stops` (the ride's stops
 * included): the route's driving time and distance with the ride minus without it, by the batch's
 * travel model. For a driver with no other stop that is the approach and the ride itself. Never
 * negative (an insertion cannot shorten a route; rounding aside).
 */
export function detourOf(
  from: Point,
  stops: readonly RouteStop[],
  rideId: string,
  positions: StopPositions,
  travel: TravelTimes,
): { seconds: number; meters: number } {
  const withRide = along(from, stops, positions, travel);
  const without = along(
    from,
    stops.filter((s) => s.requestId !== rideId),
    positions,
    travel,
  );
  return {
    seconds: Math.max(0, withRide.seconds - without.seconds),
    meters: Math.max(0, withRide.meters - without.meters),
  };
}

/** The positions of these rides' stops, by ride id. */
export function stopPositions(
  rides: readonly { id: string; pickup: Point; dropoff: Point }[],
): Map<string, { pickup: Point; dropoff: Point }> {
  return new Map(rides.map((r) => [r.id, { pickup: r.pickup, dropoff: r.dropoff }]));
}
