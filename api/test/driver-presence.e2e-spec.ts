import type { DriverPaused, OfferView, RideView, ShiftView } from '@navette/contracts';
import { Fixtures } from './fixtures.js';
import {
  emit,
  aDriverOnShift,
  client,
  eventually,
  login,
  nextEvent,
  startStack,
  type Socket,
  type Stack,
} from './stack.js';

const point = (lng: number, lat: number) => ({ type: 'Point', coordinates: [lng, lat] });

/**
 * Offers reach only drivers who can answer them: a live socket and a fresh position. A driver
 * who misses offers rests, longer with each consecutive miss, and is told why and until when.
 */
describe('drivers who are gone get no offers; resting drivers know until when', () => {
  let stack: Stack;
  let fixtures: Fixtures;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    stack = await startStack();
    fixtures = Fixtures.open(stack.databaseUrl);
  });

  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await fixtures.close();
    await stack.stop();
  });

  async function driverOnShift(at: [number, number]) {
    const driver = await aDriverOnShift(stack, fixtures, at);
    sockets.push(driver.socket);
    return driver;
  }

  async function requestRide(from: [number, number]) {
    const rider = await fixtures.aMember('rider');
    const { token } = await login(stack.baseUrl, rider.email, rider.password);
    const created = await client(stack.baseUrl, token).post<RideView>('/api/rides', {
      pickup: point(...from),
      dropoff: point(from[0] + 0.02, from[1] + 0.01),
    });
    expect(created.status).toBe(201);
    return created.body.id;
  }

  const availability = async (http: ReturnType<typeof client>) =>
    (await http.get<ShiftView>('/api/shifts/current')).body.availability;

  it('skips a driver on shift with no socket: the ride goes to a connected one farther away', async () => {
    await fixtures.aTerritory({ centre: [30, 60], half: 0.1 });
    const absent = await fixtures.aDriver();
    const { token } = await login(stack.baseUrl, absent.email, absent.password);
    const absentHttp = client(stack.baseUrl, token);
    expect((await absentHttp.post('/api/shifts/start', { position: [30.001, 60.001] })).status).toBe(200);
    const live = await driverOnShift([30.03, 60.02]);

    const offered = nextEvent<OfferView>(live.socket, 'offer:received');
    const rideId = await requestRide([30.002, 60.002]);
    expect((await offered).rideId).toBe(rideId);
    const askedAbsent = await fixtures.db.query(`SELECT 1 FROM offers WHERE driver_id = $1`, [absent.id]);
    expect(askedAbsent.rowCount).toBe(0);
    // On reload, the driver app learns why.
    expect(await availability(absentHttp)).toEqual({ state: 'paused', reason: 'not-connected' });
    expect(await availability(live.http)).toEqual({ state: 'available' });
  });

  it('skips a driver whose socket closed', async () => {
    await fixtures.aTerritory({ centre: [31, 60], half: 0.1 });
    const left = await driverOnShift([31.001, 60.001]);
    const live = await driverOnShift([31.03, 60.02]);
    left.socket.close();
    await eventually(async () => ((await availability(left.http))?.state === 'paused' ? true : undefined));

    const offered = nextEvent<OfferView>(live.socket, 'offer:received');
    const rideId = await requestRide([31.002, 60.002]);
    expect((await offered).rideId).toBe(rideId);
  });

  it('skips a driver whose position is older than the threshold, tells them, and takes them back on a report', async () => {
    await fixtures.aTerritory({ centre: [32, 60], half: 0.1 });
    const quiet = await driverOnShift([32.001, 60.001]);
    const live = await driverOnShift([32.03, 60.02]);

    // The app stopped reporting 19 minutes ago (the territory's threshold is the default 120 s).
    const paused = nextEvent<DriverPaused>(quiet.socket, 'driver:paused');
    await fixtures.db.query(
      `UPDATE driver_positions SET reported_at = now() - interval '19 minutes' WHERE driver_id = $1`,
      [quiet.id],
    );
    expect(await paused).toEqual({ reason: 'position-stale' });
    expect(await availability(quiet.http)).toEqual({ state: 'paused', reason: 'position-stale' });

    const offered = nextEvent<OfferView>(live.socket, 'offer:received');
    const rideId = await requestRide([32.002, 60.002]);
    expect((await offered).rideId).toBe(rideId);
    expect((await fixtures.db.query(`SELECT 1 FROM offers WHERE driver_id = $1`, [quiet.id])).rowCount).toBe(
      0,
    );

    const resumed = nextEvent(quiet.socket, 'driver:resumed');
    expect(await emit(quiet.socket, 'position:report', { position: [32.001, 60.001] })).toHaveProperty(
      'data',
    );
    await resumed;
    expect(await availability(quiet.http)).toEqual({ state: 'available' });
  });

  it('rests the territory’s time after a decline, twice as long after the next miss, and says until when', async () => {
    const territory = await fixtures.aTerritory({ centre: [33, 60], half: 0.1, offerTimeoutSeconds: 5 });
    await fixtures.db.query(
      `UPDATE territories SET rest_after_miss_seconds = 300, rest_max_seconds = 3600 WHERE id = $1`,
      [territory],
    );
    const driver = await driverOnShift([33.001, 60.001]);
    const latestMiss = async () =>
      (
        await fixtures.db.query<{ at: Date }>(
          `SELECT max(responded_at) AS at FROM offers WHERE driver_id = $1 AND status IN ('declined', 'expired')`,
          [driver.id],
        )
      ).rows[0]!.at;

    // First miss, a decline: 300 s.
    const first = nextEvent<OfferView>(driver.socket, 'offer:received');
    await requestRide([33.002, 60.002]);
    const restFirst = nextEvent<DriverPaused>(driver.socket, 'driver:paused', (p) => p.reason === 'resting');
    // Told twice: by the decline itself, and by the node's heartbeat noticing the change.
    const restSeen = new Promise<void>((resolve) => {
      let count = 0;
      driver.socket.on('driver:paused', (p: DriverPaused) => {
        if (p.reason === 'resting' && ++count === 2) resolve();
      });
    });
    expect(await emit(driver.socket, 'offer:decline', { offerId: (await first).id })).toHaveProperty('data');
    const told = await restFirst;
    expect(new Date(told.until!).getTime() - (await latestMiss()).getTime()).toBe(300_000);
    expect(await availability(driver.http)).toEqual({
      state: 'paused',
      reason: 'resting',
      until: told.until,
    });

    // While resting, a new ride is not offered to them.
    const waiting = await requestRide([33.003, 60.003]);
    await eventually(async () => {
      const rows = await fixtures.db.query(`SELECT 1 FROM rides WHERE id = $1 AND match_round >= 1`, [
        waiting,
      ]);
      return rows.rowCount ? true : undefined;
    });
    expect((await fixtures.db.query(`SELECT 1 FROM offers WHERE ride_id = $1`, [waiting])).rowCount).toBe(0);
    await fixtures.db.query(`UPDATE rides SET status = 'cancelled' WHERE id = $1`, [waiting]);

    // The rest is over (as if an hour passed): the heartbeat says so. No accept came since,
    // so the next miss, an expiry this time, rests twice as long.
    await restSeen;
    const resumed = nextEvent(driver.socket, 'driver:resumed');
    await fixtures.db.query(
      `UPDATE offers SET responded_at = responded_at - interval '1 hour' WHERE driver_id = $1`,
      [driver.id],
    );
    await resumed;
    const second = nextEvent<OfferView>(driver.socket, 'offer:received', undefined, 15_000);
    await requestRide([33.004, 60.004]);
    await second;
    const restSecond = await nextEvent<DriverPaused>(
      driver.socket,
      'driver:paused',
      (p) => p.reason === 'resting',
      20_000,
    );
    expect(new Date(restSecond.until!).getTime() - (await latestMiss()).getTime()).toBe(600_000);
  }, 60_000);
});
