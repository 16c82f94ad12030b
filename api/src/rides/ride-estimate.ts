import type { LngLat, RideEstimate } from '@navette/contracts';
import type { TravelTimes } from '@navette/matching';

/**
 * What a rider may expect before asking: the nearest of `drivers` (positions of drivers on shift in
 * the pickup's territory) driving to the pickup, then the direct trip, both by `travel` (the
 * engine's travel model). Rounded to whole seconds and meters.
 */
export function estimateRide(
  pickup: LngLat,
  dropoff: LngLat,
  drivers: readonly LngLat[],
  travel: TravelTimes,
): RideEstimate {
  const approaches = drivers.map((at) => travel.seconds(at, pickup));
  return {
    waitSeconds: approaches.length ? Math.round(Math.min(...approaches)) : null,
    tripSeconds: Math.round(travel.seconds(pickup, dropoff)),
    tripMeters: Math.round(travel.meters(pickup, dropoff)),
    driversOnShift: drivers.length,
  };
}
