import type { RotaView } from '@navette/contracts';
import { Fixtures } from './fixtures.js';
import { bookRides, daysAhead, homeDrivers } from './rota-fixtures.js';
import { client, login, startStack, type Stack } from './stack.js';

describe('the rota: tomorrow’s booked rides planned at once', () => {
  let stack: Stack;
  let fixtures: Fixtures;
  let town: string;

  beforeAll(async () => {
    // The dispatcher plans the day (`plan-day` jobs); the API only asks and answers.
    stack = await startStack();
    fixtures = Fixtures.open(stack.databaseUrl);
    town = await fixtures.aTerritory({ centre: [24.95, 60.18], half: 0.05 });
  });

  afterAll(async () => {
    await fixtures.close();
    await stack.stop();
  });

  it('plans every booked ride on the territory’s drivers, pickups in their windows, before their drop-offs', async () => {
    const date = daysAhead(2);
    await homeDrivers(fixtures, town, 2);
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
});
