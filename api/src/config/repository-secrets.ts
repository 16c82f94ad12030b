/**
 * Every JWT secret that is, or ever was, written in this repository: anyone can read them, so
 * anyone could sign a token with them. The API refuses them in production (`loadConfig`). This is
 * the one list: the tests take their secret from here, and `repository-secrets.spec.ts` fails when
 * a secret literal appears anywhere else in the repository without being listed.
 */

/** The secret the test stacks sign with (32 bytes, so only this list keeps it out of production). */
export const TEST_JWT_SECRET = 'test-secret-of-sufficient-length';

export const REPOSITORY_SECRETS: readonly string[] = [
  // The API's development default before `npm start` generated one per checkout.
  'navette-development-secret',
  // The placeholder infra/compose.yaml carried before it required JWT_SECRET.
  'change-me-to-a-long-random-secret',
  TEST_JWT_SECRET,
];

/** True when `secret` is one of the repository's, ignoring surrounding whitespace. */
export const isRepositorySecret = (secret: string): boolean => REPOSITORY_SECRETS.includes(secret.trim());
