import type { FairnessReport } from '@navette/contracts';
import { aDecidedRide } from './fairness-fixtures.js';
import { Fixtures } from './fixtures.js';
import { client, login, startStack, type Stack } from './stack.js';

describe('fairness report', () => {
  let stack: Stack;
  let fixtures: Fixtures;
  let town: string;
  let west: string;
  let east: string;

  beforeAll(async () => {
    stack = await startStack({ dispatcher: false });
    fixtures = Fixtures.open(stack.databaseUrl);
    town = await fixtures.aTerritory({ centre: [24.95, 60.18], half: 0.1, level: 'town', name: 'Town' });
    west = await fixtures.aTerritory({
      centre: [24.9, 60.18],
      half: 0.04,
      level: 'neighbourhood',
      parentId: town,
      name: 'West',
    });
    east = await fixtures.aTerritory({
      centre: [25.0, 60.18],
      half: 0.04,
      level: 'neighbourhood',
      parentId: town,
      name: 'East',
    });
  });

  afterAll(async () => {
    await fixtures.close();
    await stack.stop();
  });

  /** A ride of the zone with a final status; West's drivers serve it, a neighbour's reach in East. */
  const aRide = (
    zone: string,
    at: [number, number],
    status: string,
    driver?: { id: string; vehicleId: string },
  ) =>
    aDecidedRide(fixtures, {
      zone,
      at,
      status,
      driver: driver && { ...driver, territoryId: west, reach: zone === east ? 'neighbour' : 'local' },
    });

  it('shows service, refusals and waits per zone, their Gini, the drivers’ load and the lending', async () => {
    const busy = await fixtures.aDriver({ name: 'Busy' });
    const light = await fixtures.aDriver({ name: 'Light' });
    await fixtures.db.query(`UPDATE members SET declared_hours_per_week = 10 WHERE id = ANY($1)`, [
      [busy.id, light.id],
    ]);
    for (let i = 0; i < 3; i++) await aRide(west, [24.9, 60.18], 'completed', busy);
    await aRide(west, [24.9, 60.18], 'unserved');
    await aRide(east, [25.0, 60.18], 'completed', light);
    for (let i = 0; i < 3; i++) await aRide(east, [25.0, 60.18], 'unserved');
    await aRide(east, [25.0, 60.18], 'cancelled');
    // Busy also signed up for a two-hour rota shift in West this morning (the rota, ADR 0027).
    await fixtures.db.query(
      `WITH s AS (INSERT INTO rota_slots (territory_id, repeat, first_date, start_time, duration_minutes, drivers_needed)
                  VALUES ($1, 'once', current_date, '08:00', 120, 1) RETURNING id),
            o AS (INSERT INTO rota_occurrences (slot_id, date, starts_at, ends_at)
                  SELECT id, current_date, now() - interval '3 hours', now() - interval '1 hour' FROM s RETURNING id)
       INSERT INTO rota_signups (occurrence_id, driver_id, status, signed_at) SELECT id, $2, 'signed', now() FROM o`,
      [west, busy.id],
    );

    const cora = await fixtures.aMember('coordinator', { coordinates: [town] });
    const http = client(stack.baseUrl, (await login(stack.baseUrl, cora.email, cora.password)).token);
    const { status, body } = await http.get<FairnessReport>(`/api/territories/${town}/fairness`);
    expect(status).toBe(200);
    expect(body.zones.map((z) => [z.name, z.served, z.refused, z.cancelled, z.serviceRate])).toEqual([
      ['East', 1, 3, 1, 0.25],
      ['West', 3, 1, 0, 0.75],
    ]);
    expect(body.zones[1]!.waitP50Seconds).toBeCloseTo(600, -1);
    expect(body.refusalGini).toBeCloseTo(0.25);
    expect(body.overallServiceRate).toBeCloseTo(0.5);
    expect(body.drivers.map((d) => [d.name, d.trips, d.loadShare, d.availabilityShare])).toEqual([
      ['Busy', 3, 0.75, 0.5],
      ['Light', 1, 0.25, 0.5],
    ]);
    expect(body.drivers.map((d) => [d.name, d.rotaShiftHours, d.rotaShiftShare])).toEqual([
      ['Busy', 2, 1],
      ['Light', 0, 0],
    ]);
    // East's ride was served by a driver from West: lent by the town to itself is not a loan.
    expect(body.lending).toEqual({ lent: 0, borrowed: 0 });
    const westReport = await http.get<FairnessReport>(`/api/territories/${west}/fairness`);
    expect(westReport.body.lending).toEqual({ lent: 1, borrowed: 0 });
    const eastReport = await http.get<FairnessReport>(`/api/territories/${east}/fairness`);
    expect(eastReport.body.lending).toEqual({ lent: 0, borrowed: 1 });
  });

  it('only the territory’s coordinators (and admins) see it', async () => {
    const other = await fixtures.aTerritory({ centre: [22.0, 61.0], half: 0.05 });
    const outsider = await fixtures.aMember('coordinator', { coordinates: [other] });
    const idle = await fixtures.aMember('coordinator');
    const rider = await fixtures.aMember('rider');
    for (const [who, expected] of [
      [outsider, 404],
      [idle, 404],
      [rider, 403],
    ] as const) {
      const http = client(stack.baseUrl, (await login(stack.baseUrl, who.email, who.password)).token);
      expect((await http.get(`/api/territories/${town}/fairness`)).status).toBe(expected);
    }
    expect((await client(stack.baseUrl).get(`/api/territories/${town}/fairness`)).status).toBe(401);
    const cora = await fixtures.aMember('coordinator', { coordinates: [town] });
    const http = client(stack.baseUrl, (await login(stack.baseUrl, cora.email, cora.password)).token);
    expect((await http.get(`/api/territories/${town}/fairness?from=yesterday`)).body).toMatchObject({
      field: 'from',
    });
  });
});
