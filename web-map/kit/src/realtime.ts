import type { Ack, ClientToServerEvents, ErrorBody, ServerToClientEvents } from '@navette/contracts';
import { io, type Socket } from 'socket.io-client';

export type NavetteSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** How long to wait for an acknowledgement before calling the command failed, ms. */
export const ACK_TIMEOUT_MS = 10_000;

/** The live connection to this server, authenticated by the bearer token; reconnects by itself. */
export function connectRealtime(token: string): NavetteSocket {
  return io(location.origin, { auth: { token } });
}

/** An ack that never came (timeout, connection lost) as an error, so callers handle one shape. */
export function noAck(message: string): { error: ErrorBody } {
  return { error: { statusCode: 0, code: 'INTERNAL', message } };
}

export type { Ack };
