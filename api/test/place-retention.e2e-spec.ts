import type {
  ErrorBody,
  FairnessReport,
  LngLat,
  TerritoryDetail,
  TerritoryTimeBank,
} from '@navette/contracts';
import { RetentionSweepService } from '../src/privacy/retention-sweep.service.js';
import { Fixtures } from './fixtures.js';
import { client, login, startStack, type Stack } from './stack.js';
import { RideFixtures } from './territory-fixtures.js';

type Http = ReturnType<typeof client>;

const DAY_MS = 86_400_000;
const daysAgo = (days: number, hour = 10) => {
  const d = new Date(Date.now() - days * DAY_MS);
  d.setUTCHours(hour, 0, 0, 0);
  return d;
};

describe('place retention: exact ride places are kept for a territory’s period, counts for ever', () => {
  let stack: Stack;
  let fixtures: Fixtures;
  let rides: RideFixtures;
  let town: string;
  let west: string;
  let east: string;
  let harbour: string;
  let coordinator: Http;
  let driver: { id: string; vehicleId: string };
  let riderId: string;
  /** Ride id → its exact pickup, and whether the retention has passed for it. */
  const placed: { id: string; at: LngLat; due: boolean }[] = [];

  beforeAll(async () => {
    stack = await startStack({ dispatcher: false });
    fixtures = Fixtures.open(stack.databaseUrl);
    rides = new RideFixtures(fixtures.db);
    town = await fixtures.aTerritory({ name: 'Town', centre: [24.95, 60.18], half: 0.1 });
    const zone = (name: string, centre: LngLat, half: number) =>
      fixtures.aTerritory({ name, centre, half, level: 'neighbourhood', parentId: town });
    west = await zone('West', [24.9, 60.18], 0.04);
    east = await zone('East', [25.0, 60.18], 0.04);
    // Overlaps West: a ride in both counts in both, and must still after coarsening.
    harbour = await zone('Harbour', [24.93, 60.15], 0.02);
    const member = await fixtures.aMember('coordinator', { coordinates: [town] });
    coordinator = client(stack.baseUrl, (await login(stack.baseUrl, member.email, member.password)).token);
    driver = await fixtures.aDriver({ name: 'Dmitri' });
    riderId = (await fixtures.aMember('rider')).id;

    const completed = async (territoryId: string, at: LngLat, ago: number, due: boolean) => {
      const { rideIds } = await rides.aCompletedTrip(driver, territoryId, [
        { riderId, at, pickedUpAt: daysAgo(ago, 10), completedAt: daysAgo(ago, 11) },
      ]);
      placed.push({ id: rideIds[0]!, at, due });
    };
    const ended = async (territoryId: string, at: LngLat, status: string, ago: number, due: boolean) => {
      const rows = await fixtures.db.query<{ id: string }>(
        `INSERT INTO rides (rider_id, pickup, dropoff, territory_id, status, requested_at, cancelled_at)
         VALUES ($1, ST_SetSRID(ST_MakePoint($2, $3), 4326), ST_SetSRID(ST_MakePoint($2, $3 + 0.003), 4326), $4, $5,
                 $6, CASE WHEN $5 = 'cancelled' THEN $6::timestamptz + interval '5 minutes' END)
         RETURNING id`,
        [riderId, at[0], at[1], territoryId, status, daysAgo(ago)],
      );
      placed.push({ id: rows.rows[0]!.id, at, due });
    };
    await completed(west, [24.881, 60.201], 90, true);
    await completed(west, [24.921, 60.151], 90, true); // West ∩ Harbour
    await completed(town, [24.951, 60.181], 90, true); // in the town, in no neighbourhood
    await ended(east, [25.011, 60.191], 'unserved', 90, true);
    await ended(east, [25.021, 60.171], 'cancelled', 45, true); // East keeps places 30 days (below)
    await completed(west, [24.891, 60.211], 45, false); // West keeps the default 60 days
    await completed(west, [24.886, 60.206], 10, false);
    await completed(east, [25.006, 60.176], 10, false);
    // Not ended: never coarsened, however old.
    const open = await rides.anOpenRide(east, { riderId, at: [25.001, 60.181] });
    await fixtures.db.query(`UPDATE rides SET requested_at = now() - interval '100 days' WHERE id = $1`, [
      open,
    ]);
    placed.push({ id: open, at: [25.001, 60.181], due: false });
  });

  afterAll(async () => {
    await fixtures.close();
    await stack.stop();
  });

  const pickups = async () => {
    const rows = await fixtures.db.query<{
      id: string;
      x: number;
      y: number;
      coarsened: boolean;
      name: string | null;
    }>(
      `SELECT id, ST_X(pickup) AS x, ST_Y(pickup) AS y, places_coarsened_at IS NOT NULL AS coarsened,
              pickup_name AS name FROM rides`,
    );
    return new Map(rows.rows.map((r) => [r.id, r]));
  };

  /** The territories covering a point, by name. */
  const covering = async (at: LngLat) => {
    const rows = await fixtures.db.query<{ name: string }>(
      `SELECT name FROM territories WHERE ST_Covers(area, ST_SetSRID(ST_MakePoint($1, $2), 4326)) ORDER BY name`,
      at,
    );
    return rows.rows.map((r) => r.name);
  };

  /** Everything counted from rides: the fairness report, the time bank, the ValueFlows export. */
  const counts = async () => {
    const period = `from=${daysAgo(120).toISOString()}&to=${daysAgo(-1).toISOString()}`;
    const fairness = await coordinator.get<FairnessReport>(`/api/territories/${town}/fairness?${period}`);
    const harbourFairness = await coordinator.get<FairnessReport>(
      `/api/territories/${harbour}/fairness?${period}`,
    );
    const timeBank = await coordinator.get<TerritoryTimeBank>(`/api/territories/${town}/time-bank?${period}`);
    const valueFlows = await coordinator.get(`/api/territories/${town}/valueflows.jsonld?${period}`);
    for (const r of [fairness, harbourFairness, timeBank, valueFlows]) expect(r.status).toBe(200);
    return {
      fairness: fairness.body,
      harbour: harbourFairness.body,
      timeBank: timeBank.body,
      valueFlows: valueFlows.body,
    };
  };

  it('a territory’s retention is a rule: 60 days by default, set by its coordinators, bounded', async () => {
    const read = await client(stack.baseUrl).get<TerritoryDetail>(`/api/territories/${west}`);
    expect(read.body.properties.placeRetentionDays).toBe(60);
    for (const bad of [0, 731, 1.5, '30', null]) {
      const response = await coordinator.request<ErrorBody>('PUT', `/api/territories/${east}`, {
        type: 'Feature',
        properties: { placeRetentionDays: bad },
      });
      expect(response).toMatchObject({
        status: 400,
        body: { code: 'VALIDATION_FAILED', field: 'properties.placeRetentionDays' },
      });
    }
    const set = await coordinator.request<TerritoryDetail>('PUT', `/api/territories/${east}`, {
      type: 'Feature',
      properties: { placeRetentionDays: 30 },
    });
    expect(set.status).toBe(200);
    expect(set.body.properties.placeRetentionDays).toBe(30);
  });

  it('the sweep coarsens rides ended before the retention, keeps recent ones exact, and every count', async () => {
    const before = await counts();
    expect(before.fairness.zones.reduce((n, z) => n + z.requests, 0)).toBeGreaterThan(0);
    const coveringBefore = new Map(
      await Promise.all(placed.map(async (p) => [p.id, await covering(p.at)] as const)),
    );
    // A name said as much as the point (a place within 150 m, a street): it goes with it (ADR 0016).
    await fixtures.db.query(`UPDATE rides SET pickup_name = 'Exact spot', dropoff_name = 'Exact spot'`);
    const zoneName = async (at: LngLat) =>
      (
        await fixtures.db.query<{ name: string }>(
          `SELECT zone_name(ST_SetSRID(ST_MakePoint($1, $2), 4326)) AS name`,
          at,
        )
      ).rows[0]!.name;

    const result = await stack.app.get(RetentionSweepService).sweep();

    expect(result.ridesCoarsened).toBe(placed.filter((p) => p.due).length);
    const after = await pickups();
    for (const p of placed) {
      const row = after.get(p.id)!;
      const exact = Math.abs(row.x - p.at[0]) < 1e-9 && Math.abs(row.y - p.at[1]) < 1e-9;
      expect({ id: p.id, coarsened: row.coarsened, exact }).toEqual({
        id: p.id,
        coarsened: p.due,
        exact: !p.due,
      });
      expect({ id: p.id, name: row.name }).toEqual({
        id: p.id,
        name: p.due ? await zoneName(p.at) : 'Exact spot',
      });
      // Wherever it moved, it is in exactly the territories it was in.
      expect(await covering([row.x, row.y])).toEqual(coveringBefore.get(p.id));
    }
    expect(await counts()).toEqual(before);
  });

  it('a second sweep changes nothing; exact places from retention leave no other trace', async () => {
    const once = await pickups();
    expect(await stack.app.get(RetentionSweepService).sweep()).toEqual({
      ridesCoarsened: 0,
      positionsRemoved: 0,
    });
    expect(await pickups()).toEqual(once);
    // No point column anywhere still holds the exact pickup of a coarsened ride (areas are public).
    const geometryColumns = await fixtures.db.query<{ table: string; column: string }>(
      `SELECT f_table_name AS table, f_geometry_column AS column FROM geometry_columns
        WHERE f_table_schema = 'public' AND type <> 'MULTIPOLYGON'`,
    );
    expect(geometryColumns.rows.length).toBeGreaterThanOrEqual(3);
    for (const p of placed.filter((q) => q.due)) {
      for (const { table, column } of geometryColumns.rows) {
        const hits = await fixtures.db.query<{ n: string }>(
          `SELECT count(*) AS n FROM ${table} WHERE ST_DWithin(${column}, ST_SetSRID(ST_MakePoint($1, $2), 4326), 1e-7)`,
          p.at,
        );
        expect({ table, column, at: p.at, n: Number(hits.rows[0]!.n) }).toEqual({
          table,
          column,
          at: p.at,
          n: 0,
        });
      }
    }
  });

  it('removes a position left on a shift nobody ended, once older than the retention', async () => {
    const stale = await fixtures.aDriver();
    const fresh = await fixtures.aDriver();
    for (const [d, age] of [
      [stale, '61 days'],
      [fresh, '1 hour'],
    ] as const) {
      const shift = await fixtures.db.query<{ id: string }>(
        `INSERT INTO shifts (driver_id, vehicle_id, territory_id, started_at) VALUES ($1, $2, $3, now() - $4::interval)
         RETURNING id`,
        [d.id, d.vehicleId, west, age],
      );
      await fixtures.db.query(
        `INSERT INTO driver_positions (driver_id, shift_id, position, reported_at)
         VALUES ($1, $2, ST_SetSRID(ST_MakePoint(24.9, 60.18), 4326), now() - $3::interval)`,
        [d.id, shift.rows[0]!.id, age],
      );
    }
    expect(await stack.app.get(RetentionSweepService).sweep()).toEqual({
      ridesCoarsened: 0,
      positionsRemoved: 1,
    });
    const left = await fixtures.db.query<{ driver_id: string }>(`SELECT driver_id FROM driver_positions`);
    expect(left.rows.map((r) => r.driver_id)).toEqual([fresh.id]);
  });
});
