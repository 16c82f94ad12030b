import type { ClientToServerEvents } from '@navette/contracts';

/** A JSON Schema (draft 07, as AsyncAPI 3 schemas are by default), loosely typed. */
export type CommandSchema = { [keyword: string]: unknown };

const uuid = { type: 'string', format: 'uuid' };

/** `[longitude, latitude]` in degrees. */
const lngLat = {
  type: 'array',
  description: '[longitude, latitude] in degrees',
  items: [
    { type: 'number', minimum: -180, maximum: 180 },
    { type: 'number', minimum: -90, maximum: 90 },
  ],
  minItems: 2,
  maxItems: 2,
  additionalItems: false,
};

/**
 * The payload schema of every client → server event: the one definition both the AsyncAPI
 * document (`/api/asyncapi.json`) declares and the gateway enforces (compiled with ajv). Unknown
 * fields are refused, as in HTTP bodies. `offers:resend` also takes no payload at all.
 */
export const socketCommandSchemas: Record<keyof ClientToServerEvents, CommandSchema> = {
  'position:report': {
    type: 'object',
    description: 'The driver’s position now (contracts: PositionReport)',
    properties: { position: lngLat },
    required: ['position'],
    additionalProperties: false,
  },
  'offer:accept': {
    type: 'object',
    description: 'The offer to accept',
    properties: { offerId: uuid },
    required: ['offerId'],
    additionalProperties: false,
  },
  'offer:decline': {
    type: 'object',
    description: 'The offer to decline',
    properties: { offerId: uuid },
    required: ['offerId'],
    additionalProperties: false,
  },
  'trip:mark': {
    type: 'object',
    description:
      'A pickup, a drop-off or a no-show on one of the driver’s trips; `position` (optional) is where the driver is, its distance to the stop is recorded',
    properties: {
      rideId: uuid,
      event: { type: 'string', enum: ['picked_up', 'dropped_off', 'no_show'] },
      position: lngLat,
    },
    required: ['rideId', 'event'],
    additionalProperties: false,
  },
  'offers:resend': {
    type: 'object',
    description: 'Nothing: an empty object (or no payload)',
    additionalProperties: false,
  },
};

/** The contracts type each successful ack carries as `data`, by event (for the AsyncAPI document). */
export const socketAckData: Record<keyof ClientToServerEvents, CommandSchema> = {
  'position:report': {
    type: 'object',
    properties: { at: { type: 'string', description: 'When it was recorded, ISO 8601' } },
    required: ['at'],
    additionalProperties: false,
  },
  'offer:accept': { $ref: '#/definitions/TripView' },
  'offer:decline': { $ref: '#/definitions/OfferDeclined' },
  'trip:mark': { $ref: '#/definitions/TripView' },
  'offers:resend': {
    type: 'object',
    properties: { count: { type: 'number', description: 'Offers sent again as offer:received' } },
    required: ['count'],
    additionalProperties: false,
  },
};
