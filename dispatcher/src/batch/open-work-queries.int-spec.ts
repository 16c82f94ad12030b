import type { LngLat } from '@navette/contracts';
import type { EntityManager } from 'typeorm';
import { RideRepository } from '../../../api/src/rides/ride.repository.js';
import type { Fixtures } from '../../../api/test/fixtures.js';
import { openBatchHarness, type BatchHarness } from '../../test/batch-harness.js';
import { FleetSnapshotRepository } from './fleet-snapshot.repository.js';
import { RuleFactsRepository } from './rule-facts.repository.js';
import { SWEEPER_QUERIES } from '../sweeper.js';

/** What one query read: shared buffers (hit + read) and the largest row count of any plan node. */
interface Cost {
  buffers: number;
  rows: number;
}

interface PlanNode {
  'Shared Hit Blocks'?: number;
  'Shared Read Blocks'?: number;
  'Actual Rows'?: number;
  'Actual Loops'?: number;
  Plans?: PlanNode[];
}

const maxRows = (node: PlanNode): number =>
  Math.max((node['Actual Rows'] ?? 0) * (node['Actual Loops'] ?? 1), ...(node.Plans ?? []).map(maxRows));

/**
 * A batch's queries must cost in proportion to the open work, not to the history (issue 12: a
 * batch took longer as finished rides piled up). Every query the batch and the sweeper run is
 * run under EXPLAIN (ANALYZE, BUFFERS) with 100 finished rides of history, then with 50,000 more
 * (each with its trip, offer and assignment), side by side: the buffers each reads must not grow
 * with the history. The history is older than the rules' own windows (24 h of service rate, 7 days
 * of trips), which by design cost in proportion to a day's and a week's work.
 */
describe('the batch reads open work only', () => {
  let harness: BatchHarness;
  let fixtures: Fixtures;

  beforeAll(async () => {
    harness = await openBatchHarness('batch-open-work', 4);
    ({ fixtures } = harness);
  });

  afterAll(() => harness.close());

  /** Runs `work` with a manager whose every query is explained first; rolled back. */
  async function costs(work: (manager: EntityManager) => Promise<void>): Promise<Map<string, Cost>> {
    const measured = new Map<string, Cost>();
    const runner = harness.db.createQueryRunner();
    await runner.startTransaction();
    try {
      const explained = {
        query: async (text: string, params?: unknown[]) => {
          const name = nameOf(text);
          const [{ 'QUERY PLAN': plan }] = (await runner.query(
            `EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${text}`,
            params,
          )) as [{ 'QUERY PLAN': [{ Plan: PlanNode }] }];
          const root = plan[0].Plan;
          measured.set(name, {
            buffers: (root['Shared Hit Blocks'] ?? 0) + (root['Shared Read Blocks'] ?? 0),
            rows: maxRows(root),
          });
          return (await runner.query(text, params)) as unknown;
        },
      } as unknown as EntityManager;
      await work(explained);
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
    return measured;
  }

  /** A readable name for a query: its first table and a digest of its text. */
  const names = new Map<string, string>();
  function nameOf(text: string): string {
    const known = names.get(text);
    if (known) return known;
    const name = `${names.size + 1}. ${text.replace(/\s+/g, ' ').trim().slice(0, 70)}`;
    names.set(text, name);
    return name;
  }

  async function history(
    territory: string,
    centre: LngLat,
    drivers: { id: string; vehicleId: string }[],
    n: number,
  ) {
    const rider = await fixtures.aMember('rider');
    // The drivers' past shifts, ended (one each: the count of shifts is not what is measured).
    const shifts = await fixtures.db.query<{ id: string }>(
      `INSERT INTO shifts (driver_id, vehicle_id, territory_id, started_at, ended_at)
       SELECT d, v, $3, now() - interval '70 days', now() - interval '8 days'
         FROM unnest($1::uuid[], $2::uuid[]) AS x(d, v) RETURNING id`,
      [drivers.map((d) => d.id), drivers.map((d) => d.vehicleId), territory],
    );
    // Finished rides 8 to 60 days old, spread over the zone's drivers, each with its whole trail.
    await fixtures.db.query(
      `WITH r AS (
         INSERT INTO rides (rider_id, pickup, dropoff, territory_id, status, requested_at, picked_up_at)
         SELECT $1, ST_SetSRID(ST_MakePoint($3 + (g % 100) * 0.0005, $4), 4326),
                ST_SetSRID(ST_MakePoint($3, $4 + (g % 50) * 0.0005 + 0.001), 4326), $2,
                CASE WHEN g % 10 = 0 THEN 'unserved' ELSE 'completed' END,
                now() - interval '8 days' - make_interval(secs => g * 60), now() - interval '8 days' - make_interval(secs => g * 60)
           FROM generate_series(1, $5) g
         RETURNING id, status, requested_at),
       numbered AS (SELECT id, status, requested_at, row_number() OVER () AS k FROM r),
       t AS (
         INSERT INTO trips (driver_id, shift_id, status, period)
         SELECT (d.ids)[1 + k % cardinality(d.ids)], (d.shifts)[1 + k % cardinality(d.shifts)], 'completed',
                tstzrange(requested_at, requested_at + interval '10 minutes')
           FROM numbered, (SELECT $6::uuid[] AS ids, $7::uuid[] AS shifts) d WHERE status = 'completed'
         RETURNING id, driver_id, shift_id, lower(period) AS at)
       SELECT count(*) FROM t`,
      [rider.id, territory, centre[0], centre[1], n, drivers.map((d) => d.id), shifts.rows.map((s) => s.id)],
    );
    // Offers and assignments for those trips, one each, matched by time.
    await fixtures.db.query(
      `WITH pairs AS (
         SELECT r.id AS ride_id, t.id AS trip_id, t.driver_id, t.shift_id
           FROM rides r JOIN trips t ON lower(t.period) = r.requested_at AND t.status = 'completed'
          WHERE r.territory_id = $1 AND r.status = 'completed'
            AND NOT EXISTS (SELECT 1 FROM offers o WHERE o.trip_id = t.id)),
       o AS (
         INSERT INTO offers (ride_id, driver_id, shift_id, trip_id, approach_meters, expires_at, status, responded_at)
         SELECT ride_id, driver_id, shift_id, trip_id, 100, now() - interval '8 days', 'accepted', now() - interval '8 days'
           FROM pairs RETURNING id, ride_id, trip_id)
       INSERT INTO assignments (ride_id, trip_id, offer_id, status) SELECT ride_id, trip_id, id, 'completed' FROM o`,
      [territory],
    );
    await fixtures.db.query('ANALYZE');
  }

  it('reads the same buffers with 100 and with 50,100 finished rides of history', async () => {
    const centre: LngLat = [10, 55];
    const territory = await fixtures.aTerritory({ centre, half: 0.2 });
    const drivers = [];
    for (let i = 0; i < 4; i++) drivers.push(await harness.aDriverAt(territory, [10 + i * 0.002, 55.001]));
    for (let i = 0; i < 5; i++) {
      const rider = await fixtures.aMember('rider');
      await fixtures.db.query(
        `INSERT INTO rides (rider_id, pickup, dropoff, territory_id)
         VALUES ($1, ST_SetSRID(ST_MakePoint($2, 55), 4326), ST_SetSRID(ST_MakePoint($2, 55.02), 4326), $3)`,
        [rider.id, 10 + i * 0.001, territory],
      );
    }
    const fleet = new FleetSnapshotRepository();
    const facts = new RuleFactsRepository();
    const batch = async (manager: EntityManager) => {
      const zone = await fleet.zoneOf(
        (await fixtures.db.query<{ id: string }>(`SELECT id FROM rides WHERE status = 'requested' LIMIT 1`))
          .rows[0]!.id,
        manager,
      );
      const waiting = await fleet.waitingRides(zone!, 200, manager, { lock: false });
      await fleet.lockWaitingRides(zone!, 200, manager);
      const vehicles = await fleet.freeVehicles(zone!, manager);
      await fleet.freeVehicles(
        zone!,
        manager,
        vehicles.map((v) => v.driverId),
      );
      await fleet.askedPairs(
        waiting.map((r) => r.id),
        manager,
      );
      await facts.rides(
        waiting.map((r) => r.id),
        manager,
      );
      await facts.drivers(
        vehicles.map((v) => v.driverId),
        manager,
      );
      await facts.blockedPairs(
        [...waiting.map((r) => r.riderId), ...vehicles.map((v) => v.driverId)],
        manager,
      );
      await facts.lending(manager);
      // The takeover stage's read of the rides promised to a free driver (ADR 0041).
      await fleet.promisedRides(zone!, manager);
      for (const query of SWEEPER_QUERIES) await manager.query(query.sql, [...query.params]);
      // Read on every ride event (the API's ride view): a finished ride's, from the history.
      await new RideRepository(harness.db).view(finishedRide, manager);
    };

    await history(territory, centre, drivers, 100);
    const finishedRide = (
      await fixtures.db.query<{ ride_id: string }>(
        `SELECT ride_id FROM assignments WHERE status = 'completed' LIMIT 1`,
      )
    ).rows[0]!.ride_id;
    const small = await costs(batch);
    await history(territory, centre, drivers, 50_000);
    const large = await costs(batch);

    const table = [...small.keys()].map((name) => ({
      query: name,
      'buffers (100)': small.get(name)!.buffers,
      'buffers (50,100)': large.get(name)!.buffers,
      ratio: +(large.get(name)!.buffers / Math.max(1, small.get(name)!.buffers)).toFixed(2),
      'max rows (100)': small.get(name)!.rows,
      'max rows (50,100)': large.get(name)!.rows,
    }));
    console.table(table);
    expect(table.length).toBeGreaterThanOrEqual(12);
    // History grew 500 times; what a query reads may grow by an index level, not with the history.
    // An index one level deeper costs a buffer or two per key looked up: 20 buffers of slack.
    const grown = table.filter(
      (row) =>
        row['buffers (50,100)'] > 1.5 * row['buffers (100)'] + 20 ||
        row['max rows (50,100)'] > row['max rows (100)'] + 10,
    );
    expect(grown).toEqual([]);
  }, 120_000);
});
