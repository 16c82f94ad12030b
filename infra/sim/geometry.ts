/** Small pure helpers for the simulator: seeded randomness, points in polygons, moving along a line. */
export type LngLat = [number, number];

/** A seeded PRNG (mulberry32): the same seed gives the same day. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Ray casting on a polygon's outer ring. */
export function insideRing([x, y]: LngLat, ring: readonly LngLat[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** A uniformly random point inside the ring (rejection sampling in its bounding box). */
export function randomPointIn(ring: readonly LngLat[], random: () => number): LngLat {
  const xs = ring.map((p) => p[0]);
  const ys = ring.map((p) => p[1]);
  const [west, east, south, north] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  for (let attempt = 0; attempt < 1000; attempt++) {
    const p: LngLat = [west + random() * (east - west), south + random() * (north - south)];
    if (insideRing(p, ring)) return p;
  }
  throw new Error('no point found inside the ring');
}

/** Distance in meters (equirectangular; exact enough within a town). */
export function meters(a: LngLat, b: LngLat): number {
  const dx = (a[0] - b[0]) * Math.cos(((a[1] + b[1]) * Math.PI) / 360);
  return Math.hypot(dx, a[1] - b[1]) * 111_195;
}

/**
 * Moves `step` meters from `from` toward `to` along a street-like path: first along the longitude,
 * then along the latitude (city blocks), arriving exactly at `to`.
 */
export function stepToward(from: LngLat, to: LngLat, step: number): LngLat {
  const path = cityBlockPath(from, to);
  return step >= pathLength(path) ? [to[0], to[1]] : pointAlong(path, step);
}

/** Length of a polyline in meters. */
export function pathLength(path: readonly LngLat[]): number {
  let total = 0;
  for (let i = 1; i < path.length; i++) total += meters(path[i - 1]!, path[i]!);
  return total;
}

/**
 * The point `distance` meters along a polyline, interpolated linearly within its segment; clamped
 * to the first point below 0 and to the last point past the end.
 */
export function pointAlong(path: readonly LngLat[], distance: number): LngLat {
  const first = path[0];
  if (!first) throw new Error('empty path');
  let left = distance;
  for (let i = 1; i < path.length; i++) {
    const [a, b] = [path[i - 1]!, path[i]!];
    const segment = meters(a, b);
    if (left <= segment) {
      if (left <= 0 || segment === 0) return [a[0], a[1]];
      const t = left / segment;
      return [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t];
    }
    left -= segment;
  }
  const last = path[path.length - 1]!;
  return [last[0], last[1]];
}

/** A street-like path between two points: along the longitude first, then the latitude (city blocks). */
export function cityBlockPath(from: LngLat, to: LngLat): LngLat[] {
  return [from, [to[0], from[1]], to];
}
