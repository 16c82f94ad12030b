import { createHmac, timingSafeEqual } from 'node:crypto';

/** 128 bits of HMAC-SHA256, base64url: unguessable, short enough for a text message. */
const MAC_CHARS = 22;

const macOf = (secret: string, rideId: string) =>
  createHmac('sha256', secret).update(`navette-track:${rideId}`).digest('base64url').slice(0, MAC_CHARS);

/**
 * A task's tracking token: its id (hex, no dashes) and an HMAC of it under the API's secret.
 * Nothing is stored: the sender's page can show the link again, and rotating the secret revokes
 * every link. Expiry is decided by the task's state, not by the token.
 */
export function trackingToken(secret: string, rideId: string): string {
  return `${rideId.replaceAll('-', '')}${macOf(secret, rideId)}`;
}

/** The task a token names, or undefined when the token is not one this API made. */
export function rideIdOfToken(secret: string, token: string): string | undefined {
  const parts = /^([0-9a-f]{32})([\w-]{22})$/.exec(token);
  if (!parts) return undefined;
  const hex = parts[1]!;
  const rideId = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  const expected = Buffer.from(macOf(secret, rideId));
  const given = Buffer.from(parts[2]!);
  return expected.length === given.length && timingSafeEqual(expected, given) ? rideId : undefined;
}
