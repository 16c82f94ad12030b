import type { LngLat, TripEvent } from '@navette/contracts';
import { AppError } from '../common/app-error.js';
import { isLngLat } from '../common/geojson.validators.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function record(payload: unknown): Record<string, unknown> {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
    throw new AppError('VALIDATION_FAILED', 'payload must be an object');
  }
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
  offerId: (payload: unknown): string => uuid(record(payload), 'offerId'),
  position: (payload: unknown): LngLat => {
    const position = record(payload).position;
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
    const body = record(payload);
    const event = body.event;
    if (event !== 'picked_up' && event !== 'dropped_off' && event !== 'no_show') {
      throw new AppError('VALIDATION_FAILED', 'event must be picked_up, dropped_off or no_show', 'event');
    }
    return { rideId: uuid(body, 'rideId'), event };
  },
};
