import { GreatCircleTravelTimes, TravelMatrix, type Point, type TravelTimes } from '@navette/matching';
import type { DispatcherConfig } from './dispatcher-config.js';
import { OsrmTravelTimes } from './travel/osrm-travel-times.js';

/**
 * The travel model of a batch, built once for the batch's points so no pair is computed twice.
 * Default: great-circle distance × a circuity factor at a configured speed — no service needed.
 * With `OSRM_URL` set, road times and distances from that OSRM server's table service.
 */
export type TravelModel = (points: readonly Point[]) => Promise<TravelTimes>;

export function createTravelModel(config: Pick<DispatcherConfig, 'travel'>): TravelModel {
  const { speedMetersPerSecond, circuity, osrmUrl } = config.travel;
  if (osrmUrl) return (points) => OsrmTravelTimes.forPoints(osrmUrl, points);
  const greatCircle = new GreatCircleTravelTimes({ speedMetersPerSecond, circuity });
  return (points) => Promise.resolve(TravelMatrix.build(greatCircle, points));
}
