import pg from 'pg';
import { Fixtures } from '../../test/fixtures.js';
import { createTestDatabase, type TestDatabase } from '../../test/test-database.js';

/**
 * The invariants are database constraints: they hold when many connections race, whatever the
 * application code does. Each test fires concurrent raw writes from separate connections.
 */
describe('schema invariants under concurrent writes', () => {
  let database: TestDatabase;
  let fixtures: Fixtures;
  let pool: pg.Pool;

  beforeAll(async () => {
    database = await createTestDatabase();
    fixtures = Fixtures.open(database.url);
    pool = new pg.Pool({ connectionString: database.url, max: 20 });
    pool.on('error', () => undefined);
  });

  afterAll(async () => {
    await pool.end();
    await fixtures.close();
    await database.drop();
  });

  async function shiftOf(driver: { id: string; vehicleId: string }, territoryId: string): Promise<string> {
    const rows = await pool.query<{ id: string }>(
      `INSERT INTO shifts (driver_id, vehicle_id, territory_id) VALUES ($1, $2, $3) RETURNING id`,
      [driver.id, driver.vehicleId, territoryId],
    );
    return rows.rows[0]!.id;
  }

  async function aRide(riderId: string, territoryId: string): Promise<string> {
    const rows = await pool.query<{ id: string }>(
      `INSERT INTO rides (rider_id, pickup, dropoff, territory_id)
       VALUES ($1, ST_SetSRID(ST_MakePoint(24.95, 60.18), 4326), ST_SetSRID(ST_MakePoint(24.96, 60.19), 4326), $2)
       RETURNING id`,
      [riderId, territoryId],
    );
    return rows.rows[0]!.id;
  }

  /** Runs each write on its own connection at once; counts successes and constraint refusals. */
  async function race(writes: (() => Promise<unknown>)[]) {
    const results = await Promise.allSettled(writes.map((w) => w()));
    const refused = results.filter(
      (r) =>
        r.status === 'rejected' && ['23505', '23P01'].includes((r.reason as { code?: string }).code ?? ''),
    ).length;
    const other = results.filter((r) => r.status === 'rejected').length - refused;
    return { succeeded: results.filter((r) => r.status === 'fulfilled').length, refused, other };
  }

  async function aTrip(driverId: string, shiftId: string, status: 'offered' | 'active'): Promise<string> {
    const rows = await pool.query<{ id: string }>(
      `INSERT INTO trips (driver_id, shift_id, status, period) VALUES ($1, $2, $3, tstzrange(now(), NULL)) RETURNING id`,
      [driverId, shiftId, status],
    );
    return rows.rows[0]!.id;
  }

  /** A driver on an active trip carrying one ride, and a second ride offered to join that trip. */
  async function aPooledOffer() {
    const territory = await fixtures.aTerritory();
    const driver = await fixtures.aDriver();
    const shift = await shiftOf(driver, territory);
    const trip = await aTrip(driver.id, shift, 'active');
    // Two riders: one rider cannot have two open rides for the same trip.
    const riders = [await fixtures.aMember('rider'), await fixtures.aMember('rider')];
    const [carried, joining] = [await aRide(riders[0]!.id, territory), await aRide(riders[1]!.id, territory)];
    const offer = async (ride: string, status: string) =>
      (
        await pool.query<{ id: string }>(
          `INSERT INTO offers (ride_id, driver_id, shift_id, trip_id, approach_meters, expires_at, status)
           VALUES ($1, $2, $3, $4, 100, now() + interval '1 minute', $5) RETURNING id`,
          [ride, driver.id, shift, trip, status],
        )
      ).rows[0]!.id;
    await pool.query(`UPDATE rides SET status = 'picked_up' WHERE id = $1`, [carried]);
    await pool.query(`INSERT INTO assignments (ride_id, trip_id, offer_id) VALUES ($1, $2, $3)`, [
      carried,
      trip,
      await offer(carried, 'accepted'),
    ]);
    return { trip, carried, joining, joiningOffer: await offer(joining, 'pending') };
  }

  /** A connection of its own, in a transaction, and a way to wait until it waits for a lock. */
  async function aTransaction() {
    const client = await pool.connect();
    const pid = (await client.query<{ pid: number }>(`SELECT pg_backend_pid() AS pid`)).rows[0]!.pid;
    await client.query('BEGIN');
    return {
      client,
      async waitsForALock() {
        for (let i = 0; i < 400; i++) {
          const rows = await pool.query(
            `SELECT 1 FROM pg_stat_activity WHERE pid = $1 AND wait_event_type = 'Lock'`,
            [pid],
          );
          if (rows.rowCount) return;
          await new Promise((r) => setTimeout(r, 25));
        }
        throw new Error(`backend ${pid} never waited for a lock`);
      },
      async end(how: 'COMMIT' | 'ROLLBACK') {
        await client.query(how).catch(() => undefined);
        client.release();
      },
    };
  }

  const activeOnEndedTrips = async () =>
    (
      await pool.query(
        `SELECT a.id FROM assignments a JOIN trips t ON t.id = a.trip_id
          WHERE a.status = 'active' AND t.status NOT IN ('offered', 'active')`,
      )
    ).rowCount;

  /** The drop-off of the trip's last rider as it was written before the trip row was locked first. */
  const dropOffLast = (client: pg.PoolClient, pooled: Awaited<ReturnType<typeof aPooledOffer>>) =>
    client
      .query(`UPDATE assignments SET status = 'completed' WHERE ride_id = $1`, [pooled.carried])
      .then(() =>
        client.query(
          `UPDATE trips SET status = 'completed', period = tstzrange(lower(period), greatest(lower(period), now()))
            WHERE id = $1 AND NOT EXISTS (SELECT 1 FROM assignments WHERE trip_id = $1 AND status = 'active')`,
          [pooled.trip],
        ),
      );

  it('a ride joins a trip while its last rider is dropped off: the trip is not ended under it', async () => {
    const pooled = await aPooledOffer();
    const accept = await aTransaction();
    const dropOff = await aTransaction();
    // The accept takes the trip first and adds the ride; the drop-off then tries to end the trip.
    await accept.client.query(`UPDATE trips SET planned_stops = '[]' WHERE id = $1 AND status = 'active'`, [
      pooled.trip,
    ]);
    await accept.client.query(`INSERT INTO assignments (ride_id, trip_id, offer_id) VALUES ($1, $2, $3)`, [
      pooled.joining,
      pooled.trip,
      pooled.joiningOffer,
    ]);
    const ending = dropOffLast(dropOff.client, pooled).then(
      () => 'ended',
      (error: { code?: string; constraint?: string }) => `${error.code} ${error.constraint}`,
    );
    await dropOff.waitsForALock();
    await accept.end('COMMIT');
    expect(await ending).toBe('23514 trips_end_without_active_assignment');
    await dropOff.end('COMMIT');
    expect(await activeOnEndedTrips()).toBe(0);
  });

  it('a trip ended while a ride joins it: the ride is refused, not left on the ended trip', async () => {
    const pooled = await aPooledOffer();
    const dropOff = await aTransaction();
    const accept = await aTransaction();
    await dropOffLast(dropOff.client, pooled);
    const joining = accept.client
      .query(`INSERT INTO assignments (ride_id, trip_id, offer_id) VALUES ($1, $2, $3)`, [
        pooled.joining,
        pooled.trip,
        pooled.joiningOffer,
      ])
      .then(
        () => 'joined',
        (error: { code?: string; constraint?: string }) => `${error.code} ${error.constraint}`,
      );
    await accept.waitsForALock();
    await dropOff.end('COMMIT');
    expect(await joining).toBe('23514 assignments_active_on_active_trip');
    await accept.end('COMMIT');
    expect(await activeOnEndedTrips()).toBe(0);
  });

  it('one active assignment per request, however many accept at once', async () => {
    const territory = await fixtures.aTerritory();
    const rider = await fixtures.aMember('rider');
    const ride = await aRide(rider.id, territory);
    const drivers = await Promise.all(Array.from({ length: 12 }, () => fixtures.aDriver()));
    const attempts = await Promise.all(
      drivers.map(async (d) => {
        const shift = await shiftOf(d, territory);
        const trip = await aTrip(d.id, shift, 'active');
        const offer = await pool.query<{ id: string }>(
          `INSERT INTO offers (ride_id, driver_id, shift_id, trip_id, approach_meters, expires_at, status)
           VALUES ($1, $2, $3, $4, 100, now() + interval '1 minute', 'accepted') RETURNING id`,
          [ride, d.id, shift, trip],
        );
        return { offer: offer.rows[0]!.id, trip };
      }),
    );
    const outcome = await race(
      attempts.map(
        (a) => () =>
          pool.query(`INSERT INTO assignments (ride_id, trip_id, offer_id) VALUES ($1, $2, $3)`, [
            ride,
            a.trip,
            a.offer,
          ]),
      ),
    );
    expect(outcome).toEqual({ succeeded: 1, refused: 11, other: 0 });
    const active = await pool.query(`SELECT 1 FROM assignments WHERE ride_id = $1 AND status = 'active'`, [
      ride,
    ]);
    expect(active.rowCount).toBe(1);
  });

  it('a driver never holds two offers or trips that overlap', async () => {
    const territory = await fixtures.aTerritory();
    const driver = await fixtures.aDriver();
    const shift = await shiftOf(driver, territory);
    const outcome = await race(
      Array.from(
        { length: 10 },
        (_, i) => () =>
          pool.query(
            `INSERT INTO trips (driver_id, shift_id, status, period)
             VALUES ($1, $2, $3, tstzrange(now() + make_interval(mins => $4), NULL))`,
            [driver.id, shift, i % 2 ? 'offered' : 'active', i],
          ),
      ),
    );
    expect(outcome).toEqual({ succeeded: 1, refused: 9, other: 0 });
    // Holds that ended do not count: a completed trip, then a new offer.
    await pool.query(
      `UPDATE trips SET status = 'completed', period = tstzrange(lower(period), lower(period) + interval '1 minute')
        WHERE driver_id = $1`,
      [driver.id],
    );
    await aTrip(driver.id, shift, 'offered');
    await expect(aTrip(driver.id, shift, 'active')).rejects.toMatchObject({ code: '23P01' });
  });

  it('one pending offer per request, however many workers offer it at once', async () => {
    const territory = await fixtures.aTerritory();
    const rider = await fixtures.aMember('rider');
    const ride = await aRide(rider.id, territory);
    const drivers = await Promise.all(Array.from({ length: 10 }, () => fixtures.aDriver()));
    const holds = await Promise.all(
      drivers.map(async (d) => {
        const shift = await shiftOf(d, territory);
        return { driver: d.id, shift, trip: await aTrip(d.id, shift, 'offered') };
      }),
    );
    const outcome = await race(
      holds.map(
        (h) => () =>
          pool.query(
            `INSERT INTO offers (ride_id, driver_id, shift_id, trip_id, approach_meters, expires_at)
             VALUES ($1, $2, $3, $4, 100, now() + interval '1 minute')`,
            [ride, h.driver, h.shift, h.trip],
          ),
      ),
    );
    expect(outcome).toEqual({ succeeded: 1, refused: 9, other: 0 });
  });

  it('one open ride per rider and trip, however many double taps race; pickup and drop-off differ', async () => {
    const territory = await fixtures.aTerritory();
    const rider = await fixtures.aMember('rider');
    const outcome = await race(Array.from({ length: 8 }, () => () => aRide(rider.id, territory)));
    expect(outcome).toEqual({ succeeded: 1, refused: 7, other: 0 });
    await pool.query(`UPDATE rides SET status = 'cancelled' WHERE rider_id = $1`, [rider.id]);
    await aRide(rider.id, territory);
    await expect(
      pool.query(
        `INSERT INTO rides (rider_id, pickup, dropoff, territory_id)
         VALUES ($1, ST_SetSRID(ST_MakePoint(24.95, 60.18), 4326), ST_SetSRID(ST_MakePoint(24.95, 60.18), 4326), $2)`,
        [rider.id, territory],
      ),
    ).rejects.toMatchObject({ code: '23514' });
  });

  it('a territory is counter-clockwise outside whoever writes it: raw inserts and updates are turned', async () => {
    const clockwise = 'MULTIPOLYGON(((24 60, 24 60.1, 24.1 60.1, 24.1 60, 24 60)))';
    const rows = await pool.query<{ id: string; ccw: boolean }>(
      `INSERT INTO territories (name, level, area) VALUES ('Raw', 'region', ST_GeomFromText($1, 4326))
       RETURNING id, ST_IsPolygonCCW(area) AS ccw`,
      [clockwise],
    );
    expect(rows.rows[0]!.ccw).toBe(true);
    const updated = await pool.query<{ ccw: boolean }>(
      `UPDATE territories SET area = ST_GeomFromText($2, 4326) WHERE id = $1 RETURNING ST_IsPolygonCCW(area) AS ccw`,
      [rows.rows[0]!.id, clockwise],
    );
    expect(updated.rows[0]!.ccw).toBe(true);
    const constraint = await pool.query(`SELECT 1 FROM pg_constraint WHERE conname = 'territories_area_ccw'`);
    expect(constraint.rowCount).toBe(1);
  });
});
