import type { OfferView, RideView, RouteView } from '@navette/contracts';
import { Fixtures } from './fixtures.js';
import { holdRowLock, untilWaitingForLocks } from './row-lock.js';
import {
  acceptEveryOffer,
  aDriverOnShift,
  client,
  eventually,
  login,
  nextEvent,
  startStack,
  type Socket,
  type Stack,
} from './stack.js';

/** Races through the real API and dispatcher: the invariants hold whatever the interleaving. */
describe('races on the real stack', () => {
  let stack: Stack;
  let fixtures: Fixtures;
  const sockets: Socket[] = [];
  const acceptingDrivers: ReturnType<typeof acceptEveryOffer>[] = [];

  beforeAll(async () => {
    stack = await startStack({ retryNoDriverMs: 200 });
    fixtures = Fixtures.open(stack.databaseUrl);
  });

  afterAll(async () => {
    for (const driver of acceptingDrivers) await driver.idle();
    for (const s of sockets) s.close();
    await fixtures.close();
    await stack.stop();
  });

  async function driverOnShift(at: [number, number]) {
    const driver = await aDriverOnShift(stack, fixtures, at);
    sockets.push(driver.socket);
    return driver;
  }

  it('twenty simultaneous accepts of one offer: exactly one wins', async () => {
    await fixtures.aTerritory({ centre: [24.95, 60.18], half: 0.1 });
    const driver = await driverOnShift([24.951, 60.181]);
    const rider = await fixtures.aMember('rider');
    const riderHttp = client(stack.baseUrl, (await login(stack.baseUrl, rider.email, rider.password)).token);
    const offered = nextEvent<OfferView>(driver.socket, 'offer:received');
    await riderHttp.post('/api/rides', {
      pickup: { type: 'Point', coordinates: [24.952, 60.182] },
      dropoff: { type: 'Point', coordinates: [24.96, 60.19] },
    });
    const offer = await offered;
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        i % 2
          ? driver.http.post(`/api/offers/${offer.id}/accept`)
          : driver.socket.emitWithAck('offer:accept', { offerId: offer.id }),
      ),
    );
    const wins = answers.filter((a) => ('status' in a ? a.status === 200 : 'data' in (a as object)));
    expect(wins).toHaveLength(1);
    const rows = await fixtures.db.query(`SELECT 1 FROM assignments WHERE offer_id = $1`, [offer.id]);
    expect(rows.rowCount).toBe(1);
  });

  it('many riders and drivers accepting everything at once: no ride assigned twice, no driver on two trips', async () => {
    await fixtures.aTerritory({ centre: [25.5, 61.0], half: 0.1 });
    const drivers = await Promise.all(
      Array.from({ length: 6 }, (_, i) => driverOnShift([25.5 + i * 0.002, 61.0 + i * 0.001])),
    );
    // Every driver accepts whatever they are offered, then drops the rider off at once.
    for (const d of drivers) acceptingDrivers.push(acceptEveryOffer(d.socket, { complete: true }));
    const riders = await Promise.all(
      Array.from({ length: 24 }, async () => {
        const r = await fixtures.aMember('rider');
        return client(stack.baseUrl, (await login(stack.baseUrl, r.email, r.password)).token);
      }),
    );
    const created = await Promise.all(
      riders.map((http, i) =>
        http.post<RideView>('/api/rides', {
          pickup: { type: 'Point', coordinates: [25.5 + (i % 7) * 0.003, 61.0 + (i % 5) * 0.002] },
          dropoff: { type: 'Point', coordinates: [25.55, 61.05] },
        }),
      ),
    );
    expect(created.every((c) => c.status === 201)).toBe(true);
    const ids = created.map((c) => c.body.id);
    await eventually(async () => {
      const done = await fixtures.db.query(
        `SELECT 1 FROM rides WHERE id = ANY($1) AND status = 'completed'`,
        [ids],
      );
      return done.rowCount === ids.length ? true : undefined;
    }, 60_000);
    const twice = await fixtures.db.query(
      `SELECT ride_id FROM assignments WHERE ride_id = ANY($1) AND status <> 'cancelled' GROUP BY ride_id HAVING count(*) > 1`,
      [ids],
    );
    expect(twice.rowCount).toBe(0);
    const overlapping = await fixtures.db.query(
      `SELECT 1 FROM trips a JOIN trips b ON a.driver_id = b.driver_id AND a.id < b.id AND a.period && b.period
        WHERE a.status <> 'cancelled' AND b.status <> 'cancelled'`,
    );
    expect(overlapping.rowCount).toBe(0);
  });

  async function aRider() {
    const rider = await fixtures.aMember('rider');
    return client(stack.baseUrl, (await login(stack.baseUrl, rider.email, rider.password)).token);
  }

  /**
   * A driver carrying one rider (picked up) is offered a second ride that joins the same trip:
   * the pooled offer of the issue, ready to be accepted while the first rider is dropped off.
   */
  async function aPooledOffer([x, y]: [number, number]) {
    await fixtures.aTerritory({ centre: [x, y], half: 0.1 });
    const driver = await driverOnShift([x + 0.001, y + 0.001]);
    const [first, second] = [await aRider(), await aRider()];
    const offered = () => nextEvent<OfferView>(driver.socket, 'offer:received', undefined, 20_000);
    const firstOffer = offered();
    const carried = await first.post<RideView>('/api/rides', {
      pickup: { type: 'Point', coordinates: [x + 0.002, y + 0.002] },
      dropoff: { type: 'Point', coordinates: [x + 0.03, y + 0.03] },
    });
    expect((await driver.http.post(`/api/offers/${(await firstOffer).id}/accept`)).status).toBe(200);
    const pickedUp = await driver.http.post(`/api/trips/${carried.body.id}/mark`, { event: 'picked_up' });
    expect(pickedUp.status).toBe(200);
    const secondOffer = offered();
    const joining = await second.post<RideView>('/api/rides', {
      pickup: { type: 'Point', coordinates: [x + 0.003, y + 0.003] },
      dropoff: { type: 'Point', coordinates: [x + 0.029, y + 0.029] },
    });
    const offer = await secondOffer;
    const trip = await fixtures.db.query<{ id: string }>(
      `SELECT t.id FROM offers o JOIN trips t ON t.id = o.trip_id WHERE o.id = $1 AND t.status = 'active'`,
      [offer.id],
    );
    expect(trip.rowCount).toBe(1); // pooled: the offer joins the trip the driver is on
    return {
      driver,
      carriedId: carried.body.id,
      joiningId: joining.body.id,
      offer,
      tripId: trip.rows[0]!.id,
    };
  }

  /** The invariant of issue 1, in SQL: no active assignment on a trip of this driver that ended. */
  const activeOnEndedTrips = async (driverId: string) =>
    (
      await fixtures.db.query(
        `SELECT 1 FROM assignments a JOIN trips t ON t.id = a.trip_id
          WHERE t.driver_id = $1 AND a.status = 'active' AND t.status NOT IN ('offered', 'active')`,
        [driverId],
      )
    ).rowCount;

  it('a pooled accept that reaches the trip just before the last drop-off: the ride is on the route, the trip goes on', async () => {
    const pooled = await aPooledOffer([27.5, 63.0]);
    // Both requests queue on the trip row, the accept first, then are let go together.
    const lock = await holdRowLock(fixtures.db, 'trips', pooled.tripId);
    const accepting = pooled.driver.http.post(`/api/offers/${pooled.offer.id}/accept`);
    await untilWaitingForLocks(fixtures.db, 1);
    const droppingOff = pooled.driver.http.post(`/api/trips/${pooled.carriedId}/mark`, {
      event: 'dropped_off',
    });
    await untilWaitingForLocks(fixtures.db, 2);
    await lock.release();
    const [accepted, droppedOff] = await Promise.all([accepting, droppingOff]);
    expect([accepted.status, droppedOff.status]).toEqual([200, 200]);
    expect(await activeOnEndedTrips(pooled.driver.id)).toBe(0);
    const trip = await fixtures.db.query(`SELECT status FROM trips WHERE id = $1`, [pooled.tripId]);
    expect(trip.rows[0]).toEqual({ status: 'active' });
    const route = await pooled.driver.http.get<RouteView>('/api/trips/route');
    expect(route.body.stops.map((s) => [s.rideId, s.type])).toEqual([
      [pooled.joiningId, 'pickup'],
      [pooled.joiningId, 'dropoff'],
    ]);
  });

  it('a pooled accept that reaches the trip just after the last drop-off: the ride starts a new trip', async () => {
    const pooled = await aPooledOffer([27.8, 63.3]);
    const lock = await holdRowLock(fixtures.db, 'trips', pooled.tripId);
    const droppingOff = pooled.driver.http.post(`/api/trips/${pooled.carriedId}/mark`, {
      event: 'dropped_off',
    });
    await untilWaitingForLocks(fixtures.db, 1);
    const accepting = pooled.driver.http.post(`/api/offers/${pooled.offer.id}/accept`);
    await untilWaitingForLocks(fixtures.db, 2);
    await lock.release();
    const [droppedOff, accepted] = await Promise.all([droppingOff, accepting]);
    expect([droppedOff.status, accepted.status]).toEqual([200, 200]);
    expect(await activeOnEndedTrips(pooled.driver.id)).toBe(0);
    const route = await pooled.driver.http.get<RouteView>('/api/trips/route');
    expect(route.body.tripId).not.toBe(pooled.tripId);
    expect(route.body.stops.map((s) => s.rideId)).toEqual([pooled.joiningId, pooled.joiningId]);
  });

  it('an accept and a cancellation of the same ride at once: no deadlock, both answered, nothing left active', async () => {
    await fixtures.aTerritory({ centre: [28.1, 63.6], half: 0.1 });
    const driver = await driverOnShift([28.101, 63.601]);
    const rider = await aRider();
    const offered = nextEvent<OfferView>(driver.socket, 'offer:received', undefined, 20_000);
    const ride = await rider.post<RideView>('/api/rides', {
      pickup: { type: 'Point', coordinates: [28.102, 63.602] },
      dropoff: { type: 'Point', coordinates: [28.12, 63.62] },
    });
    const offer = await offered;
    // The accept queues on the offer, then the cancellation arrives: the order that deadlocked.
    const lock = await holdRowLock(fixtures.db, 'offers', offer.id);
    const accepting = driver.http.post(`/api/offers/${offer.id}/accept`);
    await untilWaitingForLocks(fixtures.db, 1);
    const cancelling = rider.post<RideView>(`/api/rides/${ride.body.id}/cancel`);
    await untilWaitingForLocks(fixtures.db, 2);
    await lock.release();
    const [accepted, cancelled] = await Promise.all([accepting, cancelling]);
    expect([accepted.status, cancelled.status]).toEqual([200, 200]);
    expect(cancelled.body.status).toBe('cancelled');
    const left = await fixtures.db.query(
      `SELECT (SELECT count(*)::int FROM assignments WHERE ride_id = $1 AND status = 'active') AS assignments,
              (SELECT count(*)::int FROM trips WHERE driver_id = $2 AND status IN ('offered', 'active')) AS trips`,
      [ride.body.id, driver.id],
    );
    expect(left.rows[0]).toEqual({ assignments: 0, trips: 0 });
  });

  it('a ride requested while the dispatcher is down is matched once it is back', async () => {
    await fixtures.aTerritory({ centre: [26.5, 62.0], half: 0.1 });
    const driver = await driverOnShift([26.501, 62.001]);
    await stack.stopDispatcher();
    const rider = await fixtures.aMember('rider');
    const http = client(stack.baseUrl, (await login(stack.baseUrl, rider.email, rider.password)).token);
    const created = await http.post<RideView>('/api/rides', {
      pickup: { type: 'Point', coordinates: [26.502, 62.002] },
      dropoff: { type: 'Point', coordinates: [26.52, 62.02] },
    });
    expect(created.status).toBe(201);
    const offered = nextEvent<OfferView>(driver.socket, 'offer:received', undefined, 20_000);
    await stack.startDispatcher();
    expect((await offered).rideId).toBe(created.body.id);
  });
});
