import type { RotaView } from '@navette/contracts';
import { Fixtures } from './fixtures.js';
import { client, login, startStack, type Stack } from './stack.js';

describe('the rota: tomorrow’s booked rides planned at once', () => {
  let stack: Stack;
  let fixtures: Fixtures;
  let town: string;

  beforeAll(async () => {
    stack = await startStack({ dispatcher: false });
    fixtures = Fixtures.open(stack.databaseUrl);
    town = await fixtures.aTerritory({ centre: [24.95, 60.18], half: 0.05 });
  });

  afterAll(async () => {
    await fixtures.close();
    await stack.stop();
  });

  it('plans every booked ride on the territory’s drivers, pickups in their windows, before their drop-offs', async () => {
    const date = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
    for (let i = 0; i < 2; i++) {
      const d = await fixtures.aDriver({ seats: 3 });
      await fixtures.db.query(`UPDATE members SET home_territory_id = $2 WHERE id = $1`, [d.id, town]);
    }
    const rider = await fixtures.aMember('rider');
    const booked: { id: string; at: number }[] = [];
    for (let i = 0; i < 8; i++) {
      const at = Date.parse(`${date}T08:00:00Z`) + i * 12 * 60_000;
      const row = await fixtures.db.query<{ id: string }>(
        `INSERT INTO rides (rider_id, pickup, dropoff, territory_id, pickup_at)
         VALUES ($1, ST_SetSRID(ST_MakePoint($2, $3), 4326), ST_SetSRID(ST_MakePoint($4, $5), 4326), $6, $7) RETURNING id`,
        [
          rider.id,
          24.93 + (i % 4) * 0.01,
          60.17 + (i % 3) * 0.01,
          24.97 - (i % 3) * 0.01,
          60.19,
          town,
          new Date(at),
        ],
      );
      booked.push({ id: row.rows[0]!.id, at });
    }
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
