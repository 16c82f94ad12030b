import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Ack, LngLat, LoginResponse, OfferView } from '@navette/contracts';
import { io, type Socket } from 'socket.io-client';
import { DEFAULT_TAKEOVER, type TakeoverOptions } from '../../dispatcher/src/batch/takeover.js';
import { startDispatcher, type Dispatcher } from '../../dispatcher/src/dispatcher.js';
import { createDispatcherLogger } from '../../dispatcher/src/observability/dispatcher-logger.js';
import { seedDemo } from '../../infra/seeds/demo-seed.js';
import { createApp } from '../src/app.factory.js';
import type { AppConfig, OidcConfig } from '../src/config/app-config.js';
import { TEST_JWT_SECRET } from '../src/config/repository-secrets.js';
import { Fixtures as FixturesClass, type Fixtures } from './fixtures.js';
import { createTestDatabase, redisUrl, uniquePrefix, type TestDatabase } from './test-database.js';

export interface Stack {
  baseUrl: string;
  databaseUrl: string;
  queuePrefix: string;
  app: NestExpressApplication;
  dispatcher: Dispatcher | undefined;
  /** Stops the dispatcher (as a crash would not: cleanly) — tests of recovery start a new one. */
  stopDispatcher(): Promise<void>;
  startDispatcher(): Promise<void>;
  stop(): Promise<void>;
}

export interface StackOptions {
  /** Start the matching worker in this process. Default true. */
  dispatcher?: boolean;
  /** Load the demo territory (Helsinki) and its members. Default false: tests build their own fixtures. */
  demo?: boolean;
  /** Batching window of new requests (ADR 0029). Default: fixed at 100 ms (fast tests). */
  batchWindow?: { maxMs: number; minMs: number; fullAtPerSecond?: number };
  /** Pause before asking again when no driver is free, ms. Default 300 (fast tests). */
  retryNoDriverMs?: number;
  sweepEveryMs?: number;
  /** Period of the rota's sweep (reminders, no-shows, day-ahead check), ms. Default 60000. */
  rotaSweepEveryMs?: number;
  /** Takeovers by a driver who can come sooner (ADR 0041): the dispatcher's default, or `false` for none. */
  takeover?: TakeoverOptions | false;
  rateLimits?: Partial<AppConfig['rateLimits']>;
  /** Redis for the API and the dispatcher (e.g. through a TcpProxy). Default REDIS_URL. */
  redisUrl?: string;
  /** Period of the driver presence heartbeat, ms. Default 1000 (fast tests). */
  presenceHeartbeatMs?: number;
  /** Period of the waiting spots' push (ADR 0034), ms. Default 60000, as in production. */
  waitingSpotPushMs?: number;
  /** A geocoder for addresses and streets (e.g. a fake one on 127.0.0.1). Default none. */
  geocoder?: AppConfig['geocoder'];
  /** PMTiles archive served at /map/tiles.pmtiles (MAP_TILES). Default: the demo the build wrote. */
  mapTiles?: string;
  /** Serve `/metrics` for `METRICS_TEST_TOKEN`, and the dispatcher's on a free port. Default false. */
  metrics?: boolean;
  /** Single sign-on with this provider; its `redirectUri` is filled in once the API listens. */
  oidc?: Omit<OidcConfig, 'redirectUri'>;
  /** Mail for self-service password resets. Default: none. */
  smtp?: AppConfig['smtp'];
}

/** The public address the test API is configured with (the GTFS-Flex feed's agency URL). */
export const STACK_PUBLIC_URL = 'https://navette.test/';

/** The METRICS_TOKEN of a stack started with `metrics: true`. */
export const METRICS_TEST_TOKEN = 'metrics-test-token-not-a-secret';

/**
 * Boots the real API on a free port, on a fresh migrated database and a unique queue prefix in the
 * real Redis, with the real dispatcher worker. Nothing is mocked.
 */
export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const database: TestDatabase = await createTestDatabase();
  if (options.demo) {
    await seedDemo(database.url);
  }
  const queuePrefix = uniquePrefix('navette-test');
  const config: AppConfig = {
    databaseUrl: database.url,
    redisUrl: options.redisUrl ?? redisUrl,
    port: 0,
    jwtSecret: TEST_JWT_SECRET,
    tokenTtlSeconds: 3600,
    mapStyleUrl: '/map-style.json',
    mapOrigins: [],
    mapStyleDarkUrl: '/map-style-dark.json',
    ...(options.mapTiles ? { mapTiles: options.mapTiles } : {}),
    queuePrefix,
    publicUrl: STACK_PUBLIC_URL,
    bodyLimitBytes: 16 * 1024,
    batchWindowMs: options.batchWindow?.maxMs ?? 100,
    ...(options.batchWindow
      ? {
          batchWindowMinMs: options.batchWindow.minMs,
          batchWindowFullAtPerSecond: options.batchWindow.fullAtPerSecond ?? 20,
        }
      : {}),
    presenceHeartbeatMs: options.presenceHeartbeatMs ?? 1000,
    waitingSpotPushMs: options.waitingSpotPushMs ?? 60_000,
    geocoder: options.geocoder,
    ...(options.metrics ? { metricsToken: METRICS_TEST_TOKEN } : {}),
    ...(options.smtp ? { smtp: options.smtp } : {}),
    rateLimits: {
      loginPerMinute: 10,
      loginFailuresPerAddressPerMinute: 30,
      rideRequestsPerMinute: 20,
      positionsPerMinute: 120,
      memberDataPerMinute: 5,
      socketCommandsPerMinute: 120,
      memberCommandsPerMinute: 240,
      ...options.rateLimits,
    },
  };
  const app = await createApp(config, ['error']);
  await app.listen(0, '127.0.0.1');
  const baseUrl = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  // The port is known only now; the API reads its configuration object on each sign-in.
  if (options.oidc) config.oidc = { ...options.oidc, redirectUri: `${baseUrl}/api/auth/oidc/callback` };
  // Errors only: a test's output shows its failures, not every dispatcher's start.
  const dispatcherLog = createDispatcherLogger(undefined, 'error');
  const dispatcherConfig = {
    databaseUrl: database.url,
    redisUrl: options.redisUrl ?? redisUrl,
    queuePrefix,
    concurrency: 4,
    sweepEveryMs: options.sweepEveryMs ?? 1000,
    rotaSweepEveryMs: options.rotaSweepEveryMs ?? 60_000,
    retryNoDriverMs: options.retryNoDriverMs ?? 300,
    travel: { speedMetersPerSecond: 8.33, circuity: 1.3 },
    fairness: true,
    takeover: options.takeover === false ? undefined : (options.takeover ?? DEFAULT_TAKEOVER),
    trustRefreshMs: 200,
    ...(options.metrics ? { metricsPort: 0 } : {}),
  };
  const stack: Stack = {
    baseUrl,
    databaseUrl: database.url,
    queuePrefix,
    app,
    dispatcher:
      options.dispatcher === false ? undefined : await startDispatcher(dispatcherConfig, dispatcherLog),
    async stopDispatcher() {
      await stack.dispatcher?.close();
      stack.dispatcher = undefined;
    },
    async startDispatcher() {
      stack.dispatcher ??= await startDispatcher(dispatcherConfig, dispatcherLog);
    },
    async stop() {
      await stack.stopDispatcher();
      await app.close();
      await database.drop();
    },
  };
  return stack;
}

/** Logs in over HTTP; returns the token and the member. */
export async function login(baseUrl: string, email: string, password: string): Promise<LoginResponse> {
  const response = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (response.status !== 200) throw new Error(`login ${email}: ${response.status} ${await response.text()}`);
  return (await response.json()) as LoginResponse;
}

/** A small JSON client bound to one token. */
export function client(baseUrl: string, token?: string) {
  const call = async <T = unknown>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) => {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
  };
  return {
    request: <T = unknown>(method: string, path: string, body?: unknown) => call<T>(method, path, body),
    get: <T = unknown>(path: string) => call<T>('GET', path),
    post: <T = unknown>(path: string, body?: unknown, headers?: Record<string, string>) =>
      call<T>('POST', path, body, headers),
  };
}

/**
 * A connected socket.io client; rejects when the handshake is refused. With `asDriverOnShift`, it
 * resolves once the server told the driver their availability (`driver:resumed` or
 * `driver:paused`), i.e. once the connection counts for dispatch.
 */
export function connectSocket(
  baseUrl: string,
  token: string | undefined,
  options: { asDriverOnShift?: boolean } = {},
): Promise<Socket> {
  const socket = io(baseUrl, {
    auth: token ? { token } : {},
    transports: ['websocket'],
    reconnection: false,
  });
  const told = options.asDriverOnShift ? availabilityTold(socket) : Promise.resolve();
  told.catch(() => undefined); // reported on connect; a refused handshake reports its own error
  return new Promise((resolve, reject) => {
    socket.once('connect', () =>
      told.then(
        () => resolve(socket),
        (error: unknown) => {
          socket.close();
          reject(error instanceof Error ? error : new Error(String(error)));
        },
      ),
    );
    socket.once('connect_error', (error) => {
      socket.close();
      reject(error);
    });
  });
}

/** Resolves at the first `driver:resumed` or `driver:paused`. */
function availabilityTold(socket: Socket, timeoutMs = 10_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = () => {
      clearTimeout(timer);
      socket.off('driver:resumed', done);
      socket.off('driver:paused', done);
      resolve();
    };
    const timer = setTimeout(() => {
      socket.off('driver:resumed', done);
      socket.off('driver:paused', done);
      reject(new Error(`no driver:resumed or driver:paused within ${timeoutMs} ms`));
    }, timeoutMs);
    socket.on('driver:resumed', done);
    socket.on('driver:paused', done);
  });
}

/** Sends `event` and waits for its acknowledgement: 10 s at most, so a missing ack fails the test, not hangs it. */
export function emit<T>(socket: Socket, event: string, payload: unknown): Promise<Ack<T>> {
  return socket.timeout(10_000).emitWithAck(event, payload) as Promise<Ack<T>>;
}

/** Resolves with the next `event` whose payload matches, or rejects after `timeoutMs`. */
export function nextEvent<T>(
  socket: Socket,
  event: string,
  matches: (payload: T) => boolean = () => true,
  timeoutMs = 10_000,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off(event, listener);
      reject(new Error(`no ${event} within ${timeoutMs} ms`));
    }, timeoutMs);
    const listener = (payload: T) => {
      if (!matches(payload)) return;
      clearTimeout(timer);
      socket.off(event, listener);
      resolve(payload);
    };
    socket.on(event, listener);
  });
}

/** Polls until `check` returns a value (not undefined), or fails after `timeoutMs`. */
export async function eventually<T>(check: () => Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * A new driver, logged in, on shift at `at`, with a connected socket (the caller closes it) that
 * already counts as a live connection for dispatch.
 */
export async function aDriverOnShift(stack: Stack, fixtures: Fixtures, at: LngLat) {
  const driver = await fixtures.aDriver();
  const { token } = await login(stack.baseUrl, driver.email, driver.password);
  const http = client(stack.baseUrl, token);
  const shift = await http.post('/api/shifts/start', { position: at });
  if (shift.status !== 200)
    throw new Error(`shift start answered ${shift.status}: ${JSON.stringify(shift.body)}`);
  const socket = await connectSocket(stack.baseUrl, token, { asDriverOnShift: true });
  return { ...driver, token, http, socket };
}

/**
 * A driver who accepts every offer, and with `complete` picks the rider up and drops them off at
 * once. Await `idle()` before closing the socket: answers in flight are waited for, and one cut
 * off by the close is no failure (the tests check the database, not the answers).
 */
export function acceptEveryOffer(socket: Socket, options: { complete?: boolean } = {}) {
  const answers: Promise<unknown>[] = [];
  socket.on('offer:received', (offer: OfferView) => {
    let answer: Promise<unknown> = socket.emitWithAck('offer:accept', { offerId: offer.id });
    if (options.complete) {
      answer = answer
        .then(() => socket.emitWithAck('trip:mark', { rideId: offer.rideId, event: 'picked_up' }))
        .then(() => socket.emitWithAck('trip:mark', { rideId: offer.rideId, event: 'dropped_off' }));
    }
    answers.push(answer.catch(() => undefined));
  });
  return { idle: async () => void (await Promise.all(answers)) };
}

export type { Socket };

/** What `useStack` gives a describe block's tests. */
export interface StackInUse {
  stack: Stack;
  fixtures: Fixtures;
  /** A driver on shift at `at`, their socket closed after the block. */
  driverOnShift(at: LngLat): ReturnType<typeof aDriverOnShift>;
  /** A rider signed in, with an HTTP client and a socket closed after the block. */
  riderOnline(): Promise<
    Awaited<ReturnType<Fixtures['aMember']>> & { http: ReturnType<typeof client>; socket: Socket }
  >;
}

/**
 * The stack for one describe block: started before its tests, stopped after them with its fixtures'
 * connection and every socket the helpers opened. Call the returned function inside a test.
 */
export function useStack(options: StackOptions = {}): () => StackInUse {
  let inUse: StackInUse | undefined;
  const sockets: Socket[] = [];
  beforeAll(async () => {
    const stack = await startStack(options);
    const fixtures = FixturesClass.open(stack.databaseUrl);
    inUse = {
      stack,
      fixtures,
      async driverOnShift(at) {
        const driver = await aDriverOnShift(stack, fixtures, at);
        sockets.push(driver.socket);
        return driver;
      },
      async riderOnline() {
        const member = await fixtures.aMember('rider');
        const { token } = await login(stack.baseUrl, member.email, member.password);
        const socket = await connectSocket(stack.baseUrl, token);
        sockets.push(socket);
        return { ...member, http: client(stack.baseUrl, token), socket };
      },
    };
  });
  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await inUse?.fixtures.close();
    await inUse?.stack.stop();
  });
  return () => {
    if (!inUse) throw new Error('the stack did not start');
    return inUse;
  };
}
