import {
  assignBatch,
  type Explanation,
  type PlannedStop,
  type ScoringHooks,
  type TravelTimes,
  type TripRequest,
  type Vehicle,
} from '@navette/matching';

/**
 * When a promised pickup is offered to a driver who can be there sooner (ADR 0041): only pickups
 * promised more than `leadSeconds` ahead, only to a driver at least `minGainSeconds` sooner.
 */
export interface TakeoverOptions {
  leadSeconds: number;
  minGainSeconds: number;
  /** A late pickup asks less gain; absent: every takeover asks `minGainSeconds`. */
  late?: LateTakeover | undefined;
}

/**
 * A pickup promised more than `afterSeconds` after its window opened (the rider's wait) is late: a
 * driver `gainSeconds` sooner may take it over (never more than `minGainSeconds` is asked).
 */
export interface LateTakeover {
  afterSeconds: number;
  gainSeconds: number;
}

/**
 * Chosen on the day bench's demo town, seeds 1–5 (bench README, "A driver who can come sooner takes
 * over"): pickups promised more than 5 min ahead, to a driver at least 5 min sooner.
 */
export const DEFAULT_TAKEOVER: TakeoverOptions = { leadSeconds: 300, minGainSeconds: 300 };

/** A ride promised to its first vehicle, to decide again. */
export interface TakeoverCandidate {
  /** The ride, its pickup window closing at the promised time: never later than promised. */
  request: TripRequest;
  /** Its first vehicle. */
  from: string;
  /** When the first vehicle is to be at the pickup, seconds. */
  promisedSeconds: number;
}

/** A ride to offer to a second vehicle. */
export interface Takeover {
  rideId: string;
  from: string;
  to: string;
  /** The second vehicle's route with the ride: its own stops and the ride's, in the engine's order. */
  stops: PlannedStop[];
  /** How much sooner than promised the second vehicle is at the pickup, seconds (at most: other stops may move). */
  soonerSeconds: number;
  explanation: Explanation;
}

/**
 * When each ride `v` goes to fetch is due at its pickup, if `v` leaves `v.at` when it is free (not
 * before `nowSeconds`) and drives its stops in order: travel, each stop's window opening and
 * service. Empty when the vehicle's order is not known (`stops` absent: the engine orders them).
 */
export function promisedPickups(v: Vehicle, travel: TravelTimes, nowSeconds: number): Map<string, number> {
  const promised = new Map<string, number>();
  if (!v.stops) return promised;
  const requests = new Map<string, TripRequest>([
    ...(v.assigned ?? []).map((q) => [q.id, q] as const),
    ...(v.aboard ?? []).map((a) => [a.request.id, a.request] as const),
  ]);
  let at = v.at;
  let t = Math.max(nowSeconds, v.availableFromSeconds ?? nowSeconds);
  for (const stop of v.stops) {
    const q = requests.get(stop.requestId);
    if (!q) continue;
    const there = stop.type === 'pickup' ? q.pickup : q.dropoff;
    const window = stop.type === 'pickup' ? q.pickupWindow : q.dropoffWindow;
    t = Math.max(t + travel.seconds(at, there), window?.[0] ?? -Infinity);
    if (stop.type === 'pickup') promised.set(q.id, t);
    t += (stop.type === 'pickup' ? q.pickupServiceSeconds : q.dropoffServiceSeconds) ?? 0;
    at = there;
  }
  return promised;
}

/** The rides of `fleet` whose pickup is promised more than `leadSeconds` after `nowSeconds`. */
export function takeoverCandidates(
  fleet: readonly Vehicle[],
  travel: TravelTimes,
  nowSeconds: number,
  options: TakeoverOptions,
): TakeoverCandidate[] {
  return fleet.flatMap((v) => {
    const promised = promisedPickups(v, travel, nowSeconds);
    return (v.assigned ?? []).flatMap((q) => {
      const at = promised.get(q.id);
      if (at === undefined || at <= nowSeconds + options.leadSeconds) return [];
      return [{ request: closingAt(q, at), from: v.id, promisedSeconds: at }];
    });
  });
}

/** `q` with its pickup window closing at `seconds` (and not before it opens). */
export function closingAt(q: TripRequest, seconds: number): TripRequest {
  const opens = q.pickupWindow?.[0] ?? -Infinity;
  return { ...q, pickupWindow: [opens, Math.max(opens, seconds)] };
}

/**
 * Decides the candidates again, as one batch of the engine: each first vehicle is given without
 * them, every other vehicle as it is. A ride placed on another vehicle that is at the pickup at
 * least `minGainSeconds` sooner than promised is to be offered to it; one per vehicle (one pending
 * offer per driver); a vehicle's route is taken only when it holds exactly that vehicle's stops
 * and the ride's (not another candidate's). Everything else stays with its first vehicle.
 */
export function decideTakeovers(input: {
  candidates: readonly TakeoverCandidate[];
  fleet: readonly Vehicle[];
  travel: TravelTimes;
  nowSeconds: number;
  hooks?: ScoringHooks;
  minGainSeconds: number;
  late?: LateTakeover | undefined;
}): Takeover[] {
  const { candidates, fleet } = input;
  if (candidates.length === 0) return [];
  const firstOf = new Map(candidates.map((c) => [c.request.id, c.from]));
  const without = fleet.map((v) => ({
    ...v,
    assigned: (v.assigned ?? []).filter((q) => firstOf.get(q.id) !== v.id),
    ...(v.stops ? { stops: v.stops.filter((s) => firstOf.get(s.requestId) !== v.id) } : {}),
  }));
  const decision = assignBatch({
    requests: candidates.map((c) => c.request),
    vehicles: without,
    travel: input.travel,
    now: input.nowSeconds,
    ...(input.hooks ? { hooks: input.hooks } : {}),
  });
  const routeOf = new Map(decision.routes.map((r) => [r.vehicleId, r.stops]));
  const vehicleOf = new Map(fleet.map((v) => [v.id, v]));
  const taken = new Set<string>();
  const takeovers: Takeover[] = [];
  for (const [i, explanation] of decision.explanations.entries()) {
    const candidate = candidates[i]!;
    const to = explanation.vehicleId;
    const route = to === undefined ? undefined : routeOf.get(to);
    if (to === undefined || to === candidate.from || taken.has(to) || !route) continue;
    const vehicle = vehicleOf.get(to)!;
    const own = [
      ...(vehicle.assigned ?? []).map((q) => q.id),
      ...(vehicle.aboard ?? []).map((a) => a.request.id),
    ];
    const keep = new Set([...own, candidate.request.id]);
    const stops = route.filter((s) => keep.has(s.requestId));
    if (stops.length !== 2 * (vehicle.assigned?.length ?? 0) + (vehicle.aboard?.length ?? 0) + 2) continue;
    const pickup = route.find((s) => s.requestId === candidate.request.id && s.type === 'pickup')!;
    const sooner = candidate.promisedSeconds - pickup.startSeconds;
    if (sooner < gainAsked(candidate, input)) continue;
    taken.add(to);
    takeovers.push({
      rideId: candidate.request.id,
      from: candidate.from,
      to,
      stops: stops.map((s) => ({ requestId: s.requestId, type: s.type })),
      soonerSeconds: sooner,
      explanation,
    });
  }
  return takeovers;
}

/** The gain a takeover of `candidate` must bring: the late gain for a late pickup, else `minGainSeconds`. */
export function gainAsked(
  candidate: TakeoverCandidate,
  { minGainSeconds, late }: Pick<TakeoverOptions, 'minGainSeconds' | 'late'>,
): number {
  const opens = candidate.request.pickupWindow?.[0];
  if (late === undefined || opens === undefined || candidate.promisedSeconds - opens <= late.afterSeconds)
    return minGainSeconds;
  return Math.min(late.gainSeconds, minGainSeconds);
}
