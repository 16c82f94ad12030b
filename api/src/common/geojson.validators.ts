import { registerDecorator, type ValidationOptions } from 'class-validator';

/** True for a `[lng, lat]` pair of finite numbers within WGS 84 bounds. */
export function isLngLat(value: unknown): value is [number, number] {
  return (
    Array.isArray(value) &&
    value.length === 2 &&
    typeof value[0] === 'number' &&
    typeof value[1] === 'number' &&
    Number.isFinite(value[0]) &&
    Number.isFinite(value[1]) &&
    value[0] >= -180 &&
    value[0] <= 180 &&
    value[1] >= -90 &&
    value[1] <= 90
  );
}

/**
 * Why a value is not a GeoJSON bounding box (RFC 7946 §5), or undefined when it is one:
 * `[west, south, east, north]`, or with elevations `[west, south, low, east, north, high]`, finite
 * numbers in degrees, south not above north (west may exceed east: a box across the antimeridian).
 */
export function bboxProblem(value: unknown): string | undefined {
  const message =
    'bbox must be [west, south, east, north] in degrees (-180..180, -90..90; south <= north), or with elevations';
  if (!Array.isArray(value) || (value.length !== 4 && value.length !== 6)) return message;
  if (!value.every((n) => typeof n === 'number' && Number.isFinite(n))) return message;
  const half = value.length / 2;
  const [west, south, east, north] = [value[0], value[1], value[half], value[half + 1]] as number[];
  if (!isLngLat([west, south]) || !isLngLat([east, north]) || south! > north!) return message;
  if (half === 3 && (value[2] as number) > (value[5] as number)) return message;
  return undefined;
}

/** Why the members of a GeoJSON object besides `type` and `coordinates` are wrong, if they are. */
export function otherMembersProblem(rest: Record<string, unknown>): string | undefined {
  const extra = Object.keys(rest).filter((k) => k !== 'bbox');
  if (extra.length) return `has unexpected member "${extra[0]}"`;
  return 'bbox' in rest ? bboxProblem(rest.bbox) : undefined;
}

/**
 * A Point as RFC 7946 lets clients send it, as Navette keeps it: an altitude (a third finite number)
 * is dropped and foreign members are ignored (§3.1.1, §6.1); `bbox` stays, to be checked. Anything
 * that is not such a Point comes back unchanged, for `IsGeoJsonPoint` to name what is wrong.
 */
export function normalisedPoint(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const { type, coordinates, bbox } = value as Record<string, unknown>;
  if (type !== 'Point' || !Array.isArray(coordinates)) return value;
  const [lng, lat, altitude] = coordinates as unknown[];
  const flat =
    coordinates.length === 3 && typeof altitude === 'number' && Number.isFinite(altitude)
      ? [lng, lat]
      : coordinates;
  return bbox === undefined ? { type, coordinates: flat } : { type, coordinates: flat, bbox };
}

/** Why a value is not a GeoJSON Point (RFC 7946), or undefined when it is one. */
export function pointProblem(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return 'must be a GeoJSON Point object';
  const { type, coordinates, ...rest } = value as Record<string, unknown>;
  if (type !== 'Point') return 'must be a GeoJSON Point ("type": "Point")';
  if (!isLngLat(coordinates))
    return 'coordinates must be [longitude, latitude] in degrees (-180..180, -90..90)';
  return otherMembersProblem(rest);
}

export function IsGeoJsonPoint(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isGeoJsonPoint',
      target: target.constructor,
      propertyName: String(propertyName),
      options,
      validator: {
        validate: (value: unknown) => pointProblem(value) === undefined,
        defaultMessage: (args) => `${args?.property} ${pointProblem(args?.value)}`,
      },
    });
}

export function IsLngLat(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isLngLat',
      target: target.constructor,
      propertyName: String(propertyName),
      options,
      validator: {
        validate: (value: unknown) => isLngLat(value),
        defaultMessage: (args) =>
          `${args?.property} must be [longitude, latitude] in degrees (-180..180, -90..90)`,
      },
    });
}

/** class-validator decorator: a GeoJSON bounding box (see {@link bboxProblem}). */
export function IsBbox(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isBbox',
      target: target.constructor,
      propertyName: String(propertyName),
      options,
      validator: {
        validate: (value: unknown) => bboxProblem(value) === undefined,
        defaultMessage: (args) => bboxProblem(args?.value)!,
      },
    });
}

const samePlace = (a: unknown, b: unknown): boolean =>
  isLngLat(a) && isLngLat(b) && a[0] === b[0] && a[1] === b[1];

/**
 * class-validator decorator on a GeoJSON Point: not at the same coordinates as the Point in
 * `otherProperty` (a ride from a place to itself).
 */
export function IsElsewhereThan(otherProperty: string, options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isElsewhereThan',
      target: target.constructor,
      propertyName: String(propertyName),
      constraints: [otherProperty],
      options,
      validator: {
        validate: (value: unknown, args) => {
          const other = (args?.object as Record<string, unknown> | undefined)?.[otherProperty];
          return !samePlace(
            (value as { coordinates?: unknown } | null)?.coordinates,
            (other as { coordinates?: unknown } | null)?.coordinates,
          );
        },
        defaultMessage: (args) => `${args?.property} must be elsewhere than ${otherProperty}`,
      },
    });
}
