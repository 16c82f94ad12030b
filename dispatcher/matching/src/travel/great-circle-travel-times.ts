import type { Point, TravelTimes } from '../travel-times.js';

/** Mean Earth radius (IUGG R1), in meters. */
export const EARTH_RADIUS_METERS = 6_371_008.8;

/** How the great-circle model turns a crow-flies distance into a drive. */
export interface GreatCircleOptions {
  /**
   * Road distance ÷ great-circle distance: how much longer the roads are than the straight line.
   * Dimensionless, ≥ 1 in practice. Default 1.3 (typical of European towns).
   */
  circuity?: number;
  /** Average driving speed over the road distance, in meters per second. Default 30 km/h = 8.33 m/s. */
  speedMetersPerSecond?: number;
  /** Sphere radius used by the haversine formula, in meters. Default {@link EARTH_RADIUS_METERS}. */
  earthRadiusMeters?: number;
}

/** Default road circuity (dimensionless). */
export const DEFAULT_CIRCUITY = 1.3;
/** Default speed: 30 km/h, in meters per second. */
export const DEFAULT_SPEED_METERS_PER_SECOND = 30 / 3.6;

const RADIANS = Math.PI / 180;

/**
 * Great-circle distance between two `[lng, lat]` points in degrees, in meters, by the haversine
 * formula on a sphere of `radiusMeters` (default the mean Earth radius). Accurate to ~0.5 % against
 * the ellipsoid, far below the uncertainty of a circuity factor.
 */
export function haversineMeters(a: Point, b: Point, radiusMeters = EARTH_RADIUS_METERS): number {
  const lat1 = a[1] * RADIANS;
  const lat2 = b[1] * RADIANS;
  const sinHalfLat = Math.sin((lat2 - lat1) / 2);
  const sinHalfLng = Math.sin(((b[0] - a[0]) * RADIANS) / 2);
  const h = sinHalfLat * sinHalfLat + Math.cos(lat1) * Math.cos(lat2) * sinHalfLng * sinHalfLng;
  // min() guards against rounding pushing h a hair above 1 for antipodal points.
  return 2 * radiusMeters * Math.asin(Math.min(1, Math.sqrt(h)));
}

function positive(name: string, value: number): number {
  if (!Number.isFinite(value) || value <= 0)
    throw new RangeError(`${name} must be a positive number, got ${value}`);
  return value;
}

/**
 * The default travel model, needing no routing server: great-circle distance × circuity, driven at
 * a constant speed. Symmetric, and zero between identical points.
 */
export class GreatCircleTravelTimes implements TravelTimes {
  /** Road distance ÷ great-circle distance (dimensionless). */
  readonly circuity: number;
  /** Driving speed, in meters per second. */
  readonly speedMetersPerSecond: number;
  /** Sphere radius, in meters. */
  readonly earthRadiusMeters: number;

  constructor(options: GreatCircleOptions = {}) {
    this.circuity = positive('circuity', options.circuity ?? DEFAULT_CIRCUITY);
    this.speedMetersPerSecond = positive(
      'speedMetersPerSecond',
      options.speedMetersPerSecond ?? DEFAULT_SPEED_METERS_PER_SECOND,
    );
    this.earthRadiusMeters = positive('earthRadiusMeters', options.earthRadiusMeters ?? EARTH_RADIUS_METERS);
  }

  /** Estimated road distance, in meters. */
  meters(from: Point, to: Point): number {
    return haversineMeters(from, to, this.earthRadiusMeters) * this.circuity;
  }

  /** Estimated driving time, in seconds. */
  seconds(from: Point, to: Point): number {
    return this.meters(from, to) / this.speedMetersPerSecond;
  }
}
