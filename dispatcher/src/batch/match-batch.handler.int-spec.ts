import { matchRideJobId, type LngLat } from '@navette/contracts';
import type { Queue } from 'bullmq';
import { createServer, type Server } from 'node:http';
import type { Fixtures } from '../../../api/test/fixtures.js';
import { openBatchHarness, type BatchHarness } from '../../test/batch-harness.js';
import type { MatchBatchHandler } from './match-batch.handler.js';

/** Named scenarios of live dispatch on real PostGIS and Redis, through the pooling engine. */
describe('batch matching', () => {
  let harness: BatchHarness;
  let fixtures: Fixtures;
  let queue: Queue;
  let handler: MatchBatchHandler;
  let aDriverAt: BatchHarness['aDriverAt'];

  beforeAll(async () => {
    harness = await openBatchHarness('batch-int', 12);
    ({ fixtures, queue, handler, aDriverAt } = harness);
  });

  afterAll(() => harness.close());

  /** Each scenario gets its own territory (zone), far from the others. */
  let zones = 0;
  async function aZone(): Promise<{ id: string; at: (dx: number, dy: number) => LngLat }> {
    const centre: LngLat = [20 + zones * 0.5, 60];
    zones++;
    const id = await fixtures.aTerritory({ centre, half: 0.2 });
    return { id, at: (dx, dy) => [centre[0] + dx, centre[1] + dy] };
  }

  async function aRide(
    territory: string,
    pickup: LngLat,
    dropoff: LngLat,
    options: { seats?: number; wheelchairPlaces?: number; status?: string } = {},
  ): Promise<string> {
    const rider = await fixtures.aMember('rider');
    const rows = await fixtures.db.query<{ id: string }>(
      `INSERT INTO rides (rider_id, pickup, dropoff, territory_id, seats, wheelchair_places, status)
       VALUES ($1, ST_SetSRID(ST_MakePoint($2, $3), 4326), ST_SetSRID(ST_MakePoint($4, $5), 4326), $6, $7, $8, $9)
       RETURNING id`,
      [
        rider.id,
        pickup[0],
        pickup[1],
        dropoff[0],
        dropoff[1],
        territory,
        options.seats ?? 1,
        options.wheelchairPlaces ?? 0,
        options.status ?? 'requested',
      ],
    );
    return rows.rows[0]!.id;
  }

  const offerOf = async (rideId: string) =>
    (
      await fixtures.db.query<{
        driver_id: string;
        trip_id: string;
        planned_stops: { requestId: string; type: string }[];
        explanation: { terms: { name: string }[] };
      }>(`SELECT driver_id, trip_id, planned_stops, explanation FROM offers WHERE ride_id = $1`, [rideId])
    ).rows;

  it('a wheelchair request skips the nearer standard car', async () => {
    const zone = await aZone();
    await aDriverAt(zone.id, zone.at(0.0001, 0.0001), { seats: 4, wheelchairPlaces: 0 });
    const ramp = await aDriverAt(zone.id, zone.at(0.01, 0.01), { seats: 3, wheelchairPlaces: 1 });
    const ride = await aRide(zone.id, zone.at(0, 0), zone.at(0.02, 0.02), { seats: 0, wheelchairPlaces: 1 });
    expect(await handler.handle({ rideId: ride, round: 0 })).toMatchObject({ kind: 'batch', offered: 1 });
    const [offer] = await offerOf(ride);
    expect(offer?.driver_id).toBe(ramp.id);
    // The explanation carries the engine's cost terms.
    expect(offer?.explanation.terms.map((t) => t.name)).toContain('travel');
  });

  it('a batch of a few rides reads the drivers around their pickups; none waiting, none; more rides, every free driver', async () => {
    const zone = await aZone();
    await aDriverAt(zone.id, zone.at(0, 0));
    const one = await aRide(zone.id, zone.at(0.001, 0), zone.at(0.001, 0.01));
    expect(await handler.handle({ rideId: one, round: 0 })).toMatchObject({
      kind: 'batch',
      rides: 1,
      offered: 1,
      driverReads: { around: 1, all: 0 },
    });
    // A zone where nothing waits reads no drivers, and counts no read.
    expect(await handler.batchZone(zone.id)).toMatchObject({
      kind: 'batch',
      rides: 0,
      driverReads: { around: 0, all: 0 },
    });
    // Seven rides × a pool of 400 drivers each pass the 2,400 rows a batch reads by pools.
    const seven: string[] = [];
    for (let i = 0; i < 7; i++)
      seven.push(await aRide(zone.id, zone.at(0.002 * i, 0.001), zone.at(0.002 * i, 0.02)));
    expect(await handler.handle({ rideId: seven[0]!, round: 0 })).toMatchObject({
      kind: 'batch',
      rides: 7,
      driverReads: { around: 0, all: 1 },
    });
  });

  it('a batch beats first-come-first-served: rides arriving together are assigned together', async () => {
    const zone = await aZone();
    // A is a hair nearer to ride 1; ride 2 can only be reached cheaply by A.
    const a = await aDriverAt(zone.id, zone.at(0, 0));
    const b = await aDriverAt(zone.id, zone.at(0.1, 0));
    const ride1 = await aRide(zone.id, zone.at(0.049, 0), zone.at(0.049, 0.01));
    const ride2 = await aRide(zone.id, zone.at(-0.01, 0), zone.at(-0.01, 0.01));
    // One job; both rides were waiting in its window.
    expect(await handler.handle({ rideId: ride1, round: 0 })).toMatchObject({
      kind: 'batch',
      offered: 2,
      rides: 2,
    });
    expect((await offerOf(ride1))[0]?.driver_id).toBe(b.id);
    expect((await offerOf(ride2))[0]?.driver_id).toBe(a.id);
    // The second ride's own job finds it already offered: no effect.
    expect(await handler.handle({ rideId: ride2, round: 0 })).toEqual({ kind: 'stale' });
  });

  it('rides the engine pools into one free car go to two cars in the same batch, none sent back', async () => {
    const zone = await aZone();
    // Two riders at one corner going the same way; one car there, another 800 m away.
    const near = await aDriverAt(zone.id, zone.at(0.0001, 0));
    const far = await aDriverAt(zone.id, zone.at(-0.015, 0));
    const ride1 = await aRide(zone.id, zone.at(0, 0), zone.at(0.05, 0));
    const ride2 = await aRide(zone.id, zone.at(0, 0.0002), zone.at(0.05, 0.0002));
    expect(await handler.handle({ rideId: ride1, round: 0 })).toMatchObject({
      kind: 'batch',
      offered: 2,
      replanned: 1,
      waiting: 0,
      sentBack: {},
    });
    const drivers = [(await offerOf(ride1))[0]?.driver_id, (await offerOf(ride2))[0]?.driver_id];
    expect(new Set(drivers)).toEqual(new Set([near.id, far.id]));
  });

  it('pools a ride on the way into a driver’s active trip', async () => {
    const zone = await aZone();
    const busy = await aDriverAt(zone.id, zone.at(0, 0));
    await aDriverAt(zone.id, zone.at(-0.1, -0.05));
    // The busy driver carries a rider from (0,0) to (0.1,0) and is at the start.
    const aboard = await aRide(zone.id, zone.at(0, 0), zone.at(0.1, 0), { status: 'picked_up' });
    await fixtures.db.query(`UPDATE rides SET picked_up_at = now() WHERE id = $1`, [aboard]);
    const trip = await fixtures.db.query<{ id: string }>(
      `INSERT INTO trips (driver_id, shift_id, status, period, planned_stops)
       VALUES ($1, $2, 'active', tstzrange(now(), NULL), $3) RETURNING id`,
      [busy.id, busy.shiftId, JSON.stringify([{ requestId: aboard, type: 'dropoff' }])],
    );
    const offerRow = await fixtures.db.query<{ id: string }>(
      `INSERT INTO offers (ride_id, driver_id, shift_id, trip_id, approach_meters, expires_at, status)
       VALUES ($1, $2, $3, $4, 0, now(), 'accepted') RETURNING id`,
      [aboard, busy.id, busy.shiftId, trip.rows[0]!.id],
    );
    await fixtures.db.query(`INSERT INTO assignments (ride_id, trip_id, offer_id) VALUES ($1, $2, $3)`, [
      aboard,
      trip.rows[0]!.id,
      offerRow.rows[0]!.id,
    ]);
    const onTheWay = await aRide(zone.id, zone.at(0.03, 0.001), zone.at(0.07, 0.001));
    expect(await handler.handle({ rideId: onTheWay, round: 0 })).toMatchObject({ kind: 'batch', offered: 1 });
    const [offer] = await offerOf(onTheWay);
    expect(offer?.driver_id).toBe(busy.id);
    expect(offer?.trip_id).toBe(trip.rows[0]!.id);
    expect(offer?.planned_stops).toEqual([
      { requestId: onTheWay, type: 'pickup' },
      { requestId: onTheWay, type: 'dropoff' },
      { requestId: aboard, type: 'dropoff' },
    ]);
  });

  it('a job that runs twice, or many times at once, has one effect', async () => {
    const zone = await aZone();
    await aDriverAt(zone.id, zone.at(0.01, 0.005));
    await aDriverAt(zone.id, zone.at(0.011, 0.006));
    const ride = await aRide(zone.id, zone.at(0, 0), zone.at(0.02, 0.01));
    const outcomes = await Promise.all(
      Array.from({ length: 8 }, () => handler.handle({ rideId: ride, round: 0 })),
    );
    expect(outcomes.filter((o) => o.kind === 'batch')).toHaveLength(1);
    expect(outcomes.filter((o) => o.kind === 'stale')).toHaveLength(7);
    expect(await offerOf(ride)).toHaveLength(1);
  });

  it('with no free driver, asks again in the next round; past the wait limit, reports unserved', async () => {
    const zone = await aZone();
    const ride = await aRide(zone.id, zone.at(0, 0), zone.at(0.01, 0.01));
    expect(await handler.handle({ rideId: ride, round: 0 })).toMatchObject({
      kind: 'batch',
      offered: 0,
      waiting: 1,
      sentBack: { unserved: 1 },
    });
    const retry = await queue.getJob(matchRideJobId({ rideId: ride, round: 1 }));
    expect(await retry?.isDelayed()).toBe(true);
    await fixtures.db.query(`UPDATE rides SET requested_at = now() - interval '2 hours' WHERE id = $1`, [
      ride,
    ]);
    expect(await handler.handle({ rideId: ride, round: 1 })).toMatchObject({ kind: 'batch', unserved: 1 });
    const status = await fixtures.db.query<{ status: string }>(`SELECT status FROM rides WHERE id = $1`, [
      ride,
    ]);
    expect(status.rows[0]?.status).toBe('unserved');
  });

  it('follows road times from an OSRM server when one is configured', async () => {
    // A local stand-in for OSRM's table service (its documented response format): the nearer
    // driver is across a river, 30 minutes away by road; the farther one is 2 minutes away.
    const zone = await aZone();
    const acrossRiver = await aDriverAt(zone.id, zone.at(0.002, 0.001));
    const sameBank = await aDriverAt(zone.id, zone.at(0.02, 0));
    const ride = await aRide(zone.id, zone.at(0, 0), zone.at(0.01, 0.01));
    const requested: string[] = [];
    const server: Server = createServer((req, res) => {
      requested.push(req.url ?? '');
      const coords = decodeURIComponent((req.url ?? '').split('/')[4]!.split('?')[0]!).split(';');
      const points = coords.map((c) => c.split(',').map(Number) as [number, number]);
      const near = (p: [number, number], q: LngLat) =>
        Math.abs(p[0] - q[0]) < 1e-6 && Math.abs(p[1] - q[1]) < 1e-6;
      const seconds = points.map((from) =>
        points.map((to) => {
          if (from === to) return 0;
          const river = near(from, zone.at(0.002, 0.001)) || near(to, zone.at(0.002, 0.001));
          return river ? 1800 : 120;
        }),
      );
      res.setHeader('content-type', 'application/json');
      res.end(
        JSON.stringify({
          code: 'Ok',
          durations: seconds,
          distances: seconds.map((r) => r.map((s) => s * 8)),
        }),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const port = (server.address() as { port: number }).port;
      const osrm = harness.handlerWith({
        speedMetersPerSecond: 8.33,
        circuity: 1.3,
        osrmUrl: `http://127.0.0.1:${port}`,
      });
      expect(await osrm.handle({ rideId: ride, round: 0 })).toMatchObject({ kind: 'batch', offered: 1 });
      expect((await offerOf(ride))[0]?.driver_id).toBe(sameBank.id);
      expect(requested.some((url) => url.startsWith('/table/v1/driving/'))).toBe(true);
      expect(acrossRiver.id).not.toBe(sameBank.id);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('a ride booked ahead waits until its horizon, then is matched for its pickup time', async () => {
    const zone = await aZone();
    const driver = await aDriverAt(zone.id, zone.at(0.005, 0));
    const later = await aRide(zone.id, zone.at(0, 0), zone.at(0.01, 0.01));
    const soon = await aRide(zone.id, zone.at(0.001, 0), zone.at(0.01, 0.01));
    await fixtures.db.query(`UPDATE rides SET pickup_at = now() + interval '2 hours' WHERE id = $1`, [later]);
    await fixtures.db.query(`UPDATE rides SET pickup_at = now() + interval '20 minutes' WHERE id = $1`, [
      soon,
    ]);
    expect(await handler.handle({ rideId: soon, round: 0 })).toMatchObject({
      kind: 'batch',
      rides: 1,
      offered: 1,
    });
    expect((await offerOf(soon))[0]?.driver_id).toBe(driver.id);
    expect(await offerOf(later)).toEqual([]);
    // Its pickup is planned for the booked time, not now.
    const stops = (await offerOf(soon))[0]!.planned_stops;
    expect(stops.map((s) => s.type)).toEqual(['pickup', 'dropoff']);
  });
});
