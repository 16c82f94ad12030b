/** A place the core routes between: `[lng, lat]` in WGS 84 degrees, or a plain planar point for benchmarks. */
export type Point = readonly [number, number];

/**
 * How long and how far it is from one point to another. The core only ever asks through this
 * interface, synchronously: an adapter that talks to a routing server (OSRM) fetches a matrix for
 * the batch's points first and answers from it.
 */
export interface TravelTimes {
  /** Driving time from `from` to `to`, in seconds. */
  seconds(from: Point, to: Point): number;
  /** Driving distance from `from` to `to`, in meters (or plane units for planar instances). */
  meters(from: Point, to: Point): number;
}
