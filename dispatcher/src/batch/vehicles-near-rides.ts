import { nearest, type Point, type ScoringHooks, type TripRequest, type Vehicle } from '@navette/matching';

/**
 * The vehicles among the `k` nearest (straight line) to at least one of the pickups, in the fleet's
 * own order; the whole fleet when it has no more than `k`. A batch hands the engine only these:
 * the prefilter (`withinNearest`) lets no ride try any other vehicle, and the engine's problem and
 * travel matrix grow with the square of the vehicles it is given (infra/adr/0037).
 */
export function vehiclesNearRides<V extends { readonly id: string; readonly at: Point }>(
  fleet: readonly V[],
  rides: readonly { readonly pickup: Point }[],
  k: number,
): V[] {
  if (fleet.length <= k) return [...fleet];
  const near = new Set<string>();
  for (const ride of rides) for (const vehicle of nearest(fleet, ride.pickup, k)) near.add(vehicle.id);
  return fleet.filter((vehicle) => near.has(vehicle.id));
}

/**
 * The spatial prefilter: a ride is evaluated only against the `k` drivers nearest its pickup, so a
 * batch costs rides × k insertions, not rides × fleet.
 */
export function withinNearest(
  hooks: ScoringHooks,
  requests: readonly TripRequest[],
  fleet: readonly Vehicle[],
  k: number,
): ScoringHooks {
  if (fleet.length <= k) return hooks;
  const near = new Map(requests.map((r) => [r.id, new Set(nearest(fleet, r.pickup, k).map((v) => v.id))]));
  return {
    ...hooks,
    exclude: (request, vehicle) =>
      near.get(request.id)?.has(vehicle.id) === false
        ? 'not-among-nearest'
        : (hooks.exclude?.(request, vehicle) ?? false),
  };
}
