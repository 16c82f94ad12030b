import type { MyRotaPlanView, RotaFlagged, RotaView, RotaWeekView } from '@navette/contracts';
import { Fixtures } from './fixtures.js';
import { bookRides, daysAhead, rotaDrivers } from './rota-fixtures.js';
import { client, connectSocket, eventually, login, nextEvent, startStack, type Stack } from './stack.js';

describe('the rota: tomorrow’s booked rides planned at once', () => {
  let stack: Stack;
  let fixtures: Fixtures;
  let town: string;

  beforeAll(async () => {
    // The dispatcher plans the day (`plan-day` jobs); the API only asks and answers.
    stack = await startStack({ rotaSweepEveryMs: 300 });
    fixtures = Fixtures.open(stack.databaseUrl);
    town = await fixtures.aTerritory({ centre: [24.95, 60.18], half: 0.05 });
  });

  afterAll(async () => {
    await fixtures.close();
    await stack.stop();
  });

  it('plans every booked ride on the territory’s drivers, pickups in their windows, before their drop-offs', async () => {
    const date = daysAhead(2);
    await rotaDrivers(fixtures, town, date, 2);
    const booked = await bookRides(fixtures, town, date, 8);
    const cora = await fixtures.aMember('coordinator', { coordinates: [town] });
    const http = client(stack.baseUrl, (await login(stack.baseUrl, cora.email, cora.password)).token);
    const { status, body } = await http.get<RotaView>(`/api/territories/${town}/rota?date=${date}`);
    expect(status).toBe(200);
    expect(body.feasible).toBe(true);
    expect(body.unassigned).toEqual([]);
    const planned = body.routes.flatMap((r) =>
      r.stops.map((s, index) => ({ ...s, index, driver: r.driverId })),
    );
    for (const ride of booked) {
      const pickup = planned.find((s) => s.rideId === ride.id && s.type === 'pickup')!;
      const dropoff = planned.find((s) => s.rideId === ride.id && s.type === 'dropoff')!;
      expect(pickup.driver).toBe(dropoff.driver);
      expect(pickup.index).toBeLessThan(dropoff.index);
      const start = Date.parse(pickup.at);
      expect(start).toBeGreaterThanOrEqual(ride.at);
      expect(start).toBeLessThanOrEqual(ride.at + 900_000);
    }
    expect(body.travelSeconds).toBeGreaterThan(0);
  });

  it('is for the territory’s coordinators only, and checks the date', async () => {
    const outsider = await fixtures.aMember('coordinator');
    const rider = await fixtures.aMember('rider');
    const cora = await fixtures.aMember('coordinator', { coordinates: [town] });
    const as = async (m: { email: string; password: string }) =>
      client(stack.baseUrl, (await login(stack.baseUrl, m.email, m.password)).token);
    expect((await (await as(outsider)).get(`/api/territories/${town}/rota`)).status).toBe(404);
    expect((await (await as(rider)).get(`/api/territories/${town}/rota`)).status).toBe(403);
    expect((await (await as(cora)).get(`/api/territories/${town}/rota?date=tomorrow`)).body).toMatchObject({
      field: 'date',
    });
    expect((await (await as(cora)).get<RotaView>(`/api/territories/${town}/rota`)).body.routes).toEqual([]);
  });

  it('plans over the drivers signed up only, in their shift windows; flags a day ahead a ride none can take; each driver sees their stops', async () => {
    const area = await fixtures.aTerritory({ centre: [24.95, 60.18], half: 0.05 });
    const coordinator = await fixtures.aMember('coordinator', { coordinates: [area] });
    const token = (await login(stack.baseUrl, coordinator.email, coordinator.password)).token;
    const http = client(stack.baseUrl, token);
    const socket = await connectSocket(stack.baseUrl, token);
    const flagged = nextEvent<RotaFlagged>(socket, 'rota:flagged', (f) => f.territoryId === area, 30_000);
    const tomorrow = daysAhead(1);
    // Two drivers signed for 07:30–10:00; a third lives there but did not sign up.
    const signed = await rotaDrivers(fixtures, area, tomorrow, 2, { start: '07:30', minutes: 150 });
    const idle = await fixtures.aDriver({ seats: 8 });
    await fixtures.db.query(`UPDATE members SET home_territory_id = $2 WHERE id = $1`, [idle.id, area]);
    const morning = await bookRides(fixtures, area, tomorrow, 4, 20);
    const [afternoon] = await bookRides(fixtures, area, tomorrow, 1, 0, '15:00');
    const { body } = await http.get<RotaView>(`/api/territories/${area}/rota?date=${tomorrow}`);
    expect(new Set(body.routes.map((r) => r.driverId))).toEqual(new Set(signed.map((d) => d.id)));
    for (const stop of body.routes.flatMap((r) => r.stops)) {
      expect(Date.parse(stop.at)).toBeGreaterThanOrEqual(Date.parse(`${tomorrow}T07:30:00Z`));
      expect(Date.parse(stop.at)).toBeLessThanOrEqual(Date.parse(`${tomorrow}T10:00:00Z`));
    }
    expect(body.unassigned).toEqual([afternoon!.id]);
    expect(body.routes.flatMap((r) => r.stops.map((s) => s.rideId)).sort()).toEqual(
      morning.flatMap((r) => [r.id, r.id]).sort(),
    );
    // The day-ahead check flags the afternoon ride and tells the coordinators.
    expect(await flagged).toMatchObject({ date: tomorrow, rideIds: [afternoon!.id] });
    const week = await eventually(async () => {
      const w = (await http.get<RotaWeekView>(`/api/territories/${area}/rota/week`)).body;
      return w.flags.length ? w : undefined;
    });
    expect(week.flags).toEqual([
      expect.objectContaining({ rideId: afternoon!.id, date: tomorrow, pickupName: 'Kallio library' }),
    ]);
    // Each signed driver sees their part of the same plan, with place names.
    for (const driver of signed) {
      const mine = client(stack.baseUrl, (await login(stack.baseUrl, driver.email, driver.password)).token);
      const plan = await mine.get<MyRotaPlanView>(`/api/rota/plan?date=${tomorrow}`);
      const route = body.routes.find((r) => r.driverId === driver.id);
      expect(plan.body.stops.map(({ rideId, type, at }) => ({ rideId, type, at }))).toEqual(
        route?.stops ?? [],
      );
      for (const stop of plan.body.stops)
        expect(stop.placeName).toBe(stop.type === 'pickup' ? 'Kallio library' : 'Hakaniemi market');
    }
    socket.close();
  });
});
