/** A ride aboard a trip: from pickup to drop-off. */
export interface Aboard {
  rideId: string;
  tripId: string;
  from: Date;
  to: Date;
}

/**
 * Each ride's share of its trip's driving, in seconds. The driver gives the time someone is aboard
 * once, however many ride together (the time bank's "hours given" is that union); each stretch of
 * it is shared equally among the rides aboard during it. The shares of a trip's rides sum to the
 * trip's driven time, so summed over rides they equal the time bank's hours, never exceed them.
 * Rides of zero length get 0.
 */
export function sharedEffortSeconds(rides: readonly Aboard[]): Map<string, number> {
  const shares = new Map<string, number>(rides.map((r) => [r.rideId, 0]));
  const byTrip = new Map<string, Aboard[]>();
  for (const r of rides) byTrip.set(r.tripId, [...(byTrip.get(r.tripId) ?? []), r]);
  for (const trip of byTrip.values()) {
    const instants = [...new Set(trip.flatMap((r) => [r.from.getTime(), r.to.getTime()]))].sort(
      (a, b) => a - b,
    );
    for (let i = 0; i + 1 < instants.length; i++) {
      const [start, end] = [instants[i]!, instants[i + 1]!];
      const aboard = trip.filter((r) => r.from.getTime() <= start && r.to.getTime() >= end);
      for (const r of aboard)
        shares.set(r.rideId, shares.get(r.rideId)! + (end - start) / 1000 / aboard.length);
    }
  }
  return shares;
}
