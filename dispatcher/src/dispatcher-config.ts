import { DEFAULT_TAKEOVER, type LateTakeover, type TakeoverOptions } from './batch/takeover.js';

/** The dispatcher's typed configuration, read from the environment once, validated at start. */
export interface DispatcherConfig {
  databaseUrl: string;
  redisUrl: string;
  /** Prefix of BullMQ keys in Redis; must match the API's. Default `navette`. */
  queuePrefix: string;
  /** Jobs processed at once by this worker. Default 8. */
  concurrency: number;
  /** How often the sweeper looks for rides and offers left behind, in milliseconds. Default 5000. */
  sweepEveryMs: number;
  /** How often the rota's sweep runs (reminders, no-shows, the day-ahead check), milliseconds. Default 60000. */
  rotaSweepEveryMs?: number;
  /** Pause before asking again when no driver is free, in milliseconds. Default 3000. */
  retryNoDriverMs: number;
  /**
   * The default travel model: road distance ≈ great-circle × `circuity` (default 1.3), at
   * `speedMetersPerSecond` (default 8.33 = 30 km/h). `osrmUrl` (OSRM_URL): use that OSRM server instead.
   */
  travel: { speedMetersPerSecond: number; circuity: number; osrmUrl?: string };
  /** Fairness priorities in matching (FAIRNESS=off to disable). Default on. */
  fairness: boolean;
  /**
   * A driver who can be at a promised pickup sooner is offered to take it over (ADR 0041):
   * TAKEOVER_LEAD_SECONDS (pickups promised further ahead, default 300) and TAKEOVER_GAIN_SECONDS
   * (at least this much sooner, default 300); TAKEOVER=off to disable.
   */
  takeover: TakeoverOptions | undefined;
  /** How often the trust graph is re-read from vouches, milliseconds. Default 30000. */
  trustRefreshMs: number;
  /**
   * DISPATCHER_HEARTBEAT_FILE: a file the running dispatcher touches every 5 s, for a container
   * health check (infra/compose.yaml). Default: none.
   */
  heartbeatFile?: string;
  /**
   * DISPATCHER_METRICS_PORT: serve Prometheus metrics on `http://<every interface>:<port>/metrics`
   * (0: a free port). Default: not served.
   */
  metricsPort?: number;
}

export class DispatcherConfigError extends Error {}

function positive(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0)
    throw new DispatcherConfigError(`${name} must be a positive integer`);
  return value;
}

/** A late pickup's takeover rule (ADR 0041): both variables, or neither (the default's). */
function lateTakeover(env: NodeJS.ProcessEnv): LateTakeover | undefined {
  const given = ['TAKEOVER_LATE_AFTER_SECONDS', 'TAKEOVER_LATE_GAIN_SECONDS'].filter(
    (name) => env[name] !== undefined && env[name] !== '',
  );
  if (given.length === 0) return DEFAULT_TAKEOVER.late;
  if (given.length === 1)
    throw new DispatcherConfigError(
      'TAKEOVER_LATE_AFTER_SECONDS and TAKEOVER_LATE_GAIN_SECONDS are set together or not at all',
    );
  return {
    afterSeconds: positive(env, 'TAKEOVER_LATE_AFTER_SECONDS', 0),
    gainSeconds: positive(env, 'TAKEOVER_LATE_GAIN_SECONDS', 0),
  };
}

function positiveNumber(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0)
    throw new DispatcherConfigError(`${name} must be a positive number`);
  return value;
}

function port(raw: string): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > 65535)
    throw new DispatcherConfigError('DISPATCHER_METRICS_PORT must be a port number (0 to 65535)');
  return value;
}

export function loadDispatcherConfig(env: NodeJS.ProcessEnv = process.env): DispatcherConfig {
  const databaseUrl = env.DATABASE_URL;
  const redisUrl = env.REDIS_URL;
  if (!databaseUrl) throw new DispatcherConfigError('DATABASE_URL is required');
  if (!redisUrl) throw new DispatcherConfigError('REDIS_URL is required');
  return {
    databaseUrl,
    redisUrl,
    queuePrefix: env.QUEUE_PREFIX || 'navette',
    concurrency: positive(env, 'DISPATCHER_CONCURRENCY', 8),
    sweepEveryMs: positive(env, 'SWEEP_EVERY_MS', 5000),
    rotaSweepEveryMs: positive(env, 'ROTA_SWEEP_EVERY_MS', 60_000),
    retryNoDriverMs: positive(env, 'RETRY_NO_DRIVER_MS', 3000),
    travel: {
      speedMetersPerSecond: positiveNumber(env, 'TRAVEL_SPEED_MPS', 8.33),
      circuity: positiveNumber(env, 'TRAVEL_CIRCUITY', 1.3),
      ...(env.OSRM_URL ? { osrmUrl: env.OSRM_URL } : {}),
    },
    fairness: env.FAIRNESS !== 'off',
    takeover:
      env.TAKEOVER === 'off'
        ? undefined
        : {
            leadSeconds: positive(env, 'TAKEOVER_LEAD_SECONDS', DEFAULT_TAKEOVER.leadSeconds),
            minGainSeconds: positive(env, 'TAKEOVER_GAIN_SECONDS', DEFAULT_TAKEOVER.minGainSeconds),
            late: lateTakeover(env),
          },
    trustRefreshMs: positive(env, 'TRUST_REFRESH_MS', 30_000),
    ...(env.DISPATCHER_HEARTBEAT_FILE ? { heartbeatFile: env.DISPATCHER_HEARTBEAT_FILE } : {}),
    ...(env.DISPATCHER_METRICS_PORT ? { metricsPort: port(env.DISPATCHER_METRICS_PORT) } : {}),
  };
}
