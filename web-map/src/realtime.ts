import type { ClientToServerEvents, ServerToClientEvents } from '@navette/contracts';
import { io, type Socket } from 'socket.io-client';

export type NavetteSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** The live connection to this server, authenticated by the bearer token. */
export function connectRealtime(token: string): NavetteSocket {
  return io(location.origin, { auth: { token } });
}
