import type { ClientToServerEvents, ServerToClientEvents } from '@navette/contracts';
import { schemasReferencedBy } from '../api-docs/contract-schemas.js';
import { socketAckData, socketCommandSchemas } from './socket-commands.schemas.js';

const SCHEMAS = '#/components/schemas/';
const ref = (name: string) => ({ $ref: `${SCHEMAS}${name}` });

/** `position:report` → `positionReport`: component keys may not hold a colon. */
const key = (event: string) => event.replace(/[:-](\w)/g, (_, c: string) => c.toUpperCase());

/** Server → client events: the contracts type of each payload, and when it is sent. */
const serverEvents: Record<keyof ServerToClientEvents, { payload: object; summary: string }> = {
  'offer:received': {
    payload: ref('OfferView'),
    summary: 'To a driver: a ride is offered (room driver:<id>)',
  },
  'offer:expired': {
    payload: {
      type: 'object',
      properties: { offerId: { type: 'string' } },
      required: ['offerId'],
      additionalProperties: false,
    },
    summary: 'To a driver: an offer was not answered in time, or was withdrawn',
  },
  'ride:updated': {
    payload: ref('RideView'),
    summary: 'To the rider (member:<id>) and coordinators (territory:<id>): a ride changed',
  },
  'trip:taken-over': {
    payload: ref('TripTakenOver'),
    summary:
      'To a driver: a ride they had accepted was taken over by a driver who can be at the pickup sooner (ADR 0041)',
  },
  'driver:moved': {
    payload: ref('DriverMoved'),
    summary: 'To the rider of an assigned ride: the driver’s new position',
  },
  'drivers:moved': {
    payload: ref('DriversMoved'),
    summary:
      'To coordinators (territory:<id>): the new positions of its drivers, those one node wrote together',
  },
  'driver:paused': { payload: ref('DriverPaused'), summary: 'To a driver on shift: offers stopped, and why' },
  'driver:resumed': {
    payload: { type: 'object', additionalProperties: false },
    summary: 'To a driver on shift: offers may come again',
  },
  'waiting-spot:changed': {
    payload: ref('WaitingSpotView'),
    summary:
      'To a driver on shift: a new waiting spot was suggested, or the one shown withdrawn (checked each minute, sent on a change)',
  },
  'rota:reminder': {
    payload: ref('RotaReminder'),
    summary: 'To a driver: a shift they signed up for starts soon',
  },
  'rota:promoted': {
    payload: ref('RotaPromoted'),
    summary: 'To a driver: moved up from a waiting list, now signed for the shift',
  },
  'rota:no-show': { payload: ref('RotaNoShow'), summary: 'To coordinators: a signed driver did not start' },
  'rota:flagged': {
    payload: ref('RotaFlagged'),
    summary: 'To coordinators: booked rides of a coming day that no signed-up driver can take',
  },
  'session:ended': {
    payload: {
      type: 'object',
      properties: { reason: ref('SessionEndReason') },
      required: ['reason'],
      additionalProperties: false,
    },
    summary: 'Just before the server disconnects the socket: do not reconnect with the same token',
  },
  'command:refused': {
    payload: ref('CommandRefused'),
    summary:
      'An event the server does not know was sent without an ack: its name and an UNKNOWN_EVENT problem',
  },
};

const clientSummaries: Record<keyof ClientToServerEvents, string> = {
  'position:report': 'A driver reports their position',
  'offer:accept': 'A driver accepts an offer',
  'offer:decline': 'A driver declines an offer',
  'trip:mark': 'A driver marks a pickup, a drop-off or a no-show',
  'offers:resend': 'A driver asks for every pending offer again (after a reconnect)',
};

/**
 * The AsyncAPI 3 document of the socket.io protocol, served at `/api/asyncapi.json`. Client
 * payload schemas are the ones the gateway enforces (`socketCommandSchemas`); every other schema
 * comes from the contracts. Each client event is answered through its ack, `{ data }` or
 * `{ error: Problem }`; an unknown event is answered `UNKNOWN_EVENT` (ack, or `command:refused`).
 */
export function buildAsyncApiDocument() {
  const messages: Record<string, object> = {};
  const operations: Record<string, object> = {};
  const channel = { $ref: '#/channels/socket' };
  for (const [event, schema] of Object.entries(socketCommandSchemas)) {
    const name = key(event);
    messages[name] = {
      name: event,
      title: event,
      summary: clientSummaries[event as keyof ClientToServerEvents],
      payload: schema,
    };
    messages[`${name}Ack`] = {
      name: `${event} ack`,
      title: `${event} ack`,
      summary: `The answer to ${event}: { data } or { error }`,
      payload: {
        oneOf: [
          {
            type: 'object',
            properties: { data: socketAckData[event as keyof ClientToServerEvents] },
            required: ['data'],
            additionalProperties: false,
          },
          {
            type: 'object',
            properties: { error: ref('Problem') },
            required: ['error'],
            additionalProperties: false,
          },
        ],
      },
    };
    operations[name] = {
      action: 'receive',
      channel,
      summary: clientSummaries[event as keyof ClientToServerEvents],
      messages: [{ $ref: `#/channels/socket/messages/${name}` }],
      reply: { channel, messages: [{ $ref: `#/channels/socket/messages/${name}Ack` }] },
    };
  }
  for (const [event, { payload, summary }] of Object.entries(serverEvents)) {
    const name = key(event);
    messages[name] = { name: event, title: event, summary, payload };
    operations[name] = {
      action: 'send',
      channel,
      summary,
      messages: [{ $ref: `#/channels/socket/messages/${name}` }],
    };
  }
  const raw = JSON.parse(JSON.stringify(messages).replaceAll('"#/definitions/', `"${SCHEMAS}`)) as Record<
    string,
    object
  >;
  return {
    asyncapi: '3.1.0',
    info: {
      title: 'Navette realtime (socket.io)',
      version: '0.1.0',
      description:
        'socket.io v4 at path `/socket.io/` on the API’s origin. Authenticate in the handshake: ' +
        '`io(origin, { auth: { token } })` with the token from POST /api/auth/login; a refused handshake ' +
        'fails with `connect_error`. Each client event takes its payload and an ack callback; the ack is ' +
        '`{ data }` or `{ error }` (an RFC 9457 problem, in the handshake’s `Accept-Language`, fr or en). ' +
        'An event the server does not know is answered with an `UNKNOWN_EVENT` problem: through its ack ' +
        'when it has one, else as a `command:refused` event. Server events go to rooms `member:<id>`, ' +
        '`driver:<id>` and `territory:<id>`.',
      license: { name: 'AGPL-3.0-or-later', url: 'https://www.gnu.org/licenses/agpl-3.0.html' },
    },
    defaultContentType: 'application/json',
    servers: {
      api: {
        host: 'localhost:3000',
        protocol: 'ws',
        pathname: '/socket.io/',
        description: 'The API server (socket.io over WebSocket or HTTP long-polling)',
        security: [{ $ref: '#/components/securitySchemes/handshakeToken' }],
      },
    },
    channels: {
      socket: {
        address: '/',
        title: 'The default socket.io namespace',
        messages: Object.fromEntries(
          Object.keys(messages).map((name) => [name, { $ref: `#/components/messages/${name}` }]),
        ),
      },
    },
    operations,
    components: {
      messages: raw,
      schemas: schemasReferencedBy(raw, SCHEMAS),
      securitySchemes: {
        handshakeToken: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description:
            'The login token, sent as `auth.token` in socket.io’s handshake (not as an HTTP header)',
        },
      },
    },
  };
}
