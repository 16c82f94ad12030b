import type { LngLat } from '@navette/contracts';
import { driverAvailability, restingUntil } from '@navette/sql';
import type { Fixtures } from '../../../api/test/fixtures.js';
import { openBatchHarness, type BatchHarness } from '../../test/batch-harness.js';
import type { MatchBatchHandler } from './match-batch.handler.js';

/**
 * Offers go only to drivers who can see them (a live socket, a fresh position), and a driver who
 * misses offers rests for a time that grows with consecutive misses, by the territory's rules.
 */
describe('who can be offered a ride: presence, position age and rest', () => {
  let harness: BatchHarness;
  let fixtures: Fixtures;
  let handler: MatchBatchHandler;
  let aDriverAt: BatchHarness['aDriverAt'];

  beforeAll(async () => {
    harness = await openBatchHarness('presence-int', 6);
    ({ fixtures, handler, aDriverAt } = harness);
  });

  afterAll(() => harness.close());

  let zones = 0;
  async function aZone(rules: Record<string, number> = {}) {
    const centre: LngLat = [5 + zones++ * 0.5, 45];
    const id = await fixtures.aTerritory({ centre, half: 0.2 });
    for (const [column, value] of Object.entries(rules)) {
      await fixtures.db.query(`UPDATE territories SET ${column} = $2 WHERE id = $1`, [id, value]);
    }
    return { id, at: (dx: number): LngLat => [centre[0] + dx, centre[1]] };
  }

  async function aRide(territory: string, pickup: LngLat): Promise<string> {
    const rider = await fixtures.aMember('rider');
    const rows = await fixtures.db.query<{ id: string }>(
      `INSERT INTO rides (rider_id, pickup, dropoff, territory_id)
       VALUES ($1, ST_SetSRID(ST_MakePoint($2, $3), 4326), ST_SetSRID(ST_MakePoint($2 + 0.01, $3), 4326), $4)
       RETURNING id`,
      [rider.id, pickup[0], pickup[1], territory],
    );
    return rows.rows[0]!.id;
  }

  /** Whom the batch offered the ride to. */
  async function offeredTo(territory: string, pickup: LngLat): Promise<string | undefined> {
    const rideId = await aRide(territory, pickup);
    await handler.handle({ rideId, round: 0 });
    const rows = await fixtures.db.query<{ driver_id: string }>(
      `SELECT driver_id FROM offers WHERE ride_id = $1 AND status = 'pending'`,
      [rideId],
    );
    return rows.rows[0]?.driver_id;
  }

  /** An offer the driver answered `secondsAgo` (declined, expired or accepted), in their shift. */
  async function anAnswer(
    driver: { id: string; shiftId: string },
    territory: string,
    status: 'declined' | 'expired' | 'accepted',
    secondsAgo: number,
  ): Promise<void> {
    const rideId = await aRide(territory, [0, 0]);
    const trip = await fixtures.db.query<{ id: string }>(
      `INSERT INTO trips (driver_id, shift_id, status, period)
       VALUES ($1, $2, 'cancelled', tstzrange(now() - interval '1 hour', now() - interval '59 minutes')) RETURNING id`,
      [driver.id, driver.shiftId],
    );
    await fixtures.db.query(
      `INSERT INTO offers (ride_id, driver_id, shift_id, trip_id, status, approach_meters, expires_at, responded_at)
       VALUES ($1, $2, $3, $4, $5, 0, now(), now() - make_interval(secs => $6))`,
      [rideId, driver.id, driver.shiftId, trip.rows[0]!.id, status, secondsAgo],
    );
  }

  /** How long the driver's current rest is, counted from their latest miss, seconds (exact). */
  const restSeconds = async (driverId: string) => {
    const until = await restingUntil(harness.db, driverId);
    const latest = await fixtures.db.query<{ at: Date }>(
      `SELECT max(responded_at) AS at FROM offers WHERE driver_id = $1 AND status IN ('declined', 'expired')`,
      [driverId],
    );
    return until && (until.getTime() - latest.rows[0]!.at.getTime()) / 1000;
  };

  it('skips a driver on shift with no live socket: the ride goes to a connected one farther away', async () => {
    const zone = await aZone();
    const gone = await aDriverAt(zone.id, zone.at(0.001), { connected: false });
    const live = await aDriverAt(zone.id, zone.at(0.02));
    expect(await offeredTo(zone.id, zone.at(0))).toBe(live.id);
    expect((await driverAvailability(harness.db, [gone.id])).get(gone.id)).toEqual({
      state: 'paused',
      reason: 'not-connected',
    });
  });

  it('skips a driver whose connection expired (their API node died without a goodbye)', async () => {
    const zone = await aZone();
    const crashed = await aDriverAt(zone.id, zone.at(0.001));
    await fixtures.db.query(
      `UPDATE driver_connections SET connected_at = now() - interval '1 minute', expires_at = now() - interval '1 second'
        WHERE driver_id = $1`,
      [crashed.id],
    );
    const live = await aDriverAt(zone.id, zone.at(0.02));
    expect(await offeredTo(zone.id, zone.at(0))).toBe(live.id);
  });

  it('skips a position older than the territory’s threshold (default 120 s), and follows the setting', async () => {
    const zone = await aZone();
    const silent = await aDriverAt(zone.id, zone.at(0.001), { reportedSecondsAgo: 19 * 60 });
    const live = await aDriverAt(zone.id, zone.at(0.02), { reportedSecondsAgo: 100 });
    expect(await offeredTo(zone.id, zone.at(0))).toBe(live.id);
    expect((await driverAvailability(harness.db, [silent.id])).get(silent.id)).toEqual({
      state: 'paused',
      reason: 'position-stale',
    });

    // The same ages, in a territory that tolerates 30 minutes: the nearer driver is asked.
    const lenient = await aZone({ position_max_age_seconds: 1800 });
    const old = await aDriverAt(lenient.id, lenient.at(0.001), { reportedSecondsAgo: 19 * 60 });
    await aDriverAt(lenient.id, lenient.at(0.02));
    expect(await offeredTo(lenient.id, lenient.at(0))).toBe(old.id);
  });

  it('rests 60 s after one miss, doubling with each consecutive miss up to 600 s; an accept resets it', async () => {
    const zone = await aZone();
    const driver = await aDriverAt(zone.id, zone.at(0.001));
    expect(await restSeconds(driver.id)).toBeUndefined();

    await anAnswer(driver, zone.id, 'declined', 10);
    expect(await restSeconds(driver.id)).toBe(60);
    const other = await aDriverAt(zone.id, zone.at(0.02));
    expect(await offeredTo(zone.id, zone.at(0))).toBe(other.id);

    // Three consecutive misses, the last 100 s ago: 240 s of rest from it.
    await fixtures.db.query(`DELETE FROM offers WHERE driver_id = $1`, [driver.id]);
    await anAnswer(driver, zone.id, 'expired', 300);
    await anAnswer(driver, zone.id, 'declined', 200);
    await anAnswer(driver, zone.id, 'expired', 100);
    expect(await restSeconds(driver.id)).toBe(240);
    expect((await driverAvailability(harness.db, [driver.id])).get(driver.id)).toMatchObject({
      state: 'paused',
      reason: 'resting',
    });

    // Seven misses: capped at 600 s.
    for (const ago of [90, 80, 70, 60]) await anAnswer(driver, zone.id, 'declined', ago);
    expect(await restSeconds(driver.id)).toBe(600);

    // An accept after them starts the count again: one miss since, 60 s.
    await anAnswer(driver, zone.id, 'accepted', 50);
    await anAnswer(driver, zone.id, 'declined', 40);
    expect(await restSeconds(driver.id)).toBe(60);
  });

  it('follows the territory’s rest settings, first rest and cap', async () => {
    const zone = await aZone({ rest_after_miss_seconds: 300, rest_max_seconds: 900 });
    const driver = await aDriverAt(zone.id, zone.at(0.001));
    await anAnswer(driver, zone.id, 'declined', 200);
    expect(await restSeconds(driver.id)).toBe(300);
    await anAnswer(driver, zone.id, 'declined', 100);
    expect(await restSeconds(driver.id)).toBe(600);
    await anAnswer(driver, zone.id, 'declined', 10);
    expect(await restSeconds(driver.id)).toBe(900);

    // No rest at all where the territory says 0: the driver is asked again at once.
    const relaxed = await aZone({ rest_after_miss_seconds: 0 });
    const keen = await aDriverAt(relaxed.id, relaxed.at(0.001));
    await anAnswer(keen, relaxed.id, 'declined', 1);
    await aDriverAt(relaxed.id, relaxed.at(0.02));
    expect(await offeredTo(relaxed.id, relaxed.at(0))).toBe(keen.id);
  });
});
