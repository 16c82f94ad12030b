import type { LngLat } from '@navette/contracts';
import { registerDecorator, type ValidationOptions } from 'class-validator';
import { isLngLat } from '../../common/geojson.validators.js';

/** Text without control characters (PostgreSQL refuses NUL in text; line breaks have no place in a name). */
export const NO_CONTROL_CHARACTERS = /^[^\u0000-\u001f\u007f]*$/;

const NUMBER = String.raw`\s*(-?\d{1,3}(?:\.\d{1,15})?)\s*`;
const PAIR = new RegExp(`^${NUMBER},${NUMBER}$`);
const FOUR = new RegExp(`^${NUMBER},${NUMBER},${NUMBER},${NUMBER}$`);

/** `"24.95,60.18"` as `[lng, lat]` within WGS 84 bounds; undefined for anything else. */
export function parseLngLatText(value: unknown): LngLat | undefined {
  const match = typeof value === 'string' ? PAIR.exec(value) : null;
  const pair = match ? [Number(match[1]), Number(match[2])] : undefined;
  return isLngLat(pair) ? pair : undefined;
}

/** `"west,south,east,north"` in degrees, west < east and south < north; undefined otherwise. */
export function parseBboxText(value: unknown): [number, number, number, number] | undefined {
  const match = typeof value === 'string' ? FOUR.exec(value) : null;
  if (!match) return undefined;
  const [west, south, east, north] = match.slice(1).map(Number) as [number, number, number, number];
  if (!isLngLat([west, south]) || !isLngLat([east, north]) || west >= east || south >= north)
    return undefined;
  return [west, south, east, north];
}

function textDecorator(
  name: string,
  parse: (value: unknown) => unknown,
  expected: string,
  options?: ValidationOptions,
): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name,
      target: target.constructor,
      propertyName: String(propertyName),
      options,
      validator: {
        validate: (value: unknown) => parse(value) !== undefined,
        defaultMessage: (args) => `${args?.property} must be ${expected}`,
      },
    });
}

/** A query parameter `lng,lat` in degrees (`24.95,60.18`). */
export const IsLngLatText = (options?: ValidationOptions) =>
  textDecorator('isLngLatText', parseLngLatText, 'longitude,latitude in degrees, e.g. 24.95,60.18', options);

/** A query parameter `west,south,east,north` in degrees. */
export const IsBboxText = (options?: ValidationOptions) =>
  textDecorator(
    'isBboxText',
    parseBboxText,
    'west,south,east,north in degrees with west < east and south < north',
    options,
  );
