import { registerDecorator, type ValidationOptions } from 'class-validator';
import { bboxProblem, isLngLat } from '../common/geojson.validators.js';

/** Most positions a territory's geometry may have: more is refused with 413 before PostGIS sees it. */
export const MAX_AREA_POSITIONS = 2000;

/** An area for the OpenAPI document's examples: a small square in Helsinki's Kallio. */
export const AREA_EXAMPLE = {
  type: 'Polygon',
  coordinates: [
    [
      [24.94, 60.18],
      [24.96, 60.18],
      [24.96, 60.19],
      [24.94, 60.19],
      [24.94, 60.18],
    ],
  ],
};

export interface AreaProblem {
  /** Where, under the geometry (`coordinates[0][3]`), or '' for the geometry itself. */
  path: string;
  message: string;
}

/**
 * A GeoJSON position (RFC 7946 §3.1.1): `[lng, lat]`, or `[lng, lat, altitude]` with the altitude
 * in metres, accepted and then dropped (territories are flat).
 */
export function isAreaPosition(value: unknown): boolean {
  return (
    Array.isArray(value) &&
    (value.length === 2 ||
      (value.length === 3 && typeof value[2] === 'number' && Number.isFinite(value[2]))) &&
    isLngLat(value.slice(0, 2))
  );
}

function ringProblem(ring: unknown, path: string): AreaProblem | undefined {
  if (!Array.isArray(ring)) return { path, message: 'a linear ring must be an array of positions' };
  if (ring.length < 4)
    return { path, message: `a linear ring needs at least 4 positions, got ${ring.length}` };
  for (let i = 0; i < ring.length; i++) {
    if (!isAreaPosition(ring[i]))
      return {
        path: `${path}[${i}]`,
        message:
          'each position must be [longitude, latitude] in degrees (-180..180, -90..90), optionally with an altitude',
      };
  }
  const first = ring[0] as number[];
  const last = ring[ring.length - 1] as number[];
  if (first.length !== last.length || first.some((n, i) => n !== last[i]))
    return { path, message: 'a linear ring must be closed: its first and last positions must be equal' };
  return undefined;
}

function polygonProblem(polygon: unknown, path: string): AreaProblem | undefined {
  if (!Array.isArray(polygon) || polygon.length === 0)
    return { path, message: 'a polygon must be a non-empty array of linear rings' };
  for (let i = 0; i < polygon.length; i++) {
    const problem = ringProblem(polygon[i], `${path}[${i}]`);
    if (problem) return problem;
  }
  return undefined;
}

/**
 * Why a value is not a GeoJSON Polygon or MultiPolygon (RFC 7946, `[lng, lat]`), or undefined when
 * it is one. Checks structure only: rings closed, at least 4 positions, coordinates in range.
 * Topology (self-intersection…) is PostGIS's `ST_IsValid`; ring winding is not checked (§3.1.6
 * asks parsers not to reject either order: the store turns rings counter-clockwise). Foreign
 * members (§6.1) are accepted and ignored, but `crs` (it would change what the coordinates mean);
 * a bbox, if any, must be one.
 */
export function areaProblem(value: unknown): AreaProblem | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return { path: '', message: 'must be a GeoJSON Polygon or MultiPolygon object' };
  const { type, coordinates, ...rest } = value as Record<string, unknown>;
  if (type !== 'Polygon' && type !== 'MultiPolygon')
    return { path: '', message: 'must be a GeoJSON Polygon or MultiPolygon ("type")' };
  // The one member that would change what the coordinates mean: RFC 7946 removed it (WGS 84 only).
  if ('crs' in rest)
    return { path: '', message: 'has unexpected member "crs": coordinates are WGS 84 [lng, lat] (RFC 7946)' };
  const box = 'bbox' in rest ? bboxProblem(rest.bbox) : undefined;
  if (box) return { path: '', message: box };
  if (type === 'Polygon') return polygonProblem(coordinates, 'coordinates');
  if (!Array.isArray(coordinates) || coordinates.length === 0)
    return { path: 'coordinates', message: 'a MultiPolygon must be a non-empty array of polygons' };
  for (let i = 0; i < coordinates.length; i++) {
    const problem = polygonProblem(coordinates[i], `coordinates[${i}]`);
    if (problem) return problem;
  }
  return undefined;
}

/** How many positions a (structurally valid) Polygon or MultiPolygon holds. */
export function countPositions(geometry: { type: string; coordinates: unknown }): number {
  const polygons = (
    geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates
  ) as unknown[][][];
  return polygons.reduce((n, polygon) => n + polygon.reduce((m, ring) => m + ring.length, 0), 0);
}

function describe(property: string, problem: AreaProblem): string {
  return `${property}${problem.path ? `.${problem.path}` : ''} ${problem.message}`;
}

/** class-validator decorator: a GeoJSON Polygon or MultiPolygon, structurally valid. */
export function IsAreaGeometry(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isAreaGeometry',
      target: target.constructor,
      propertyName: String(propertyName),
      options,
      validator: {
        validate: (value: unknown) => areaProblem(value) === undefined,
        defaultMessage: (args) => describe(args?.property ?? 'geometry', areaProblem(args?.value)!),
      },
    });
}
