import type { LngLat, TripEvent } from '@navette/contracts';
import { AppError } from '../common/app-error.js';
import { isLngLat } from '../common/geojson.validators.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The payload as an object holding no field but `fields` (as HTTP bodies: unknown fields are refused). */
function record(payload: unknown, fields: readonly string[]): Record<string, unknown> {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
    throw new AppError('VALIDATION_FAILED', 'payload must be an object');
  }
  const unknown = Object.keys(payload).find((key) => !fields.includes(key));
  if (unknown !== undefined)
    throw new AppError('VALIDATION_FAILED', `${unknown} is not a field of this command`, unknown);
  return payload as Record<string, unknown>;
}

function uuid(payload: Record<string, unknown>, field: string): string {
  const value = payload[field];
  if (typeof value !== 'string' || !UUID.test(value))
    throw new AppError('VALIDATION_FAILED', `${field} must be a UUID`, field);
  return value;
}

/** Socket payloads are checked as strictly as HTTP bodies: the client is not trusted. */
export const parseSocketPayload = {
  offerId: (payload: unknown): string => uuid(record(payload, ['offerId']), 'offerId'),
  /** A command without arguments: nothing, or an empty object. */
  none: (payload: unknown): void => void (payload === undefined || record(payload, [])),
  position: (payload: unknown): LngLat => {
    const position = record(payload, ['position']).position;
    if (!isLngLat(position)) {
      throw new AppError(
        'VALIDATION_FAILED',
        'position must be [longitude, latitude] in degrees',
        'position',
      );
    }
    return position;
  },
  tripMark: (payload: unknown): { rideId: string; event: TripEvent } => {
    const body = record(payload, ['rideId', 'event']);
    const event = body.event;
    if (event !== 'picked_up' && event !== 'dropped_off' && event !== 'no_show') {
      throw new AppError('VALIDATION_FAILED', 'event must be picked_up, dropped_off or no_show', 'event');
    }
    return { rideId: uuid(body, 'rideId'), event };
  },
};
