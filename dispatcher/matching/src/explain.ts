import type { CostTerm } from './model.js';

/** Why a vehicle was not chosen for a request. */
export type ExclusionReason =
  | 'capacity'
  | 'time-window'
  | 'max-ride-time'
  | 'shift-end'
  | 'route-duration'
  | 'excluded-by-rule'
  | 'costlier'
  | 'taken-by-another-request'
  | (string & {});

/** One vehicle that was not chosen, and why. */
export interface Exclusion {
  readonly vehicleId: string;
  readonly reason: ExclusionReason;
  /** Its total cost when it was feasible but not chosen. */
  readonly total?: number;
}

/**
 * Why a request went where it went: the chosen vehicle's cost terms (the travel delta first, then the
 * riders' added wait for pickup, then the caller's terms; each contributes `value × weight`), their
 * total, and every other vehicle considered with the reason it was not chosen.
 */
export interface Explanation {
  readonly requestId: string;
  /** Undefined when the request could not be served. */
  readonly vehicleId: string | undefined;
  /** How the decision was reached. */
  readonly stage: 'assignment' | 'repair' | 'insertion' | 'unserved';
  readonly terms: readonly CostTerm[];
  readonly total: number;
  readonly others: readonly Exclusion[];
  /**
   * When the request could not be served because of room or time: `capacity` when most vehicles
   * had no room for its load (seats, wheelchair places or cargo), `time-window` when most could not
   * keep its windows. Absent when served, or when other reasons (rules, ride time) kept it waiting.
   */
  readonly waitingFor?: 'capacity' | 'time-window';
}

/** What an unserved request waits for: the commoner of `capacity` and `time-window` among the exclusions, if any. */
export function waitingFor(others: readonly Exclusion[]): 'capacity' | 'time-window' | undefined {
  let capacity = 0;
  let window = 0;
  for (const o of others) {
    if (o.reason === 'capacity') capacity++;
    else if (o.reason === 'time-window') window++;
  }
  if (capacity === 0 && window === 0) return undefined;
  return capacity >= window ? 'capacity' : 'time-window';
}

/** Sum of `value × weight` over terms. */
export function totalOf(terms: readonly CostTerm[]): number {
  let t = 0;
  for (const term of terms) t += term.value * term.weight;
  return t;
}

/** The travel term every explanation starts with: added travel cost, weight 1. */
export function travelTerm(deltaCost: number): CostTerm {
  return { name: 'travel', value: deltaCost, weight: 1 };
}

/** The riders' wait the placement adds (its own pickup's and the later pickups' delays), seconds. */
export function waitTerm(addedWaitSeconds: number, weight: number): CostTerm {
  return { name: 'pickup-wait', value: addedWaitSeconds, weight };
}
