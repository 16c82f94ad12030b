// The JWT secret `npm start` gives the API and the dispatcher when JWT_SECRET is not set: random,
// generated on the first start and kept in the local data folder (.navette/ or NAVETTE_DATA_DIR)
// with mode 0600, so tokens survive a restart and nobody else's checkout can sign them.
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Bytes of randomness in a generated secret (encoded as 64 base64url characters). */
const SECRET_BYTES = 48;

/** Returns the secret kept in `dataRoot/jwt-secret`, creating it (0600) on first use. */
export function localJwtSecret(dataRoot) {
  const file = join(dataRoot, 'jwt-secret');
  mkdirSync(dataRoot, { recursive: true });
  try {
    const kept = readFileSync(file, 'utf8').trim();
    if (kept.length >= 32) {
      chmodSync(file, 0o600);
      return kept;
    }
  } catch (error) {
    if (error.code !== 'ENOENT') throw error;
  }
  const secret = randomBytes(SECRET_BYTES).toString('base64url');
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return secret;
}
