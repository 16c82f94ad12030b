import type { LngLat } from '@navette/contracts';
import type { Fixtures } from '../../../api/test/fixtures.js';
import { openBatchHarness, type BatchHarness } from '../../test/batch-harness.js';
import { createTravelModel, type TravelModel } from '../travel-model.js';
import type { BatchOutcome, MatchBatchHandler } from './match-batch.handler.js';

/**
 * A batch plans on a snapshot without holding a lock, then commits in a short transaction that
 * checks the snapshot still holds (ADR 0031). The engine's planning is made observable through
 * the travel model it calls first: a model that waits on a gate holds the batch in its planning.
 */
describe('the batch plans outside its critical section', () => {
  let harness: BatchHarness;
  let fixtures: Fixtures;
  let handler: MatchBatchHandler;

  beforeAll(async () => {
    harness = await openBatchHarness('batch-snapshot', 12);
    ({ fixtures, handler } = harness);
  });

  afterAll(() => harness.close());

  let zones = 0;
  async function aZone(): Promise<{ id: string; at: (dx: number, dy: number) => LngLat }> {
    const centre: LngLat = [-20 - zones * 0.5, 50];
    zones++;
    const id = await fixtures.aTerritory({ centre, half: 0.2 });
    return { id, at: (dx, dy) => [centre[0] + dx, centre[1] + dy] };
  }

  async function aRide(territory: string, pickup: LngLat, dropoff: LngLat, status = 'requested') {
    const rider = await fixtures.aMember('rider');
    const rows = await fixtures.db.query<{ id: string }>(
      `INSERT INTO rides (rider_id, pickup, dropoff, territory_id, status)
       VALUES ($1, ST_SetSRID(ST_MakePoint($2, $3), 4326), ST_SetSRID(ST_MakePoint($4, $5), 4326), $6, $7)
       RETURNING id`,
      [rider.id, pickup[0], pickup[1], dropoff[0], dropoff[1], territory, status],
    );
    return rows.rows[0]!.id;
  }

  /** A handler whose first planning waits until `release()`; `planning` resolves once it waits. */
  function heldInPlanning() {
    const model = createTravelModel({ travel: { speedMetersPerSecond: 8.33, circuity: 1.3 } });
    let release!: () => void;
    let entered!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const planning = new Promise<void>((resolve) => (entered = resolve));
    let held = false;
    const travel: TravelModel = async (points) => {
      if (!held) {
        held = true;
        entered();
        await gate;
      }
      return model(points);
    };
    return { handler: harness.handlerOn(travel), planning, release };
  }

  const within = <T>(promise: Promise<T>, ms: number) =>
    Promise.race([
      promise,
      new Promise<'still waiting'>((resolve) => setTimeout(() => resolve('still waiting'), ms)),
    ]);

  const offersOf = async (rideId: string) =>
    (
      await fixtures.db.query<{ driver_id: string; status: string; planned_stops: { requestId: string }[] }>(
        `SELECT driver_id, status, planned_stops FROM offers WHERE ride_id = $1`,
        [rideId],
      )
    ).rows;

  it('another batch of the same zone runs to its end while the first one plans; the first then writes nothing', async () => {
    const zone = await aZone();
    const a = await aDriverAt(zone.id, zone.at(0, 0));
    await aDriverAt(zone.id, zone.at(0.02, 0));
    const ride = await aRide(zone.id, zone.at(0.001, 0), zone.at(0.01, 0.01));
    const first = heldInPlanning();
    const firstBatch = first.handler.handle({ rideId: ride, round: 0 });
    await first.planning;
    // On the old code the first batch held the zone's lock and the ride's row lock while planning:
    // this one waited for it, and the race below was lost.
    const second = await within(handler.handle({ rideId: ride, round: 0 }), 5000);
    first.release();
    expect(second).toMatchObject({ kind: 'batch', offered: 1 });
    expect(await firstBatch).toEqual({ kind: 'stale' });
    const offers = await offersOf(ride);
    expect(offers).toHaveLength(1);
    expect(offers[0]?.driver_id).toBe(a.id);
  });

  it('a driver taken between planning and commit is noticed, and the ride is planned again onto another', async () => {
    const zone = await aZone();
    const a = await aDriverAt(zone.id, zone.at(0, 0));
    const b = await aDriverAt(zone.id, zone.at(0.02, 0));
    const ride = await aRide(zone.id, zone.at(0.001, 0), zone.at(0.01, 0.01));
    const held = heldInPlanning();
    const batch = held.handler.handle({ rideId: ride, round: 0 });
    await held.planning;
    // Meanwhile A is offered another ride (as another batch or a coordinator would): a hold and a
    // pending offer.
    const other = await aRide(zone.id, zone.at(-0.001, 0), zone.at(-0.01, 0.01), 'offered');
    const hold = await fixtures.db.query<{ id: string }>(
      `INSERT INTO trips (driver_id, shift_id, status, period) VALUES ($1, $2, 'offered', tstzrange(now(), NULL)) RETURNING id`,
      [a.id, a.shiftId],
    );
    await fixtures.db.query(
      `INSERT INTO offers (ride_id, driver_id, shift_id, trip_id, approach_meters, expires_at)
       VALUES ($1, $2, $3, $4, 0, now() + interval '1 minute')`,
      [other, a.id, a.shiftId, hold.rows[0]!.id],
    );
    held.release();
    const outcome = (await batch) as Extract<BatchOutcome, { kind: 'batch' }>;
    expect(outcome).toMatchObject({ kind: 'batch', offered: 1, conflicts: 1, replanned: 1, waiting: 0 });
    const offers = await offersOf(ride);
    expect(offers.map((o) => o.driver_id)).toEqual([b.id]);
    // Nothing double-offered: one pending offer per driver.
    const pending = await fixtures.db.query<{ driver_id: string; n: number }>(
      `SELECT driver_id, count(*)::int AS n FROM offers WHERE status = 'pending' AND driver_id = ANY($1) GROUP BY driver_id`,
      [[a.id, b.id]],
    );
    expect(pending.rows.map((r) => r.n)).toEqual([1, 1]);
  });

  it('a driver whose committed rides changed meanwhile gets an offer on the route as it is now', async () => {
    const zone = await aZone();
    const busy = await aDriverAt(zone.id, zone.at(0, 0));
    // The busy driver goes to fetch a rider X at (0.002, 0) for (0.05, 0).
    const x = await aRide(zone.id, zone.at(0.002, 0), zone.at(0.05, 0), 'assigned');
    const trip = await fixtures.db.query<{ id: string }>(
      `INSERT INTO trips (driver_id, shift_id, status, period, planned_stops)
       VALUES ($1, $2, 'active', tstzrange(now(), NULL), $3) RETURNING id`,
      [
        busy.id,
        busy.shiftId,
        JSON.stringify([
          { requestId: x, type: 'pickup' },
          { requestId: x, type: 'dropoff' },
        ]),
      ],
    );
    const accepted = await fixtures.db.query<{ id: string }>(
      `INSERT INTO offers (ride_id, driver_id, shift_id, trip_id, approach_meters, expires_at, status)
       VALUES ($1, $2, $3, $4, 0, now(), 'accepted') RETURNING id`,
      [x, busy.id, busy.shiftId, trip.rows[0]!.id],
    );
    await fixtures.db.query(`INSERT INTO assignments (ride_id, trip_id, offer_id) VALUES ($1, $2, $3)`, [
      x,
      trip.rows[0]!.id,
      accepted.rows[0]!.id,
    ]);
    const ride = await aRide(zone.id, zone.at(0.01, 0.0005), zone.at(0.04, 0.0005));
    const held = heldInPlanning();
    const batch = held.handler.handle({ rideId: ride, round: 0 });
    await held.planning;
    // Meanwhile X is picked up: the route ahead no longer has X's pickup.
    await fixtures.db.query(`UPDATE rides SET status = 'picked_up', picked_up_at = now() WHERE id = $1`, [x]);
    await fixtures.db.query(`UPDATE trips SET planned_stops = $2 WHERE id = $1`, [
      trip.rows[0]!.id,
      JSON.stringify([{ requestId: x, type: 'dropoff' }]),
    ]);
    held.release();
    expect(await batch).toMatchObject({ kind: 'batch', offered: 1, conflicts: 1 });
    const [offer] = await offersOf(ride);
    expect(offer?.driver_id).toBe(busy.id);
    // Planned on the route as it is now: X is aboard, only its drop-off is ahead.
    expect(offer?.planned_stops).toEqual([
      { requestId: ride, type: 'pickup' },
      { requestId: ride, type: 'dropoff' },
      { requestId: x, type: 'dropoff' },
    ]);
  });

  const aDriverAt: BatchHarness['aDriverAt'] = (...args) => harness.aDriverAt(...args);
});
