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

/** Why a value is not a GeoJSON Point (RFC 7946), or undefined when it is one. */
export function pointProblem(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return 'must be a GeoJSON Point object';
  const { type, coordinates, ...rest } = value as Record<string, unknown>;
  if (type !== 'Point') return 'must be a GeoJSON Point ("type": "Point")';
  if (!isLngLat(coordinates))
    return 'coordinates must be [longitude, latitude] in degrees (-180..180, -90..90)';
  const extra = Object.keys(rest).filter((k) => k !== 'bbox');
  if (extra.length) return `has unexpected member "${extra[0]}"`;
  return undefined;
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
