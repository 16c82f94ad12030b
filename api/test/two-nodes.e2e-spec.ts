import {
  outboundEventsChannel,
  rooms,
  type DriversMoved,
  type LoginResponse,
  type OfferView,
  type OutboundMessage,
  type RideView,
} from '@navette/contracts';
import { Redis } from 'ioredis';
import { io, type Socket } from 'socket.io-client';
import { startCluster, type Cluster } from '../../infra/scale/cluster.js';
import { callApi } from '../../infra/bench/load/http-client.js';
import { FIXTURE_PASSWORD, Fixtures } from './fixtures.js';
import { emit, eventually, nextEvent } from './stack.js';
import { createTestDatabase, redisUrl, uniquePrefix, type TestDatabase } from './test-database.js';

// Two API nodes and two dispatchers, real processes from the build, behind Debian's nginx
// (infra/scale, ADR 0032). A rider held by node a, their driver by node b, a coordinator on
// either: every event published for them on the outbound channel reaches each of their sockets
// exactly once, and a password changed on node a ends the driver's session on node b at once.

const centre: [number, number] = [24.95, 60.18];
const near: [number, number] = [24.951, 60.181];
const pickup = { type: 'Point', coordinates: [24.952, 60.182] };
const dropoff = { type: 'Point', coordinates: [24.93, 60.17] };
/** Emitted by the node holding a driver's socket itself, on its own heartbeat (ADR 0013). */
const LOCAL_EVENTS = new Set(['driver:paused', 'driver:resumed', 'session:ended']);

interface Party {
  name: string;
  memberId: string;
  /** The rooms this party's socket is in (as the gateway joins them). */
  rooms: string[];
  token: string;
  socket: Socket;
  /** Every event this socket received since recording began, in order. */
  received: { event: string; payload: unknown }[];
}

/** A JSON call, and the node that answered it (the header each node adds). */
async function call<T>(base: string, method: 'GET' | 'POST', path: string, token?: string, body?: unknown) {
  const answer = await callApi<T>(base, method, path, token, body);
  return { status: answer.status, node: answer.headers.get('x-navette-node'), body: answer.body as T };
}

/** The node holding this socket's engine.io session: its id starts with the node's name. */
const nodeOf = (socket: Socket) => socket.io.engine.id?.split('.')[0];

/**
 * A socket through nginx held by `node`: connects, and when nginx balanced it to another node,
 * closes it and tries again (each try a new handshake, balanced afresh).
 */
async function connectThroughNginx(
  cluster: Cluster,
  token: string,
  node: string | undefined,
  transports: ('polling' | 'websocket')[],
): Promise<Socket> {
  // nginx's least_conn alternates between idle nodes; a node it marked failed is left out for 2 s.
  for (let attempt = 0; attempt < 40; attempt++) {
    const socket = io(cluster.url, { auth: { token }, transports, reconnection: false });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('connect_error', reject);
    });
    if (!node || nodeOf(socket) === node) return socket;
    socket.close();
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`nginx never balanced a socket to node ${node}`);
}

describe('two API nodes and two dispatchers behind nginx', () => {
  let database: TestDatabase;
  let fixtures: Fixtures;
  let cluster: Cluster;
  let outbound: Redis;
  const published: OutboundMessage[] = [];
  let recording = false;
  const parties: Party[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    fixtures = Fixtures.open(database.url);
    const queuePrefix = uniquePrefix('navette-two-nodes');
    outbound = new Redis(redisUrl);
    outbound.on('message', (_channel: string, raw: string) => {
      if (recording) published.push(JSON.parse(raw) as OutboundMessage);
    });
    await outbound.subscribe(outboundEventsChannel(queuePrefix));
    cluster = await startCluster({
      apiNodes: 2,
      workers: 2,
      databaseUrl: database.url,
      redisUrl,
      queuePrefix,
      env: { BATCH_WINDOW_MS: '100', BATCH_WINDOW_MIN_MS: '50', RETRY_NO_DRIVER_MS: '200' },
      // The periodic recheck of every socket would end the driver's session too, after a while:
      // pushed out of the test's reach, only the message between nodes can end it.
      apiEnv: { PRESENCE_HEARTBEAT_MS: '1000', SOCKET_RECHECK_MS: '600000' },
      workerEnv: { SWEEP_EVERY_MS: '500' },
      // Four Node processes loading at once (the API's modules alone take ~2.5 s of CPU): up to
      // a minute and more when the shared 2-core machine is busy.
      readyTimeoutMs: 150_000,
    });
  }, 180_000);

  afterAll(async () => {
    for (const party of parties) party.socket.close();
    outbound?.disconnect();
    await cluster?.stop();
    await fixtures?.close();
    await database?.drop();
  });

  async function party(
    name: string,
    member: { id: string; email: string; password: string },
    memberRooms: string[],
    connect: (token: string) => Promise<Socket>,
    before?: (token: string) => Promise<unknown>,
  ): Promise<Party> {
    const login = await call<LoginResponse>(cluster.url, 'POST', '/api/auth/login', undefined, {
      email: member.email,
      password: member.password,
    });
    expect(login.status).toBe(200);
    await before?.(login.body.token);
    const socket = await connect(login.body.token);
    const joined: Party = {
      name,
      memberId: member.id,
      rooms: memberRooms,
      token: login.body.token,
      socket,
      received: [],
    };
    socket.onAny((event: string, payload: unknown) => {
      if (recording) joined.received.push({ event, payload });
    });
    parties.push(joined);
    return joined;
  }

  /** How many of each event `party` must have received: one per message published to its rooms. */
  function expectedFor(party: Party): Map<string, number> {
    const counts = new Map<string, number>();
    for (const message of published) {
      const event =
        'rideChanged' in message
          ? message.riderId === party.memberId
            ? 'ride:updated'
            : undefined
          : party.rooms.includes(message.room)
            ? message.event
            : undefined;
      if (event) counts.set(event, (counts.get(event) ?? 0) + 1);
    }
    return counts;
  }

  function receivedBy(party: Party): Map<string, number> {
    const counts = new Map<string, number>();
    for (const { event } of party.received)
      if (!LOCAL_EVENTS.has(event)) counts.set(event, (counts.get(event) ?? 0) + 1);
    return counts;
  }

  it('proxies HTTP to each node, and a rider on node a and a driver on node b get every event once', async () => {
    // nginx balances plain requests over both nodes; each answer names its node.
    const seen = new Set<string | null>();
    for (let i = 0; i < 10 && seen.size < 2; i++) {
      const health = await call(cluster.url, 'GET', '/api/health');
      expect(health.status).toBe(200);
      seen.add(health.node);
    }
    expect([...seen].sort()).toEqual(['a', 'b']);

    const territoryId = await fixtures.aTerritory({ centre, half: 0.1 });
    const riderMember = await fixtures.aMember('rider');
    const driverMember = await fixtures.aDriver();
    const coordinatorMember = await fixtures.aMember('coordinator', { coordinates: [territoryId] });

    // The driver: websocket only (as the driver app's simulator), held by node b, on shift.
    let availabilityTold: Promise<unknown> = Promise.resolve();
    const driver = await party(
      'driver',
      driverMember,
      [rooms.member(driverMember.id), rooms.driver(driverMember.id)],
      async (token) => {
        const socket = await connectThroughNginx(cluster, token, 'b', ['websocket']);
        availabilityTold = nextEvent(socket, 'driver:resumed');
        return socket;
      },
      async (token) =>
        expect((await call(cluster.url, 'POST', '/api/shifts/start', token, { position: near })).status).toBe(
          200,
        ),
    );
    // Its presence row is written once the node told it its availability.
    await availabilityTold;
    // The rider: long-polling first, then the websocket upgrade (as a browser), held by node a.
    const rider = await party('rider', riderMember, [rooms.member(riderMember.id)], (token) =>
      connectThroughNginx(cluster, token, 'a', ['polling', 'websocket']),
    );
    await eventually(() =>
      Promise.resolve(rider.socket.io.engine.transport.name === 'websocket' ? true : undefined),
    );
    expect(nodeOf(rider.socket)).toBe('a');
    const coordinator = await party(
      'coordinator',
      coordinatorMember,
      [rooms.member(coordinatorMember.id), rooms.territory(territoryId)],
      (token) => connectThroughNginx(cluster, token, undefined, ['websocket']),
    );
    expect(nodeOf(driver.socket)).toBe('b');
    // Whatever the connections set off has been delivered before counting starts.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    recording = true;

    // Request → offer → accept → position → pickup → drop-off, the requests through nginx.
    const offered = nextEvent<OfferView>(driver.socket, 'offer:received');
    const created = await call<RideView>(cluster.url, 'POST', '/api/rides', rider.token, {
      pickup,
      dropoff,
      seats: 1,
    });
    expect(created.status).toBe(201);
    const rideId = created.body.id;
    const offer = await offered;
    expect(offer.rideId).toBe(rideId);
    const assigned = nextEvent<RideView>(rider.socket, 'ride:updated', (r) => r.status === 'assigned');
    expect(await emit(driver.socket, 'offer:accept', { offerId: offer.id })).toHaveProperty('data');
    expect((await assigned).driverId).toBe(driverMember.id);
    const riderSeesMove = nextEvent(rider.socket, 'driver:moved');
    const coordinatorSeesMove = nextEvent<DriversMoved>(coordinator.socket, 'drivers:moved', (m) =>
      m.moves.some((move) => move.driverId === driverMember.id),
    );
    expect(await emit(driver.socket, 'position:report', { position: [24.952, 60.1815] })).toHaveProperty(
      'data',
    );
    await Promise.all([riderSeesMove, coordinatorSeesMove]);
    const completed = nextEvent<RideView>(rider.socket, 'ride:updated', (r) => r.status === 'completed');
    expect(await emit(driver.socket, 'trip:mark', { rideId, event: 'picked_up' })).toHaveProperty('data');
    expect(await emit(driver.socket, 'trip:mark', { rideId, event: 'dropped_off' })).toHaveProperty('data');
    await completed;

    // An HTTP request on node a reaching the driver on node b: the rider cancels a ride on offer.
    const offeredAgain = nextEvent<OfferView>(driver.socket, 'offer:received');
    const second = await call<RideView>(cluster.apiNodes[0]!.url, 'POST', '/api/rides', rider.token, {
      pickup,
      dropoff: { type: 'Point', coordinates: [24.94, 60.175] },
      seats: 1,
    });
    expect(second.status).toBe(201);
    const secondOffer = await offeredAgain;
    const withdrawn = nextEvent<{ offerId: string }>(driver.socket, 'offer:expired');
    const cancelled = await call<RideView>(
      cluster.apiNodes[0]!.url,
      'POST',
      `/api/rides/${second.body.id}/cancel`,
      rider.token,
    );
    expect(cancelled.node).toBe('a');
    expect(cancelled.status).toBe(200);
    expect((await withdrawn).offerId).toBe(secondOffer.id);

    // Every published event has reached each of its sockets; then, after a pause, none twice.
    const allDelivered = () =>
      parties.every((p) =>
        [...expectedFor(p)].every(([event, count]) => (receivedBy(p).get(event) ?? 0) >= count),
      );
    await eventually(() => Promise.resolve(allDelivered() || undefined));
    await new Promise((resolve) => setTimeout(resolve, 1000));
    recording = false;
    const counts = Object.fromEntries(
      parties.map((p) => [
        p.name,
        { expected: Object.fromEntries(expectedFor(p)), received: Object.fromEntries(receivedBy(p)) },
      ]),
    );
    for (const p of parties) expect(counts[p.name]!.received).toEqual(counts[p.name]!.expected);
    // The milestones, by type: nothing missing.
    const statuses = rider.received
      .filter((e) => e.event === 'ride:updated')
      .map((e) => `${(e.payload as RideView).id === rideId ? 1 : 2}:${(e.payload as RideView).status}`);
    expect(statuses).toEqual(
      expect.arrayContaining(['1:assigned', '1:picked_up', '1:completed', '2:cancelled']),
    );
    expect(new Set(statuses).size).toBe(statuses.length);
    const offers = driver.received
      .filter((e) => e.event === 'offer:received')
      .map((e) => (e.payload as OfferView).rideId);
    expect(offers).toEqual([rideId, second.body.id]);
    expect(counts.driver!.received['offer:expired']).toBe(1);
    expect(counts.rider!.received['driver:moved']).toBeGreaterThanOrEqual(1);
    expect(counts.coordinator!.received['drivers:moved']).toBeGreaterThanOrEqual(1);
  }, 60_000);

  it('a password changed on node a ends the driver’s socket on node b at once, and node b refuses the old token', async () => {
    const driver = parties.find((p) => p.name === 'driver')!;
    expect(nodeOf(driver.socket)).toBe('b');
    const nodeA = cluster.apiNodes[0]!.url;
    const nodeB = cluster.apiNodes[1]!.url;
    // Node b has the driver's access cached (it would let the old token in for a few seconds).
    expect((await call(nodeB, 'GET', '/api/shifts/current', driver.token)).status).toBe(200);

    const ended: { reason: string }[] = [];
    driver.socket.on('session:ended', (payload: { reason: string }) => ended.push(payload));
    // Not the periodic recheck (SOCKET_RECHECK_MS is 10 minutes here): node a's word through the adapter.
    const disconnected = new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error('the driver’s socket on node b was not ended')),
        10_000,
      );
      driver.socket.once('disconnect', () => resolve(clearTimeout(timer)));
    });
    const changed = await call<LoginResponse>(nodeA, 'POST', '/api/me/password', driver.token, {
      currentPassword: FIXTURE_PASSWORD,
      newPassword: 'a quiet lantern over seven rivers',
    });
    expect(changed.status).toBe(200);
    expect(changed.node).toBe('a');
    await disconnected;
    expect(ended).toEqual([{ reason: 'password-changed' }]);
    expect((await call(nodeB, 'GET', '/api/shifts/current', driver.token)).status).toBe(401);
    expect((await call(nodeB, 'GET', '/api/shifts/current', changed.body.token)).status).toBe(200);
  }, 30_000);
});
