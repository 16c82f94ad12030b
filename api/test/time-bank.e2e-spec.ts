import type { ErrorBody, MyTimeBank, TerritoryTimeBank } from '@navette/contracts';
import { Fixtures } from './fixtures.js';
import { client, login, startStack, type Stack } from './stack.js';
import { RideFixtures } from './territory-fixtures.js';

type Http = ReturnType<typeof client>;

const at = (time: string) => new Date(`2025-03-01T${time}:00Z`);

describe('time bank: hours given and received', () => {
  let stack: Stack;
  let fixtures: Fixtures;
  let townId: string;
  let otherId: string;
  let rider: { id: string; http: Http };
  let secondRider: { id: string; http: Http };
  let driver: { id: string; http: Http };
  let coordinator: Http;
  let otherCoordinator: Http;
  let idleCoordinator: Http;
  let admin: Http;

  const as = async (member: { email: string; password: string }) =>
    client(stack.baseUrl, (await login(stack.baseUrl, member.email, member.password)).token);

  beforeAll(async () => {
    stack = await startStack({ dispatcher: false });
    fixtures = Fixtures.open(stack.databaseUrl);
    const rides = new RideFixtures(fixtures.db);
    const regionId = await fixtures.aTerritory({ level: 'region', half: 0.3 });
    townId = await fixtures.aTerritory({ level: 'town', half: 0.05, parentId: regionId });
    const neighbourhoodId = await fixtures.aTerritory({
      level: 'neighbourhood',
      half: 0.01,
      parentId: townId,
    });
    otherId = await fixtures.aTerritory({ centre: [2.35, 48.85], half: 0.1 });
    const r1 = await fixtures.aMember('rider', { name: 'Aino' });
    const r2 = await fixtures.aMember('rider', { name: 'Bertil' });
    const d = await fixtures.aDriver({ name: 'Cecilia' });
    rider = { id: r1.id, http: await as(r1) };
    secondRider = { id: r2.id, http: await as(r2) };
    driver = { id: d.id, http: await as(d) };
    coordinator = await as(await fixtures.aMember('coordinator', { coordinates: [townId] }));
    otherCoordinator = await as(await fixtures.aMember('coordinator', { coordinates: [otherId] }));
    idleCoordinator = await as(await fixtures.aMember('coordinator'));
    admin = await as(await fixtures.aMember('admin'));

    // A pooled route: Aino aboard 10:00–10:30, Bertil 10:15–10:45; the driver gave 45 minutes, not 60.
    await rides.aCompletedTrip(d, neighbourhoodId, [
      { riderId: r1.id, pickedUpAt: at('10:00'), completedAt: at('10:30') },
      { riderId: r2.id, pickedUpAt: at('10:15'), completedAt: at('10:45') },
    ]);
    // A task for Aino later that day, 30 minutes.
    await rides.aCompletedTrip(d, townId, [
      { riderId: r1.id, kind: 'task', pickedUpAt: at('14:00'), completedAt: at('14:30') },
    ]);
    // Elsewhere: Bertil rides 60 minutes in Paris with the same driver.
    await rides.aCompletedTrip(d, otherId, [
      { riderId: r2.id, at: [2.35, 48.85], pickedUpAt: at('18:00'), completedAt: at('19:00') },
    ]);
    // Not finished: counts nowhere.
    await rides.anAssignedRide(d, townId, { riderId: r1.id });
    await rides.anOpenRide(townId, { riderId: r2.id });
  });

  afterAll(async () => {
    await fixtures.close();
    await stack.stop();
  });

  describe('GET /api/me/time-bank', () => {
    it('a rider sees the hours they received', async () => {
      const response = await rider.http.get<MyTimeBank>('/api/me/time-bank');
      expect(response.status).toBe(200);
      expect(response.body).toEqual({
        memberId: rider.id,
        from: null,
        to: expect.any(String) as string,
        hoursGiven: 0,
        tripsGiven: 0,
        hoursReceived: 1,
        ridesReceived: 2,
      });
    });

    it('a driver sees hours given, pooled riders counted once', async () => {
      const response = await driver.http.get<MyTimeBank>('/api/me/time-bank');
      expect(response.body).toMatchObject({
        hoursGiven: 2.25,
        tripsGiven: 3,
        hoursReceived: 0,
        ridesReceived: 0,
      });
    });

    it('counts only rides completed within ?from&to, and says which period', async () => {
      const afternoon = await rider.http.get<MyTimeBank>('/api/me/time-bank?from=2025-03-01T12:00:00Z');
      expect(afternoon.body).toMatchObject({
        from: '2025-03-01T12:00:00.000Z',
        hoursReceived: 0.5,
        ridesReceived: 1,
      });
      const morning = await driver.http.get<MyTimeBank>(
        '/api/me/time-bank?from=2025-03-01T00:00:00Z&to=2025-03-01T12:00:00Z',
      );
      expect(morning.body).toMatchObject({ to: '2025-03-01T12:00:00.000Z', hoursGiven: 0.75, tripsGiven: 1 });
    });

    it.each([
      ['from=1 March', 'from'],
      ['to=never', 'to'],
      ['from=2025-03-02T00:00:00Z&to=2025-03-01T00:00:00Z', 'from'],
    ])('refuses the period %s, naming %s', async (query, field) => {
      const response = await rider.http.get<ErrorBody>(`/api/me/time-bank?${query}`);
      expect(response).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED', field } });
    });

    it('someone with no trip sees zeros; anonymous is refused', async () => {
      expect((await idleCoordinator.get<MyTimeBank>('/api/me/time-bank')).body).toMatchObject({
        hoursGiven: 0,
        hoursReceived: 0,
      });
      expect((await client(stack.baseUrl).get('/api/me/time-bank')).status).toBe(401);
    });
  });

  describe('GET /api/territories/:id/time-bank', () => {
    it('its coordinator sees each member over the town and what is nested in it, not Paris', async () => {
      const response = await coordinator.get<TerritoryTimeBank>(`/api/territories/${townId}/time-bank`);
      expect(response.status).toBe(200);
      const byId = Object.fromEntries(response.body.members.map((m) => [m.memberId, m]));
      expect(byId[driver.id]).toMatchObject({ displayName: 'Cecilia', hoursGiven: 1.25, tripsGiven: 2 });
      expect(byId[rider.id]).toMatchObject({ hoursReceived: 1, ridesReceived: 2, hoursGiven: 0 });
      expect(byId[secondRider.id]).toMatchObject({ hoursReceived: 0.5, ridesReceived: 1 });
      expect(response.body.totals).toEqual({
        hoursGiven: 1.25,
        tripsGiven: 2,
        hoursReceived: 1.5,
        ridesReceived: 3,
      });
    });

    it('over a period: the town’s morning is the pooled route only', async () => {
      const response = await coordinator.get<TerritoryTimeBank>(
        `/api/territories/${townId}/time-bank?from=2025-03-01T00:00:00Z&to=2025-03-01T12:00:00Z`,
      );
      expect(response.body).toMatchObject({
        from: '2025-03-01T00:00:00.000Z',
        to: '2025-03-01T12:00:00.000Z',
        totals: { hoursGiven: 0.75, tripsGiven: 1, hoursReceived: 1, ridesReceived: 2 },
      });
      const bad = await coordinator.get<ErrorBody>(`/api/territories/${townId}/time-bank?to=soon`);
      expect(bad).toMatchObject({ status: 400, body: { field: 'to' } });
    });

    it('an admin sees Paris', async () => {
      const response = await admin.get<TerritoryTimeBank>(`/api/territories/${otherId}/time-bank`);
      expect(response.body.members.map((m) => m.memberId).sort()).toEqual([driver.id, secondRider.id].sort());
    });

    it('the coordinator of Paris sees Paris; a territory without trips gives an empty list', async () => {
      const response = await otherCoordinator.get<TerritoryTimeBank>(`/api/territories/${otherId}/time-bank`);
      expect(response.status).toBe(200);
      expect(response.body.members).toHaveLength(2);
      const empty = await admin.get<TerritoryTimeBank>(
        `/api/territories/${await fixtures.aTerritory({ centre: [10, 10] })}/time-bank`,
      );
      expect(empty.body).toMatchObject({ members: [], totals: { hoursGiven: 0, hoursReceived: 0 } });
    });

    it.each([
      ['a coordinator of another territory', () => otherCoordinator, 404],
      ['a coordinator of no territory', () => idleCoordinator, 404],
      ['a rider', () => rider.http, 403],
      ['a driver', () => driver.http, 403],
      ['anyone anonymous', () => client(stack.baseUrl), 401],
    ])('%s reads nothing of the town', async (_who, http, status) => {
      const response = await http().get<ErrorBody>(`/api/territories/${townId}/time-bank`);
      expect(response.status).toBe(status);
      expect(JSON.stringify(response.body)).not.toContain('hoursGiven');
    });
  });
});
