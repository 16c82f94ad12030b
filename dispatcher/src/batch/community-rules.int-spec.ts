import type { LngLat } from '@navette/contracts';
import type { Fixtures } from '../../../api/test/fixtures.js';
import { openBatchHarness, type BatchHarness } from '../../test/batch-harness.js';
import type { MatchBatchHandler } from './match-batch.handler.js';

/** The community rules, scenario by scenario, through the real batch handler on real PostGIS. */
describe('community rules in matching', () => {
  let harness: BatchHarness;
  let fixtures: Fixtures;
  let handler: MatchBatchHandler;
  let aDriverAt: BatchHarness['aDriverAt'];

  beforeAll(async () => {
    harness = await openBatchHarness('rules-int', 8);
    ({ fixtures, handler, aDriverAt } = harness);
  });

  afterAll(() => harness.close());

  /** A town with two neighbourhoods side by side, far from every other scenario's. */
  let towns = 0;
  async function aTown(options: { escalateAfterSeconds?: number } = {}) {
    const cx = 10 + towns++ * 1;
    const town = await fixtures.aTerritory({ centre: [cx, 50], half: 0.2, level: 'town' });
    const west = await fixtures.aTerritory({
      centre: [cx - 0.05, 50],
      half: 0.04,
      level: 'neighbourhood',
      parentId: town,
    });
    const east = await fixtures.aTerritory({
      centre: [cx + 0.05, 50],
      half: 0.04,
      level: 'neighbourhood',
      parentId: town,
    });
    await fixtures.db.query(`UPDATE territories SET escalate_after_seconds = $2 WHERE id = $1`, [
      west,
      options.escalateAfterSeconds ?? 120,
    ]);
    return { town, west, east, at: (dx: number, dy = 0): LngLat => [cx + dx, 50 + dy] };
  }

  async function aRide(
    territory: string,
    pickup: LngLat,
    options: { riderId?: string; waitedSeconds?: number; maxTrust?: number } = {},
  ) {
    const riderId = options.riderId ?? (await fixtures.aMember('rider')).id;
    const rows = await fixtures.db.query<{ id: string }>(
      `INSERT INTO rides (rider_id, pickup, dropoff, territory_id, requested_at, max_trust_distance)
       VALUES ($1, ST_SetSRID(ST_MakePoint($2, $3), 4326), ST_SetSRID(ST_MakePoint($2 + 0.01, $3 + 0.005), 4326), $4,
               now() - make_interval(secs => $5), $6)
       RETURNING id`,
      [riderId, pickup[0], pickup[1], territory, options.waitedSeconds ?? 0, options.maxTrust ?? null],
    );
    return { id: rows.rows[0]!.id, riderId };
  }

  const vouch = (a: string, b: string) =>
    fixtures.db.query(`INSERT INTO vouches (voucher_id, vouchee_id) VALUES ($1, $2)`, [a, b]);
  const offer = async (rideId: string) =>
    (
      await fixtures.db.query<{
        driver_id: string;
        reach: string;
        driver_territory_id: string;
        explanation: { terms: { name: string; value: number; weight: number }[] };
      }>(
        `SELECT driver_id, reach, driver_territory_id, explanation FROM offers WHERE ride_id = $1 AND status = 'pending'`,
        [rideId],
      )
    ).rows[0];

  it('a rider’s trust limit is hard: the nearest driver three steps away is skipped for a friend', async () => {
    const t = await aTown();
    const stranger = await aDriverAt(t.west, t.at(-0.051));
    const friend = await aDriverAt(t.west, t.at(-0.07));
    const rider = await fixtures.aMember('rider');
    const middle = await fixtures.aMember('rider');
    const far = await fixtures.aMember('rider');
    await vouch(rider.id, friend.id); // 1 step
    await vouch(rider.id, middle.id);
    await vouch(middle.id, far.id);
    await vouch(far.id, stranger.id); // stranger is 3 steps away
    const ride = await aRide(t.west, t.at(-0.05), { riderId: rider.id, maxTrust: 2 });
    await handler.handle({ rideId: ride.id, round: 0 });
    const chosen = await offer(ride.id);
    expect(chosen?.driver_id).toBe(friend.id);
    expect(chosen?.explanation.terms).toContainEqual({ name: 'trust', value: 1, weight: 60 });
  });

  it('closer trust is preferred when it costs about the same', async () => {
    const t = await aTown();
    const unknown = await aDriverAt(t.west, t.at(-0.0505));
    const known = await aDriverAt(t.west, t.at(-0.0495));
    const ride = await aRide(t.west, t.at(-0.05));
    await vouch(ride.riderId, known.id);
    await handler.handle({ rideId: ride.id, round: 0 });
    expect((await offer(ride.id))?.driver_id).toBe(known.id);
    expect(unknown.id).not.toBe(known.id);
  });

  it('two members blocked by tit for two tats are not matched, until a coordinator clears it', async () => {
    const t = await aTown();
    const blocked = await aDriverAt(t.west, t.at(-0.0501));
    const other = await aDriverAt(t.west, t.at(-0.065));
    const ride = await aRide(t.west, t.at(-0.05));
    await fixtures.db.query(
      `INSERT INTO pair_blocks (member_id, counterpart_id, reason) VALUES ($1, $2, 'two failures')`,
      [blocked.id, ride.riderId],
    );
    await handler.handle({ rideId: ride.id, round: 0 });
    expect((await offer(ride.id))?.driver_id).toBe(other.id);

    await fixtures.db.query(`UPDATE pair_blocks SET cleared_at = now() WHERE member_id = $1`, [blocked.id]);
    // A step away: the first ride is still open, and a rider has one open ride per trip.
    const again = await aRide(t.west, t.at(-0.0499), { riderId: ride.riderId });
    await handler.handle({ rideId: again.id, round: 0 });
    expect((await offer(again.id))?.driver_id).toBe(blocked.id);
  });

  it('subsidiarity: local drivers first; the town’s after the neighbourhood’s wait limit', async () => {
    const t = await aTown({ escalateAfterSeconds: 120 });
    const local = await aDriverAt(t.west, t.at(-0.085));
    const townDriver = await aDriverAt(t.town, t.at(0.0)); // nearer, in the town between the neighbourhoods
    const fresh = await aRide(t.west, t.at(-0.02));
    await handler.handle({ rideId: fresh.id, round: 0 });
    expect(await offer(fresh.id)).toMatchObject({
      driver_id: local.id,
      reach: 'local',
      driver_territory_id: t.west,
    });

    const waited = await aRide(t.west, t.at(-0.02), { waitedSeconds: 150 });
    await handler.handle({ rideId: waited.id, round: 0 });
    expect(await offer(waited.id)).toMatchObject({
      driver_id: townDriver.id,
      reach: 'parent',
      driver_territory_id: t.town,
    });
  });

  it('federation: a neighbour that agreed lends its drivers after its delay, and the loan is recorded', async () => {
    const t = await aTown({ escalateAfterSeconds: 10_000 });
    const lender = await aDriverAt(t.east, t.at(0.03));
    await fixtures.db.query(
      `INSERT INTO territory_lending (lender_id, borrower_id, after_seconds) VALUES ($1, $2, 60)`,
      [t.east, t.west],
    );
    // Asked by the borrower only: the lender's drivers are not asked yet.
    const unagreed = await aRide(t.west, t.at(-0.02), { waitedSeconds: 61 });
    expect(await handler.handle({ rideId: unagreed.id, round: 0 })).toMatchObject({ offered: 0 });
    await fixtures.db.query(`UPDATE rides SET status = 'cancelled' WHERE id = $1`, [unagreed.id]);
    await fixtures.db.query(`UPDATE territory_lending SET agreed_at = now() WHERE lender_id = $1`, [t.east]);
    const early = await aRide(t.west, t.at(-0.02), { waitedSeconds: 10 });
    expect(await handler.handle({ rideId: early.id, round: 0 })).toMatchObject({ offered: 0 });
    const late = await aRide(t.west, t.at(-0.02), { waitedSeconds: 61 });
    await handler.handle({ rideId: late.id, round: 0 });
    expect(await offer(late.id)).toMatchObject({
      driver_id: lender.id,
      reach: 'neighbour',
      driver_territory_id: t.east,
    });
  });

  it('a volunteer’s own limits are kept, and a suspended driver is not asked', async () => {
    const t = await aTown();
    const atLimit = await aDriverAt(t.west, t.at(-0.0501));
    const quiet = await aDriverAt(t.west, t.at(-0.0502));
    const suspended = await aDriverAt(t.west, t.at(-0.0503));
    const available = await aDriverAt(t.west, t.at(-0.075));
    await fixtures.db.query(`UPDATE members SET weekly_trip_limit = 1 WHERE id = $1`, [atLimit.id]);
    const shift = await fixtures.db.query<{ id: string }>(`SELECT id FROM shifts WHERE driver_id = $1`, [
      atLimit.id,
    ]);
    await fixtures.db.query(
      `INSERT INTO trips (driver_id, shift_id, status, period) VALUES ($1, $2, 'completed', tstzrange(now() - interval '2 hours', now() - interval '1 hour'))`,
      [atLimit.id, shift.rows[0]!.id],
    );
    await fixtures.db.query(`UPDATE members SET quiet_hours = int4range(0, 1440) WHERE id = $1`, [quiet.id]);
    await fixtures.db.query(`UPDATE members SET standing = 'suspended' WHERE id = $1`, [suspended.id]);
    const ride = await aRide(t.west, t.at(-0.05));
    await handler.handle({ rideId: ride.id, round: 0 });
    expect((await offer(ride.id))?.driver_id).toBe(available.id);
  });

  it('fairness: while capacity is contended, a ride of a better-served zone yields to a worse-served one', async () => {
    const t = await aTown({ escalateAfterSeconds: 0 });
    await fixtures.db.query(`UPDATE territories SET escalate_after_seconds = 0 WHERE id = $1`, [t.east]);
    // Today west served 10 of 10 requests, east 5 of 10.
    for (let i = 0; i < 10; i++) {
      const w = await aRide(t.west, t.at(-0.06), { waitedSeconds: 3600 });
      const e = await aRide(t.east, t.at(0.06), { waitedSeconds: 3600 });
      await fixtures.db.query(`UPDATE rides SET status = 'completed' WHERE id = $1`, [w.id]);
      await fixtures.db.query(`UPDATE rides SET status = $2 WHERE id = $1`, [
        e.id,
        i < 5 ? 'completed' : 'unserved',
      ]);
    }
    // One idle driver in west near the border, two east rides waiting: capacity is contended.
    const driver = await aDriverAt(t.west, t.at(-0.012));
    const west = await aRide(t.west, t.at(-0.013), { waitedSeconds: 30 });
    const east = await aRide(t.east, t.at(0.012), { waitedSeconds: 30 });
    const east2 = await aRide(t.east, t.at(0.013), { waitedSeconds: 30 });
    await handler.handle({ rideId: west.id, round: 0 });

    expect(await offer(west.id)).toBeUndefined();
    const taken = [await offer(east.id), await offer(east2.id)].filter((o) => o !== undefined);
    expect(taken.map((o) => o.driver_id)).toEqual([driver.id]);
    const status = await fixtures.db.query<{ status: string; match_round: number }>(
      `SELECT status, match_round FROM rides WHERE id = $1`,
      [west.id],
    );
    expect(status.rows[0]).toEqual({ status: 'requested', match_round: 1 }); // held, tried again next round
    // The coordinator can read why: the ride yielded, for the one driver there was.
    const why = await fixtures.db.query<{ unmatched_explanation: { stage: string; others: unknown[] } }>(
      `SELECT unmatched_explanation FROM rides WHERE id = $1`,
      [west.id],
    );
    expect(why.rows[0]!.unmatched_explanation).toMatchObject({
      stage: 'unserved',
      others: [{ vehicleId: driver.id, reason: 'yields-to-worse-served-zone' }],
    });
  });

  it('fairness: a ride that waited long gets the only driver before a fresh one', async () => {
    const t = await aTown();
    await aDriverAt(t.west, t.at(-0.05));
    const fresh = await aRide(t.west, t.at(-0.049));
    const old = await aRide(t.west, t.at(-0.051), { waitedSeconds: 600 });
    await handler.handle({ rideId: fresh.id, round: 0 });
    expect(await offer(old.id)).toBeDefined();
    expect(await offer(fresh.id)).toBeUndefined();
    expect((await offer(old.id))?.explanation.terms.map((term) => term.name)).toEqual(
      expect.arrayContaining(['travel', 'trust', 'waiting', 'zone-priority', 'driver-load']),
    );
  });
});
