import type { ErrorBody, OfferView, RideExplanations, RideView, VouchesView } from '@navette/contracts';
import { Fixtures } from './fixtures.js';
import {
  aDriverOnShift,
  client,
  eventually,
  login,
  nextEvent,
  startStack,
  type Socket,
  type Stack,
} from './stack.js';

describe('trust between members, through the API and matching', () => {
  let stack: Stack;
  let fixtures: Fixtures;
  let town: string;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    stack = await startStack();
    fixtures = Fixtures.open(stack.databaseUrl);
    town = await fixtures.aTerritory({ centre: [24.95, 60.18], half: 0.1 });
  });

  afterAll(async () => {
    for (const s of sockets) s.close();
    await fixtures.close();
    await stack.stop();
  });

  async function member(role: 'rider' | 'coordinator' = 'rider', coordinates: string[] = []) {
    const m = await fixtures.aMember(role, { coordinates });
    return { ...m, http: client(stack.baseUrl, (await login(stack.baseUrl, m.email, m.password)).token) };
  }

  it('vouches are given, listed, withdrawn — with clear errors', async () => {
    const alice = await member();
    const bob = await member();
    expect((await alice.http.post<ErrorBody>('/api/vouches', { memberId: alice.id })).body).toMatchObject({
      statusCode: 400,
      field: 'memberId',
    });
    expect(
      (await alice.http.post('/api/vouches', { memberId: '00000000-0000-4000-8000-000000000000' })).status,
    ).toBe(404);
    expect((await alice.http.post('/api/vouches', { memberId: 'bob' })).status).toBe(400);
    const given = await alice.http.post<VouchesView>('/api/vouches', { memberId: bob.id });
    expect(given.body.given.map((v) => v.voucheeId)).toEqual([bob.id]);
    expect(
      (await alice.http.post<VouchesView>('/api/vouches', { memberId: bob.id })).body.given,
    ).toHaveLength(1);
    expect((await bob.http.get<VouchesView>('/api/vouches')).body.received.map((v) => v.voucherId)).toEqual([
      alice.id,
    ]);
    expect((await alice.http.request('DELETE', `/api/vouches/${bob.id}`)).status).toBe(200);
    expect((await alice.http.request('DELETE', `/api/vouches/${bob.id}`)).status).toBe(404);
    expect((await bob.http.get<VouchesView>('/api/vouches')).body.received).toEqual([]);
  });

  it('settings are validated and kept', async () => {
    const alice = await member();
    expect(
      (await alice.http.request<ErrorBody>('PATCH', '/api/me/settings', { maxTrustDistance: 9 })).body,
    ).toMatchObject({
      field: 'maxTrustDistance',
    });
    expect(
      (await alice.http.request<ErrorBody>('PATCH', '/api/me/settings', { quietHours: [600, 300] })).body,
    ).toMatchObject({
      field: 'quietHours',
    });
    const saved = await alice.http.request('PATCH', '/api/me/settings', {
      maxTrustDistance: 2,
      quietHours: [0, 360],
    });
    expect(saved.body).toEqual({
      maxTrustDistance: 2,
      weeklyTripLimit: null,
      declaredHoursPerWeek: 0,
      quietHours: [0, 360],
      waitingSpotSuggestions: true,
    });
  });

  it('a ride limited to trust distance 1 goes to the driver the rider vouched for, and coordinators see why', async () => {
    const stranger = await aDriverOnShift(stack, fixtures, [24.9501, 60.1801]);
    const friend = await aDriverOnShift(stack, fixtures, [24.97, 60.19]);
    sockets.push(stranger.socket, friend.socket);
    const rider = await member();
    await rider.http.post('/api/vouches', { memberId: friend.id });
    await new Promise((r) => setTimeout(r, 300)); // the dispatcher re-reads the trust graph every 200 ms in tests
    const offered = nextEvent<OfferView>(friend.socket, 'offer:received');
    const ride = await rider.http.post<RideView>('/api/rides', {
      pickup: { type: 'Point', coordinates: [24.95, 60.18] },
      dropoff: { type: 'Point', coordinates: [24.96, 60.19] },
      maxTrustDistance: 1,
    });
    expect(ride.status).toBe(201);
    expect((await offered).rideId).toBe(ride.body.id);

    const coordinator = await member('coordinator', [town]);
    const why = await coordinator.http.get<RideExplanations>(`/api/rides/${ride.body.id}/explanation`);
    expect(why.body.offers).toHaveLength(1);
    expect(why.body.offers[0]).toMatchObject({ driverId: friend.id, reach: 'local' });
    expect(why.body.offers[0]!.explanation.terms).toContainEqual({ name: 'trust', value: 1, weight: 60 });
    expect((await rider.http.get(`/api/rides/${ride.body.id}/explanation`)).status).toBe(403);
    const outsider = await member('coordinator');
    expect((await outsider.http.get(`/api/rides/${ride.body.id}/explanation`)).status).toBe(404);
  });

  it('a ride no driver may take waits, and coordinators see each driver and the reason', async () => {
    const loner = await member();
    const ride = await loner.http.post<RideView>('/api/rides', {
      pickup: { type: 'Point', coordinates: [24.95, 60.18] },
      dropoff: { type: 'Point', coordinates: [24.96, 60.19] },
      maxTrustDistance: 1, // and nobody vouched for anyone with this rider
    });
    expect(ride.status).toBe(201);
    const coordinator = await member('coordinator', [town]);
    const why = await eventually(async () => {
      const r = await coordinator.http.get<RideExplanations>(`/api/rides/${ride.body.id}/explanation`);
      return r.body.lastUnmatched ?? undefined;
    });
    expect(why.at).toEqual(expect.any(String));
    expect(why.explanation.stage).toBe('unserved');
    expect(why.explanation.others.length).toBeGreaterThan(0);
    for (const other of why.explanation.others) expect(other.reason).toBe('trust-distance');
    const view = await loner.http.get<RideView>(`/api/rides/${ride.body.id}`);
    expect(view.body.status).toBe('requested');
  });

  it('a member a coordinator suspended cannot request rides', async () => {
    const rider = await member();
    await fixtures.db.query(`UPDATE members SET standing = 'suspended' WHERE id = $1`, [rider.id]);
    const refused = await rider.http.post<ErrorBody>('/api/rides', {
      pickup: { type: 'Point', coordinates: [24.95, 60.18] },
      dropoff: { type: 'Point', coordinates: [24.96, 60.19] },
    });
    expect(refused.status).toBe(403);
    expect(refused.body.message).toContain('suspended');
  });
});
