import type { Point, TravelTimes } from './travel-times.js';

/**
 * Straight-line travel on a plane, for benchmark instances and tests: meters = Euclidean distance
 * between the coordinates, seconds = meters / `metersPerSecond` (default 1, so time = distance).
 */
export function planarTravelTimes(metersPerSecond = 1): TravelTimes {
  const meters = (a: Point, b: Point): number => Math.hypot(a[0] - b[0], a[1] - b[1]);
  return { meters, seconds: (a, b) => meters(a, b) / metersPerSecond };
}
