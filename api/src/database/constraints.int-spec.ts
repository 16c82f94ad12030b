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
