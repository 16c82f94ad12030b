import { createHash, randomBytes } from 'node:crypto';

/** Bytes of randomness in a membership link's token (256 bits). */
export const LINK_TOKEN_BYTES = 32;

/** A new token for a membership link (base64url) and the SHA-256 that is all the database keeps. */
export function newLinkToken(): { token: string; sha256: Buffer } {
  const token = randomBytes(LINK_TOKEN_BYTES).toString('base64url');
  return { token, sha256: linkTokenSha256(token) };
}

/** The SHA-256 of a token as presented: what a link is looked up by. */
export function linkTokenSha256(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}
