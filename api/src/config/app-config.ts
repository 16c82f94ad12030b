import { randomBytes } from 'node:crypto';
import { isRepositorySecret } from './repository-secrets.js';

/** The shortest JWT secret accepted in production, in bytes (HS256 wants at least its 32-byte hash size). */
export const MIN_PRODUCTION_SECRET_BYTES = 32;

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
  /**
   * Secret for signing JWTs. In production: required, at least 32 bytes, none of the repository's
   * (`repository-secrets.ts`). Otherwise, when unset: random for this process (`npm start` passes
   * one it generated once and keeps in the data folder).
   */
  jwtSecret: string;
  /** Lifetime of a login token, in seconds. Default 12 h. */
  tokenTtlSeconds: number;
  /** MapLibre style the web map loads. Default: the bundled offline style. */
  mapStyleUrl: string;
  /**
   * Other origins the pages may fetch map data from (the content security policy's `connect-src`
   * and `img-src`): the style URL's own, if absolute, and MAP_ORIGINS (space-separated), for the
   * tiles, glyphs and sprites a third-party style names. Default: none (the bundled style).
   */
  mapOrigins: string[];
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
   * Per-minute allowances. Defaults: 10 logins per address and email; 30 failed logins per address,
   * whatever the accounts; 20 ride requests and 120 position pings per member; 5 copies or erasures
   * of one's data (`/api/me/data`, `/api/me/erasure`) per member; socket commands (every event a
   * client sends, position pings included) 120 per socket and 240 per member.
   */
  rateLimits: {
    loginPerMinute: number;
    loginFailuresPerAddressPerMinute: number;
    rideRequestsPerMinute: number;
    positionsPerMinute: number;
    memberDataPerMinute: number;
    socketCommandsPerMinute: number;
    memberCommandsPerMinute: number;
  };
  /**
   * How often each API node renews the presence of the driver sockets it holds, in milliseconds;
   * a socket not renewed for three periods (a crashed node's) counts as gone. Default 15,000.
   */
  presenceHeartbeatMs?: number;
  /**
   * Mail for password resets a member asks for themselves (ADR 0021): `SMTP_URL` (smtp: or smtps:,
   * credentials in the URL), `MAIL_FROM` (default `Navette <no-reply@localhost>`) and `PUBLIC_URL`,
   * the address the links in the mails point to (default `http://localhost:<PORT>`). Unset: no mail
   * is sent, and a coordinator issues reset links.
   */
  smtp?: { url: string; from: string; publicUrl: string };
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

function origins(env: NodeJS.ProcessEnv, styleUrl: string): string[] {
  const listed = (env.MAP_ORIGINS ?? '').split(/[\s,]+/).filter(Boolean);
  const found = new Set<string>();
  for (const raw of [styleUrl, ...listed]) {
    if (raw === styleUrl && raw.startsWith('/')) continue;
    let parsed: URL;
    try {
      parsed = new URL(raw);
    } catch {
      throw new ConfigError(`${raw === styleUrl ? 'MAP_STYLE_URL' : 'MAP_ORIGINS'}: "${raw}" is not a URL`);
    }
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')
      throw new ConfigError(`map origins must use https: or http:, got "${raw}"`);
    found.add(parsed.origin);
  }
  return [...found];
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const production = env.NODE_ENV === 'production';
  const jwtSecret = env.JWT_SECRET || (production ? '' : randomBytes(32).toString('base64url'));
  if (production && isRepositorySecret(jwtSecret))
    throw new ConfigError('JWT_SECRET is a secret published in the repository: generate your own');
  if (production && Buffer.byteLength(jwtSecret) < MIN_PRODUCTION_SECRET_BYTES)
    throw new ConfigError(
      `JWT_SECRET must be set to at least ${MIN_PRODUCTION_SECRET_BYTES} random bytes in production (e.g. openssl rand -base64 48)`,
    );
  if (jwtSecret.length < 16) throw new ConfigError('JWT_SECRET must be at least 16 characters');
  const mapStyleUrl = env.MAP_STYLE_URL || '/map-style.json';
  return {
    databaseUrl: url(env, 'DATABASE_URL', ['postgres:', 'postgresql:']),
    redisUrl: url(env, 'REDIS_URL', ['redis:', 'rediss:']),
    port: integer(env, 'PORT', 3000),
    jwtSecret,
    tokenTtlSeconds: integer(env, 'TOKEN_TTL_SECONDS', 12 * 3600),
    mapStyleUrl,
    mapOrigins: origins(env, mapStyleUrl),
    queuePrefix: env.QUEUE_PREFIX || 'navette',
    bodyLimitBytes: integer(env, 'BODY_LIMIT_BYTES', 16 * 1024),
    batchWindowMs: integer(env, 'BATCH_WINDOW_MS', 2000),
    presenceHeartbeatMs: integer(env, 'PRESENCE_HEARTBEAT_MS', 15_000),
    ...(env.SMTP_URL
      ? {
          smtp: {
            url: url(env, 'SMTP_URL', ['smtp:', 'smtps:']),
            from: env.MAIL_FROM || 'Navette <no-reply@localhost>',
            publicUrl: (env.PUBLIC_URL || `http://localhost:${integer(env, 'PORT', 3000)}`).replace(
              /\/+$/,
              '',
            ),
          },
        }
      : {}),
    rateLimits: {
      loginPerMinute: integer(env, 'RATE_LIMIT_LOGIN_PER_MINUTE', 10),
      loginFailuresPerAddressPerMinute: integer(env, 'RATE_LIMIT_LOGIN_FAILURES_PER_ADDRESS_PER_MINUTE', 30),
      rideRequestsPerMinute: integer(env, 'RATE_LIMIT_RIDES_PER_MINUTE', 20),
      positionsPerMinute: integer(env, 'RATE_LIMIT_POSITIONS_PER_MINUTE', 120),
      memberDataPerMinute: integer(env, 'RATE_LIMIT_MEMBER_DATA_PER_MINUTE', 5),
      socketCommandsPerMinute: integer(env, 'RATE_LIMIT_SOCKET_COMMANDS_PER_MINUTE', 120),
      memberCommandsPerMinute: integer(env, 'RATE_LIMIT_MEMBER_COMMANDS_PER_MINUTE', 240),
    },
  };
}

/** Nest injection token for `AppConfig`. */
export const APP_CONFIG = Symbol('APP_CONFIG');
