import { registerDecorator, type ValidationOptions } from 'class-validator';
import { isLngLat, otherMembersProblem } from '../common/geojson.validators.js';

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

function ringProblem(ring: unknown, path: string): AreaProblem | undefined {
  if (!Array.isArray(ring)) return { path, message: 'a linear ring must be an array of positions' };
  if (ring.length < 4)
    return { path, message: `a linear ring needs at least 4 positions, got ${ring.length}` };
  for (let i = 0; i < ring.length; i++) {
    if (!isLngLat(ring[i]))
      return {
        path: `${path}[${i}]`,
        message: 'each position must be [longitude, latitude] in degrees (-180..180, -90..90)',
      };
  }
  const first = ring[0] as [number, number];
  const last = ring[ring.length - 1] as [number, number];
  if (first[0] !== last[0] || first[1] !== last[1])
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
 * Topology (self-intersection…) is PostGIS's `ST_IsValid`.
 */
export function areaProblem(value: unknown): AreaProblem | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return { path: '', message: 'must be a GeoJSON Polygon or MultiPolygon object' };
  const { type, coordinates, ...rest } = value as Record<string, unknown>;
  if (type !== 'Polygon' && type !== 'MultiPolygon')
    return { path: '', message: 'must be a GeoJSON Polygon or MultiPolygon ("type")' };
  const others = otherMembersProblem(rest);
  if (others) return { path: '', message: others };
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
