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
  /** MapLibre style the web map loads. Default: the self-hosted Protomaps light style the build writes. */
  mapStyleUrl: string;
  /**
   * Other origins the pages may fetch map data from (the content security policy's `connect-src`
   * and `img-src`): the style URL's own, if absolute, and MAP_ORIGINS (space-separated), for the
   * tiles, glyphs and sprites a third-party style names. Default: none (the bundled style).
   */
  mapOrigins: string[];
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
   * The batching window of a request arriving alone, milliseconds; it grows to `batchWindowMs` as
   * the arrival rate reaches `batchWindowFullAtPerSecond` (ADR 0029). Default 50; absent: the
   * window is fixed at `batchWindowMs`.
   */
  batchWindowMinMs?: number;
  /** Requests per second (on this API node) from which the whole batching window applies. Default 20. */
  batchWindowFullAtPerSecond?: number;
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
   * How often each API node works out the waiting spots of the idle drivers it holds and pushes
   * the changed ones (`waiting-spot:changed`, ADR 0034), in milliseconds (WAITING_SPOT_PUSH_MS).
   * One query for all the node's drivers and one run of the rule per town each time. Default 60,000.
   */
  waitingSpotPushMs?: number;
  /**
   * How often each API node checks all its sockets again, in milliseconds (SOCKET_RECHECK_MS): a
   * token's expiry, and a role or standing changed in SQL, end a socket within this time (changes
   * through the API end them at once on every node). One query per period for all the node's
   * members. Default 5,000.
   */
  socketRecheckMs?: number;
  /**
   * A self-hosted geocoder for addresses in place search and street names in reverse lookup
   * (`GEOCODER_URL`, `GEOCODER_KIND` photon or nominatim, `GEOCODER_TIMEOUT_MS` default 1500).
   * Absent: named places and territories only.
   */
  geocoder?: GeocoderConfig;
  /**
   * The service's public address (PUBLIC_URL), absolute, ending in `/`: the GTFS-Flex feed's
   * agency, publisher and booking URL. Never taken from a request's `Host` header, which any
   * client sets. Default `http://localhost:<PORT>/`.
   */
  publicUrl?: string;
  /** A phone number riders may book by (BOOKING_PHONE), shown in the GTFS-Flex feed. Default: none. */
  bookingPhone?: string;
  /**
   * METRICS_TOKEN: the bearer token a Prometheus scraper sends to `GET /metrics` (at least 16
   * characters). Default: none, and `/metrics` answers 404.
   */
  metricsToken?: string;
  /** Single sign-on with the cooperative's OpenID Connect provider (OIDC_*). Default: off. */
  oidc?: OidcConfig;
  /**
   * This node's name among several behind one proxy (API_NODE_ID: 1–16 of a–z, 0–9): every
   * engine.io session id it issues starts with it and a dot, which nginx routes by (infra/scale,
   * ADR 0032), and every HTTP answer says it in `X-Navette-Node`. Default: none (one node).
   */
  nodeId?: string;
  /**
   * Which proxies' `X-Forwarded-For` names the client (TRUST_PROXY, Express's `trust proxy`: e.g.
   * `loopback`, `10.0.0.0/8`, a hop count): per-address limits then count the client, not the
   * proxy. Default: none trusted (the connection's address counts).
   */
  trustProxy?: string;
  /**
   * Mail for password resets a member asks for themselves (ADR 0021): `SMTP_URL` (smtp: or smtps:,
   * credentials in the URL) and `MAIL_FROM` (default `Navette <no-reply@localhost>`); the links in
   * the mails point at `publicUrl`. Unset: no mail is sent, and a coordinator issues reset links.
   */
  smtp?: { url: string; from: string };
}

/** Where the geocoder answers, which API it speaks, and how long a search waits for it. */
export interface GeocoderConfig {
  url: string;
  kind: 'photon' | 'nominatim';
  /** Longest wait for one answer, in milliseconds; a slower geocoder is left out, never fatal. */
  timeoutMs: number;
}

/**
 * OpenID Connect login (authorization code flow with PKCE, `/api/auth/oidc/login`). A member is
 * found by the provider's verified email; none is created unless `createMembers`.
 */
export interface OidcConfig {
  /** OIDC_ISSUER: the provider's issuer URL (https; http only on a loopback address, for tests). */
  issuer: string;
  /** OIDC_CLIENT_ID and OIDC_CLIENT_SECRET (none: a public client, PKCE only). */
  clientId: string;
  clientSecret?: string;
  /** OIDC_REDIRECT_URI: this API's callback as the provider knows it, `https://…/api/auth/oidc/callback`. */
  redirectUri: string;
  /** OIDC_CREATE_MEMBERS=rider: an unknown verified email becomes a new rider. Default: refused (403). */
  createMembers: boolean;
}

function oidcOf(env: NodeJS.ProcessEnv): OidcConfig | undefined {
  if (!env.OIDC_ISSUER) return undefined;
  const issuer = url(env, 'OIDC_ISSUER', ['https:', 'http:']);
  const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(new URL(issuer).hostname);
  if (new URL(issuer).protocol === 'http:' && !loopback)
    throw new ConfigError('OIDC_ISSUER must use https: (http: only on a loopback address)');
  if (!env.OIDC_CLIENT_ID) throw new ConfigError('OIDC_CLIENT_ID is required with OIDC_ISSUER');
  if (env.OIDC_CREATE_MEMBERS && env.OIDC_CREATE_MEMBERS !== 'rider')
    throw new ConfigError('OIDC_CREATE_MEMBERS may only be "rider" (or unset)');
  return {
    issuer,
    clientId: env.OIDC_CLIENT_ID,
    ...(env.OIDC_CLIENT_SECRET ? { clientSecret: env.OIDC_CLIENT_SECRET } : {}),
    redirectUri: url(env, 'OIDC_REDIRECT_URI', ['https:', 'http:']),
    createMembers: env.OIDC_CREATE_MEMBERS === 'rider',
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

function geocoder(env: NodeJS.ProcessEnv): GeocoderConfig | undefined {
  if (!env.GEOCODER_URL) return undefined;
  const kind = env.GEOCODER_KIND || 'photon';
  if (kind !== 'photon' && kind !== 'nominatim')
    throw new ConfigError(`GEOCODER_KIND must be photon or nominatim, got "${kind}"`);
  return {
    url: url(env, 'GEOCODER_URL', ['http:', 'https:']),
    kind,
    timeoutMs: integer(env, 'GEOCODER_TIMEOUT_MS', 1500),
  };
}

function publicUrl(env: NodeJS.ProcessEnv, port: number): string {
  const raw = env.PUBLIC_URL || `http://localhost:${port}/`;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError(`PUBLIC_URL is not a URL: "${raw}"`);
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')
    throw new ConfigError('PUBLIC_URL must use https: or http:');
  return parsed.href.endsWith('/') ? parsed.href : `${parsed.href}/`;
}

function nodeId(raw: string): string {
  if (!/^[a-z0-9]{1,16}$/.test(raw))
    throw new ConfigError(`API_NODE_ID must be 1 to 16 of a-z and 0-9, got "${raw}"`);
  return raw;
}

/**
 * The public address links and feeds are built on: `publicUrl` (PUBLIC_URL), or this node on
 * localhost for a configuration written by hand without one. Ends in `/`; resolve paths relative to it.
 */
export function publicUrlOf(config: Pick<AppConfig, 'publicUrl' | 'port'>): string {
  return config.publicUrl ?? `http://localhost:${config.port}/`;
}

/**
 * DATABASE_URL alone, validated: what `npm run migrate`'s CLI (`api/src/cli/migrate.ts`) needs. A
 * migration job has no Redis and no JWT secret (compose's `migrate` service sets neither).
 */
export function loadDatabaseUrl(env: NodeJS.ProcessEnv = process.env): string {
  return url(env, 'DATABASE_URL', ['postgres:', 'postgresql:']);
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
  const metricsToken = env.METRICS_TOKEN || undefined;
  const oidc = oidcOf(env);
  if (metricsToken && metricsToken.length < 16)
    throw new ConfigError('METRICS_TOKEN must be at least 16 characters');
  return {
    ...(metricsToken ? { metricsToken } : {}),
    ...(oidc ? { oidc } : {}),
    databaseUrl: loadDatabaseUrl(env),
    redisUrl: url(env, 'REDIS_URL', ['redis:', 'rediss:']),
    port: integer(env, 'PORT', 3000),
    jwtSecret,
    tokenTtlSeconds: integer(env, 'TOKEN_TTL_SECONDS', 12 * 3600),
    mapStyleUrl,
    mapOrigins: origins(env, mapStyleUrl),
    mapStyleDarkUrl: env.MAP_STYLE_DARK_URL || env.MAP_STYLE_URL || '/map-style-dark.json',
    ...(env.MAP_TILES ? { mapTiles: env.MAP_TILES } : {}),
    queuePrefix: env.QUEUE_PREFIX || 'navette',
    bodyLimitBytes: integer(env, 'BODY_LIMIT_BYTES', 16 * 1024),
    batchWindowMs: integer(env, 'BATCH_WINDOW_MS', 2000),
    batchWindowMinMs: integer(env, 'BATCH_WINDOW_MIN_MS', 50),
    batchWindowFullAtPerSecond: integer(env, 'BATCH_WINDOW_FULL_AT', 20),
    presenceHeartbeatMs: integer(env, 'PRESENCE_HEARTBEAT_MS', 15_000),
    waitingSpotPushMs: integer(env, 'WAITING_SPOT_PUSH_MS', 60_000),
    socketRecheckMs: integer(env, 'SOCKET_RECHECK_MS', 5000),
    geocoder: geocoder(env),
    publicUrl: publicUrl(env, integer(env, 'PORT', 3000)),
    ...(env.BOOKING_PHONE ? { bookingPhone: env.BOOKING_PHONE } : {}),
    ...(env.API_NODE_ID ? { nodeId: nodeId(env.API_NODE_ID) } : {}),
    ...(env.TRUST_PROXY ? { trustProxy: env.TRUST_PROXY } : {}),
    ...(env.SMTP_URL
      ? {
          smtp: {
            url: url(env, 'SMTP_URL', ['smtp:', 'smtps:']),
            from: env.MAIL_FROM || 'Navette <no-reply@localhost>',
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
