import type { Point } from '@navette/matching';

/** Throws a RangeError unless `point` is `[lng, lat]` in degrees (finite, within ±180 and ±90). */
export function checkPoint(point: Point): void {
  const [lng, lat] = point;
  if (!Number.isFinite(lng) || !Number.isFinite(lat) || Math.abs(lng) > 180 || Math.abs(lat) > 90) {
    throw new RangeError(`not a [lng, lat] point in degrees: [${lng}, ${lat}]`);
  }
}
