import { JwtService } from '@nestjs/jwt';
import type { Ack, ErrorBody, OfferView, RideView } from '@navette/contracts';
import { randomUUID } from 'node:crypto';
import { TEST_JWT_SECRET } from '../src/config/repository-secrets.js';
import { Fixtures } from './fixtures.js';
import {
  client,
  connectSocket,
  eventually,
  login,
  nextEvent,
  startStack,
  type Socket,
  type Stack,
} from './stack.js';

const pickup = { type: 'Point', coordinates: [24.952, 60.182] };
const dropoff = { type: 'Point', coordinates: [24.93, 60.17] };

describe('nobody reads or changes what is not theirs', () => {
  let stack: Stack;
  let fixtures: Fixtures;
  const sockets: Socket[] = [];
  let town: string;
  let otherTown: string;

  async function member(role: 'rider' | 'coordinator', coordinates: string[] = []) {
    const m = await fixtures.aMember(role, { coordinates });
    const { token } = await login(stack.baseUrl, m.email, m.password);
    return { ...m, token, http: client(stack.baseUrl, token) };
  }

  async function driverOnShift(at: [number, number]) {
    const d = await fixtures.aDriver();
    const { token } = await login(stack.baseUrl, d.email, d.password);
    const http = client(stack.baseUrl, token);
    await http.post('/api/shifts/start', { position: at });
    const socket = await connectSocket(stack.baseUrl, token);
    sockets.push(socket);
    return { ...d, token, http, socket };
  }

  beforeAll(async () => {
    stack = await startStack();
    fixtures = Fixtures.open(stack.databaseUrl);
    town = await fixtures.aTerritory({ centre: [24.95, 60.18], half: 0.1 });
    otherTown = await fixtures.aTerritory({ centre: [22.27, 60.45], half: 0.1 });
  });

  afterAll(async () => {
    for (const s of sockets) s.close();
    await fixtures.close();
    await stack.stop();
  });

  it('a rider cannot read or cancel another rider’s request; its rider, its coordinator and an admin can', async () => {
    const alice = await member('rider');
    const mallory = await member('rider');
    const created = await alice.http.post<RideView>('/api/rides', { pickup, dropoff });
    const id = created.body.id;

    expect((await mallory.http.get<ErrorBody>(`/api/rides/${id}`)).status).toBe(404);
    expect((await mallory.http.post<ErrorBody>(`/api/rides/${id}/cancel`)).status).toBe(404);
    expect((await mallory.http.get<RideView[]>('/api/rides')).body.map((r) => r.id)).not.toContain(id);
    expect((await alice.http.get<RideView>(`/api/rides/${id}`)).status).toBe(200);

    const coordinator = await member('coordinator', [town]);
    const outsider = await member('coordinator', [otherTown]);
    const idle = await member('coordinator');
    expect((await coordinator.http.get(`/api/rides/${id}`)).status).toBe(200);
    expect((await outsider.http.get(`/api/rides/${id}`)).status).toBe(404);
    expect((await idle.http.get(`/api/rides/${id}`)).status).toBe(404);
    const admin = await fixtures.aMember('admin');
    const adminHttp = client(stack.baseUrl, (await login(stack.baseUrl, admin.email, admin.password)).token);
    expect((await adminHttp.get(`/api/rides/${id}`)).status).toBe(200);
    expect((await alice.http.get<RideView>(`/api/rides/${id}`)).body.status).not.toBe('cancelled');
    expect((await alice.http.post<RideView>(`/api/rides/${id}/cancel`)).body.status).toBe('cancelled');
  });

  it('a driver sees and answers only their own offers', async () => {
    const dan = await driverOnShift([24.951, 60.181]);
    const eve = await driverOnShift([24.99, 60.2]);
    const rider = await member('rider');
    const offered = nextEvent<OfferView>(dan.socket, 'offer:received');
    const created = await rider.http.post<RideView>('/api/rides', { pickup, dropoff });
    const offer = await offered;
    expect(offer.rideId).toBe(created.body.id);

    expect((await eve.http.get<OfferView[]>('/api/offers/pending')).body).toEqual([]);
    expect((await dan.http.get<OfferView[]>('/api/offers/pending')).body.map((o) => o.id)).toEqual([
      offer.id,
    ]);
    const stolen = (await eve.socket.emitWithAck('offer:accept', { offerId: offer.id })) as Ack<unknown>;
    expect(stolen).toMatchObject({ error: { code: 'NOT_FOUND' } });
    expect((await eve.http.post(`/api/offers/${offer.id}/accept`)).status).toBe(404);
    expect((await eve.http.get(`/api/rides/${created.body.id}`)).status).toBe(404);
    expect((await eve.http.post(`/api/trips/${created.body.id}/mark`, { event: 'picked_up' })).status).toBe(
      404,
    );
    // The offer is still Dan's to take.
    expect(await dan.socket.emitWithAck('offer:accept', { offerId: offer.id })).toHaveProperty('data');
    expect((await dan.http.get(`/api/rides/${created.body.id}`)).status).toBe(200);
  });

  it('roles are enforced: a rider cannot act as a driver, nor a driver request rides', async () => {
    const rider = await member('rider');
    expect((await rider.http.post('/api/shifts/start', { position: [24.95, 60.18] })).status).toBe(403);
    expect((await rider.http.get('/api/offers/pending')).status).toBe(403);
    const socket = await connectSocket(stack.baseUrl, rider.token);
    sockets.push(socket);
    const ack = (await socket.emitWithAck('position:report', { position: [24.95, 60.18] })) as Ack<unknown>;
    expect(ack).toMatchObject({ error: { code: 'FORBIDDEN' } });
    const driver = await driverOnShift([24.96, 60.19]);
    expect((await driver.http.post('/api/rides', { pickup, dropoff })).status).toBe(403);
  });

  it('the role comes from the database, never the token: a signed token for nobody, or claiming admin, opens no moderation queue', async () => {
    // Whoever holds the signing secret can write any claim; only `sub` (who) and `exp` are believed.
    const jwt = new JwtService({ secret: TEST_JWT_SECRET, signOptions: { expiresIn: 600 } });
    const queue = '/api/moderation/reports';
    const ghost = await jwt.signAsync({ sub: randomUUID(), role: 'admin' });
    expect((await client(stack.baseUrl, ghost).get<ErrorBody>(queue)).body).toMatchObject({
      statusCode: 401,
      message: 'this member no longer exists',
    });
    await expect(connectSocket(stack.baseUrl, ghost)).rejects.toThrow(/no longer exists/);
    const rider = await member('rider');
    const promoted = await jwt.signAsync({ sub: rider.id, role: 'admin' });
    expect((await client(stack.baseUrl, promoted).get(queue)).status).toBe(403);

    // A coordinator demoted (outside the API) loses the queue within seconds, not at token expiry.
    const coordinator = await member('coordinator', [town]);
    expect((await coordinator.http.get(queue)).status).toBe(200);
    await fixtures.db.query(`UPDATE members SET role = 'rider' WHERE id = $1`, [coordinator.id]);
    await eventually(async () => ((await coordinator.http.get(queue)).status === 403 ? true : undefined));
    // A member removed after logging in: their token opens nothing.
    await fixtures.db.query(`DELETE FROM territory_coordinators WHERE member_id = $1`, [coordinator.id]);
    await fixtures.db.query(`DELETE FROM members WHERE id = $1`, [coordinator.id]);
    await eventually(async () => ((await coordinator.http.get('/api/me')).status === 401 ? true : undefined));
  });

  it('no token, a forged token or a wrong password: 401, and the socket handshake is refused', async () => {
    expect((await client(stack.baseUrl).get('/api/rides')).status).toBe(401);
    expect((await client(stack.baseUrl, 'not.a.jwt').get('/api/rides')).status).toBe(401);
    const forged =
      'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIwMDAwMDAwMC0wMDAwLTAwMDAtMDAwMC0wMDAwMDAwMDAwMDAiLCJyb2xlIjoiYWRtaW4ifQ.c2lnbmF0dXJl';
    expect((await client(stack.baseUrl, forged).get('/api/rides')).status).toBe(401);
    const wrong = await client(stack.baseUrl).post<ErrorBody>('/api/auth/login', {
      email: 'nobody@fixture.test',
      password: 'guess',
    });
    expect(wrong.status).toBe(401);
    await expect(connectSocket(stack.baseUrl, undefined)).rejects.toThrow(/token/);
    await expect(connectSocket(stack.baseUrl, forged)).rejects.toThrow(/invalid/);
  });
});
