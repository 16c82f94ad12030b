import { summarise, type DayTally } from './day.js';

/** The day-by-day difference of a measure between two runs of the same days, with its uncertainty. */
export interface PairedDifference {
  days: number;
  /** Mean of (on − off) over the days. */
  mean: number;
  /** Standard error of that mean. */
  standardError: number;
  /** 95 % interval of the mean (Student's t with days − 1 degrees of freedom). */
  low: number;
  high: number;
}

/** Share of a day's requests that were served. */
export function serviceRateOf(day: DayTally): number {
  return summarise([day]).serviceRate;
}

/**
 * Paired comparison of two runs over the same days (same seed, same demand): one simulated day
 * swings by a couple of points of service rate, so a difference of half a point means something only
 * with its interval beside it.
 */
export function pairedDifference(off: readonly DayTally[], on: readonly DayTally[]): PairedDifference;
/** The same for days of any kind (e.g. the day benchmark's reports), by `measure`. */
export function pairedDifference<T>(
  off: readonly T[],
  on: readonly T[],
  measure: (day: T) => number,
): PairedDifference;
export function pairedDifference<T>(
  off: readonly T[],
  on: readonly T[],
  measure?: (day: T) => number,
): PairedDifference {
  if (off.length !== on.length || off.length < 2)
    throw new Error('need the same two or more days in both runs');
  // Without a measure the days are DayTally (the first overload).
  const of = measure ?? (serviceRateOf as unknown as (day: T) => number);
  const d = off.map((day, i) => of(on[i]!) - of(day));
  const n = d.length;
  const mean = d.reduce((s, x) => s + x, 0) / n;
  const variance = d.reduce((s, x) => s + (x - mean) ** 2, 0) / (n - 1);
  const standardError = Math.sqrt(variance / n);
  const t = studentT975(n - 1);
  return { days: n, mean, standardError, low: mean - t * standardError, high: mean + t * standardError };
}

/**
 * The 97.5 % quantile of Student's t with `dof` degrees of freedom, by the Cornish–Fisher expansion
 * around the normal quantile (within 0.01 of the table from 3 degrees of freedom on).
 */
export function studentT975(dof: number): number {
  const z = 1.959964;
  const v = dof;
  return (
    z +
    (z ** 3 + z) / (4 * v) +
    (5 * z ** 5 + 16 * z ** 3 + 3 * z) / (96 * v ** 2) +
    (3 * z ** 7 + 19 * z ** 5 + 17 * z ** 3 - 15 * z) / (384 * v ** 3)
  );
}
