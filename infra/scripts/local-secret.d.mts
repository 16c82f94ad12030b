/** Returns the JWT secret kept in `dataRoot/jwt-secret`, creating it (random, mode 0600) on first use. */
export function localJwtSecret(dataRoot: string): string;
