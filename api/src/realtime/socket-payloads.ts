import type { ClientToServerEvents, LngLat, TripMark } from '@navette/contracts';
import { Ajv, type ErrorObject } from 'ajv';
import { AppError } from '../common/app-error.js';
import { socketCommandSchemas } from './socket-commands.schemas.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const ajv = new Ajv({ allErrors: false, strictTuples: false }).addFormat('uuid', UUID);

/** What to say of a field that fails its schema. */
const fieldMessages: Record<string, string> = {
  position: 'position must be [longitude, latitude] in degrees',
  offerId: 'offerId must be a UUID',
  rideId: 'rideId must be a UUID',
  event: 'event must be picked_up, dropped_off or no_show',
};

/** ajv's first error as the API's: the field at fault (dotted) and a message naming it. */
function refusal(error: ErrorObject): AppError {
  if (error.keyword === 'additionalProperties') {
    const field = String((error.params as { additionalProperty: string }).additionalProperty);
    return new AppError('VALIDATION_FAILED', `${field} is not a field of this command`, field);
  }
  const path = error.instancePath.split('/').filter(Boolean);
  const field =
    error.keyword === 'required'
      ? String((error.params as { missingProperty: string }).missingProperty)
      : path[0];
  if (field === undefined) return new AppError('VALIDATION_FAILED', 'payload must be an object');
  return new AppError(
    'VALIDATION_FAILED',
    fieldMessages[field] ?? `${field} ${error.message ?? 'is not valid'}`,
    field,
  );
}

/** The validator of one event's payload, compiled from the schema the AsyncAPI document declares. */
function validator<T>(event: keyof ClientToServerEvents): (payload: unknown) => T {
  const validate = ajv.compile(socketCommandSchemas[event]);
  return (payload) => {
    if (!validate(payload)) throw refusal(validate.errors![0]!);
    return payload as T;
  };
}

const position = validator<{ position: LngLat }>('position:report');
const offer = validator<{ offerId: string }>('offer:accept');
const tripMark = validator<TripMark & { rideId: string }>('trip:mark');
const resend = validator<Record<string, never>>('offers:resend');

/** Socket payloads are checked as strictly as HTTP bodies: the client is not trusted. */
export const parseSocketPayload = {
  offerId: (payload: unknown): string => offer(payload).offerId,
  /** A command without arguments: nothing, or an empty object. */
  none: (payload: unknown): void => void (payload === undefined || resend(payload)),
  position: (payload: unknown): LngLat => position(payload).position,
  tripMark: (payload: unknown): { rideId: string; mark: TripMark } => {
    const { rideId, event, position } = tripMark(payload);
    return { rideId, mark: position ? { event, position } : { event } };
  },
};
