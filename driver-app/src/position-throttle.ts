import type { LngLat } from '@navette/contracts';
import { distanceMeters } from './geo.js';

/** When a driver's position is worth sending: few bytes per hour on a weak network. */
export interface ThrottleRule {
  /** Never two reports closer than this, ms. Default 5,000. */
  minIntervalMs: number;
  /** Report once moved this far from the last report, meters. Default 50. */
  minMoveMeters: number;
  /** Report anyway after this long, so dispatch knows the driver is still there, ms. Default 60,000. */
  heartbeatMs: number;
}

export const DEFAULT_THROTTLE: ThrottleRule = {
  minIntervalMs: 5_000,
  minMoveMeters: 50,
  heartbeatMs: 60_000,
};

export interface Report {
  position: LngLat;
  atMs: number;
}

export function shouldReport(
  last: Report | null,
  position: LngLat,
  nowMs: number,
  rule: ThrottleRule = DEFAULT_THROTTLE,
): boolean {
  if (last === null) return true;
  const elapsed = nowMs - last.atMs;
  if (elapsed < rule.minIntervalMs) return false;
  return elapsed >= rule.heartbeatMs || distanceMeters(last.position, position) >= rule.minMoveMeters;
}
