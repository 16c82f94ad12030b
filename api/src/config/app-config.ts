/**
 * The API's typed configuration, read from the environment once, validated at boot.
 * Every other file receives an `AppConfig`; none reads `process.env`.
 */
export interface AppConfig {
  /** PostgreSQL (with PostGIS) connection string. */
  databaseUrl: string;
  /** Redis connection string (BullMQ queue, outbound socket events). */
  redisUrl: string;
  /** HTTP port. Default 3000; 0 picks a free port (tests). */
  port: number;
  /** Secret for signing JWTs. Required in production; a development default otherwise. */
  jwtSecret: string;
  /** Lifetime of a login token, in seconds. Default 12 h. */
  tokenTtlSeconds: number;
  /** MapLibre style the web map loads. Default: the self-hosted Protomaps light style the build writes. */
  mapStyleUrl: string;
  /**
   * Style the web map loads when the system asks for dark colours (MAP_STYLE_DARK_URL). Default: the
   * self-hosted dark style, or MAP_STYLE_URL when only that is set; absent means the light one.
   */
  mapStyleDarkUrl?: string;
  /**
   * PMTiles archive served at /map/tiles.pmtiles (MAP_TILES, a file path): a production extract.
   * Default (absent): the demo archive the build writes to web-map/public/map/tiles.pmtiles.
   */
  mapTiles?: string;
  /** Prefix of BullMQ keys in Redis, so several deployments (or tests) can share one Redis. */
  queuePrefix: string;
  /** Largest JSON body accepted, in bytes. Default 16 KiB. */
  bodyLimitBytes: number;
  /**
   * How long a new ride waits for others before matching, in milliseconds: rides arriving within the
   * window are assigned together. Default 2000.
   */
  batchWindowMs: number;
  /**
   * Per-minute allowances. Defaults: 10 logins per address and email; per member 20 ride requests,
   * 120 position pings and 5 copies or erasures of their data (`/api/me/data`, `/api/me/erasure`).
   */
  rateLimits: {
    loginPerMinute: number;
    rideRequestsPerMinute: number;
    positionsPerMinute: number;
    memberDataPerMinute: number;
  };
}

export class ConfigError extends Error {}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0)
    throw new ConfigError(`${name} must be a non-negative integer, got "${raw}"`);
  return value;
}

function url(env: NodeJS.ProcessEnv, name: string, protocols: string[]): string {
  const raw = env[name];
  if (!raw)
    throw new ConfigError(
      `${name} is required (e.g. ${protocols[0]}//localhost/…); npm start sets it for you`,
    );
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError(`${name} is not a URL: "${raw}"`);
  }
  if (!protocols.includes(parsed.protocol))
    throw new ConfigError(`${name} must use ${protocols.join(' or ')}`);
  return raw;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const production = env.NODE_ENV === 'production';
  const jwtSecret = env.JWT_SECRET ?? (production ? '' : 'navette-development-secret');
  if (jwtSecret.length < 16)
    throw new ConfigError('JWT_SECRET must be set to at least 16 characters in production');
  return {
    databaseUrl: url(env, 'DATABASE_URL', ['postgres:', 'postgresql:']),
    redisUrl: url(env, 'REDIS_URL', ['redis:', 'rediss:']),
    port: integer(env, 'PORT', 3000),
    jwtSecret,
    tokenTtlSeconds: integer(env, 'TOKEN_TTL_SECONDS', 12 * 3600),
    mapStyleUrl: env.MAP_STYLE_URL || '/map-style.json',
    mapStyleDarkUrl: env.MAP_STYLE_DARK_URL || env.MAP_STYLE_URL || '/map-style-dark.json',
    ...(env.MAP_TILES ? { mapTiles: env.MAP_TILES } : {}),
    queuePrefix: env.QUEUE_PREFIX || 'navette',
    bodyLimitBytes: integer(env, 'BODY_LIMIT_BYTES', 16 * 1024),
    batchWindowMs: integer(env, 'BATCH_WINDOW_MS', 2000),
    rateLimits: {
      loginPerMinute: integer(env, 'RATE_LIMIT_LOGIN_PER_MINUTE', 10),
      rideRequestsPerMinute: integer(env, 'RATE_LIMIT_RIDES_PER_MINUTE', 20),
      positionsPerMinute: integer(env, 'RATE_LIMIT_POSITIONS_PER_MINUTE', 120),
      memberDataPerMinute: integer(env, 'RATE_LIMIT_MEMBER_DATA_PER_MINUTE', 5),
    },
  };
}

/** Nest injection token for `AppConfig`. */
export const APP_CONFIG = Symbol('APP_CONFIG');
