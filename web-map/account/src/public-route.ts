/**
 * The account page's routes that need no sign-in (ADR 0026), read from the URL fragment, which no
 * server and no Referer ever sees: `#join/<token>` (an invitation), `#reset/<token>` (a reset link),
 * `#register/<territoryId>` (a territory open to registration), `#forgot` (ask for a reset by email).
 */
export type PublicRoute =
  | { kind: 'join'; token: string }
  | { kind: 'reset'; token: string }
  | { kind: 'register'; territoryId: string }
  | { kind: 'forgot' };

const TOKEN = /^[A-Za-z0-9_-]{43}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The public route a fragment names, if any (`#join/…` with a malformed token names none). */
export function publicRoute(hash: string): PublicRoute | undefined {
  const [name, value = ''] = hash.replace(/^#/, '').split('/');
  if (name === 'forgot') return { kind: 'forgot' };
  if ((name === 'join' || name === 'reset') && TOKEN.test(value)) return { kind: name, token: value };
  if (name === 'register' && UUID.test(value)) return { kind: 'register', territoryId: value };
  return undefined;
}

/** Whether a fragment is a link that carries a secret (so the page forgets it once read). */
export const carriesSecret = (route: PublicRoute | undefined) =>
  route?.kind === 'join' || route?.kind === 'reset';
