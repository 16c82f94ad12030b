import { nearest, straightLine, type Point } from '@navette/matching';

/** A driver among the `pool` nearest a ride's pickup by the index's order (degrees on the plane). */
export interface PoolRow {
  /** The ride's place in the batch, from 1. */
  n: number;
  driverId: string;
  lng: number;
  lat: number;
  /** Whether the driver may take an offer now (on shift in the zone, connected, fresh, not asked). */
  free: boolean;
}

/**
 * The free drivers among the `k` nearest (`straightLine`) to some pickup, read from each pickup's
 * pool of the `poolSize` drivers nearest it on the plane of degrees (PostGIS's GiST order), free or
 * not: the same drivers `vehiclesNearRides` finds among all the zone's free drivers (up to ties), or
 * undefined when a pool cannot prove it (then the caller reads them all).
 *
 * A pool short of `poolSize` holds every driver. A full one reaches `reach` (degrees on the plane)
 * and misses only drivers at least that far; one of those is nearer than the k-th free driver of the
 * pool (at `r`) only if `cos(|lat| + r) × reach ≤ r`: it lies within `r` in latitude, so the mean
 * latitude of `straightLine` is within `r` of the pickup's, and its distance is at least the cosine
 * there times the plane's.
 */
export function nearestFromPools(
  pickups: readonly Point[],
  rows: readonly PoolRow[],
  poolSize: number,
  k: number,
): { id: string; at: Point }[] | undefined {
  const pools = pickups.map(() => [] as PoolRow[]);
  for (const row of rows) pools[row.n - 1]?.push(row);
  const near = new Map<string, { id: string; at: Point }>();
  for (const [i, pickup] of pickups.entries()) {
    const pool = pools[i]!;
    const free = pool.filter((d) => d.free).map((d) => ({ id: d.driverId, at: [d.lng, d.lat] as Point }));
    const chosen = nearest(free, pickup, k);
    if (pool.length >= poolSize) {
      if (chosen.length < k) return undefined;
      const r = straightLine(chosen[k - 1]!.at, pickup);
      const reach = Math.max(...pool.map((d) => Math.hypot(d.lng - pickup[0], d.lat - pickup[1])));
      const latitude = Math.min(90, Math.abs(pickup[1]) + r);
      if (Math.cos((latitude * Math.PI) / 180) * reach <= r) return undefined;
    }
    for (const driver of chosen) near.set(driver.id, driver);
  }
  return [...near.values()];
}
