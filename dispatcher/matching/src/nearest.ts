import type { Point } from './travel-times.js';

/**
 * Straight-line distance proxy between two `[lng, lat]` points (equirectangular, in degrees of
 * latitude): fine for ranking nearby vehicles, not for travel times.
 */
export function straightLine(a: Point, b: Point): number {
  const dx = (a[0] - b[0]) * Math.cos(((a[1] + b[1]) * Math.PI) / 360);
  const dy = a[1] - b[1];
  return Math.sqrt(dx * dx + dy * dy);
}

/**
 * The `k` items nearest to `to` by straight-line distance, nearest first: the spatial prefilter before
 * insertion. Linear scan with a bounded insertion list: O(n·k) worst case, O(n) typically.
 * `distance` defaults to `straightLine`; pass a planar one for planar instances.
 */
export function nearest<T extends { readonly at: Point }>(
  items: readonly T[],
  to: Point,
  k: number,
  distance: (a: Point, b: Point) => number = straightLine,
): T[] {
  const best: { item: T; d: number }[] = [];
  for (const item of items) {
    const d = distance(item.at, to);
    if (best.length >= k && d >= best[best.length - 1]!.d) continue;
    let at = best.length;
    while (at > 0 && best[at - 1]!.d > d) at--;
    best.splice(at, 0, { item, d });
    if (best.length > k) best.pop();
  }
  return best.map((b) => b.item);
}
