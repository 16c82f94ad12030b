import type { BatchResult, Explanation, TripRequest, Vehicle } from '@navette/matching';

/** The stops of a planned route, as the offer stores them. */
export type PlannedStop = { readonly requestId: string; readonly type: 'pickup' | 'dropoff' };

/** What the batch offers for one ride: its driver and the route that driver would follow, or why none. */
export interface RidePlacement {
  readonly explanation: Explanation;
  /** The vehicle offered this ride; undefined when the ride waits. */
  readonly vehicleId: string | undefined;
  /** The vehicle's route in the decision that placed the ride (empty when the ride waits). */
  readonly stops: readonly PlannedStop[];
  /** In which pass of the batch the ride was placed (0: the first decision). */
  readonly pass: number;
}

/** Decides a set of requests against a set of vehicles; `pass` 0 is the batch's first decision. */
export type Decide = (
  requests: readonly TripRequest[],
  vehicles: readonly Vehicle[],
  pass: number,
) => BatchResult;

/**
 * A batch whose every offer can be sent now. A driver is sent one offer at a time, but the engine
 * may plan several new rides onto one vehicle (pooling within the batch). The first ride (in input
 * order) planned onto a vehicle keeps it; the others are decided again at once against the vehicles
 * nobody has claimed yet, until every ride has its own vehicle, no vehicle is left, or a pass places
 * nothing more. Rides still without a vehicle wait for the next round, with the last decision's
 * explanation. Pure: `decide` is all it calls.
 */
export function oneOfferPerDriver(
  requests: readonly TripRequest[],
  vehicles: readonly Vehicle[],
  decide: Decide,
  maxPasses = 6,
): RidePlacement[] {
  const placements: (RidePlacement | undefined)[] = requests.map(() => undefined);
  const claimed = new Set<string>();
  let open = requests.map((_, index) => index);
  for (let pass = 0; pass < maxPasses && open.length > 0; pass++) {
    const free = vehicles.filter((v) => !claimed.has(v.id));
    // The first pass always decides, if only to explain why nobody can go.
    if (pass > 0 && free.length === 0) break;
    const decision = decide(
      open.map((i) => requests[i]!),
      free,
      pass,
    );
    const routeOf = new Map(decision.routes.map((r) => [r.vehicleId, r.stops]));
    const left: number[] = [];
    for (const [position, index] of open.entries()) {
      const explanation = decision.explanations[position]!;
      const vehicleId = explanation.vehicleId;
      if (vehicleId !== undefined && !claimed.has(vehicleId)) {
        claimed.add(vehicleId);
        const stops = (routeOf.get(vehicleId) ?? []).map((s) => ({ requestId: s.requestId, type: s.type }));
        placements[index] = { explanation, vehicleId, stops, pass };
      } else {
        placements[index] = { explanation, vehicleId: undefined, stops: [], pass };
        // Unserved by this decision: another pass would only decide the same again.
        if (vehicleId !== undefined) left.push(index);
      }
    }
    if (left.length === open.length) break;
    open = left;
  }
  return placements.map((p) => p!);
}
