import type {
  DecisionView,
  ErrorBody,
  LiveDriver,
  OfferView,
  OverrideResult,
  RideView,
  TerritoryLiveView,
} from '@navette/contracts';
import { aPerson } from './community-fixtures.js';
import { Fixtures } from './fixtures.js';
import {
  emit,
  aDriverOnShift,
  client,
  connectSocket,
  eventually,
  login,
  nextEvent,
  startStack,
  type Socket,
  type Stack,
} from './stack.js';

const point = (lng: number, lat: number) => ({ type: 'Point', coordinates: [lng, lat] });

/**
 * `GET /api/territories/:id/live` on the real stack: each driver's state as the dispatcher sees it,
 * each waiting ride's age and the engine's latest reason in words, for the territory's coordinators
 * and those of the territories containing it only.
 */
describe('the coordinator’s live view of a territory (ADR 0021)', () => {
  let stack: Stack;
  let fixtures: Fixtures;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    stack = await startStack();
    fixtures = Fixtures.open(stack.databaseUrl);
  });

  afterAll(async () => {
    for (const socket of sockets) socket.close();
    // Let the API forget the sockets (a row each in driver_connections) before the database goes.
    await eventually(async () =>
      Number((await fixtures.db.query(`SELECT count(*) FROM driver_connections`)).rows[0].count) === 0
        ? true
        : undefined,
    ).catch(() => undefined);
    await fixtures.close();
    await stack.stop();
  });

  async function driverOnShift(at: [number, number]) {
    const driver = await aDriverOnShift(stack, fixtures, at);
    sockets.push(driver.socket);
    return driver;
  }

  it('names each driver’s state and why each ride waits, in scope only', async () => {
    const region = await fixtures.aTerritory({ level: 'region', centre: [34, 60], half: 0.5 });
    const town = await fixtures.aTerritory({ centre: [34, 60], half: 0.1, parentId: region });
    await fixtures.db.query(`UPDATE territories SET rest_after_miss_seconds = 600 WHERE id = $1`, [town]);
    const coordinator = await aPerson(fixtures, stack.baseUrl, 'coordinator', { coordinates: [town] });
    const regional = await aPerson(fixtures, stack.baseUrl, 'coordinator', { coordinates: [region] });
    const stranger = await aPerson(fixtures, stack.baseUrl, 'coordinator', {
      coordinates: [await fixtures.aTerritory({ centre: [36, 60] })],
    });
    const rider = await aPerson(fixtures, stack.baseUrl, 'rider');
    const getLive = async (http = coordinator.http) =>
      (await http.get<TerritoryLiveView>(`/api/territories/${town}/live`)).body;
    const stateOf = (view: TerritoryLiveView, driverId: string): Partial<LiveDriver> | undefined => {
      const d = view.drivers.find((x) => x.driverId === driverId);
      return d && { state: d.state, pausedBecause: d.pausedBecause, restingUntil: d.restingUntil };
    };

    expect((await stranger.http.get(`/api/territories/${town}/live`)).status).toBe(404);
    expect((await rider.http.get(`/api/territories/${town}/live`)).status).toBe(403);
    expect((await regional.http.get(`/api/territories/${town}/live`)).status).toBe(200);

    // On shift without a socket; on shift with a stale position.
    const absent = await fixtures.aDriver({ name: 'Absent' });
    const absentHttp = client(
      stack.baseUrl,
      (await login(stack.baseUrl, absent.email, absent.password)).token,
    );
    expect((await absentHttp.post('/api/shifts/start', { position: [34.001, 60.001] })).status).toBe(200);
    const stale = await driverOnShift([34.003, 60.003]);
    await fixtures.db.query(
      `UPDATE driver_positions SET reported_at = now() - interval '2 hours' WHERE driver_id = $1`,
      [stale.id],
    );

    // A ride nobody can take waits, and says why.
    const ride = await rider.http.post<RideView>('/api/rides', {
      pickup: point(34.002, 60.002),
      dropoff: point(34.02, 60.01),
    });
    expect(ride.status).toBe(201);
    const waiting = await eventually(async () => {
      const view = await getLive();
      const r = view.waiting.find((w) => w.rideId === ride.body.id);
      return r?.lastUnmatched ? view : undefined;
    });
    expect(stateOf(waiting, absent.id)).toEqual({ state: 'paused', pausedBecause: 'not-connected' });
    expect(stateOf(waiting, stale.id)).toEqual({ state: 'paused', pausedBecause: 'position-stale' });
    const waitingRide = waiting.waiting.find((w) => w.rideId === ride.body.id)!;
    expect(waitingRide).toMatchObject({ status: 'requested', offeredTo: null, pickup: [34.002, 60.002] });
    expect(waitingRide.waitingSeconds).toBeGreaterThanOrEqual(0);
    expect(waitingRide.why.map((w) => w.code).sort()).toEqual(['not-connected', 'position-stale']);
    expect(waitingRide.why.find((w) => w.code === 'not-connected')!.text).toBe('1 driver(s) not connected');
    const { token } = await login(stack.baseUrl, coordinator.email, coordinator.password);
    const french = await fetch(`${stack.baseUrl}/api/territories/${town}/live`, {
      headers: { authorization: `Bearer ${token}`, 'accept-language': 'fr-FR,fr;q=0.9' },
    });
    const inFrench = ((await french.json()) as TerritoryLiveView).waiting.find(
      (w) => w.rideId === ride.body.id,
    )!;
    expect(inFrench.why.find((w) => w.code === 'not-connected')!.text).toBe('1 conducteur(s) non connectés');

    // A live driver is offered the ride, declines it and rests.
    const first = await driverOnShift([34.004, 60.004]);
    const offer = await nextEvent<OfferView>(first.socket, 'offer:received');
    const offered = await getLive();
    expect(stateOf(offered, first.id)).toEqual({ state: 'offered' });
    expect(offered.waiting.find((w) => w.rideId === ride.body.id)).toMatchObject({
      status: 'offered',
      offeredTo: first.id,
    });
    expect(await emit(first.socket, 'offer:decline', { offerId: offer.id })).toHaveProperty('data');
    const rested = await getLive();
    expect(stateOf(rested, first.id)).toMatchObject({ state: 'resting' });
    expect(Date.parse(stateOf(rested, first.id)!.restingUntil!)).toBeGreaterThan(Date.now());

    // Another takes it: on a trip; the ride no longer waits. A driver who just came is idle.
    const second = await driverOnShift([34.005, 60.005]);
    const next = await nextEvent<OfferView>(second.socket, 'offer:received');
    expect(await emit(second.socket, 'offer:accept', { offerId: next.id })).toHaveProperty('data');
    const idle = await driverOnShift([34.006, 60.006]);
    const after = await getLive();
    expect(stateOf(after, second.id)).toEqual({ state: 'on-trip' });
    expect(stateOf(after, idle.id)).toEqual({ state: 'idle' });
    expect(after.waiting.map((w) => w.rideId)).not.toContain(ride.body.id);
    expect(after.drivers.find((d) => d.driverId === idle.id)!.position).toEqual([34.006, 60.006]);
  });

  it('a coordinator withdraws an offer and releases a driver, with a reason in the audit log; the ride keeps its place', async () => {
    const town = await fixtures.aTerritory({ centre: [35, 60], half: 0.1 });
    const coordinator = await aPerson(fixtures, stack.baseUrl, 'coordinator', { coordinates: [town] });
    const stranger = await aPerson(fixtures, stack.baseUrl, 'coordinator', {
      coordinates: [await fixtures.aTerritory({ centre: [37, 60] })],
    });
    const rider = await aPerson(fixtures, stack.baseUrl, 'rider');
    const first = await driverOnShift([35.004, 60.004]);
    const offered = nextEvent<OfferView>(first.socket, 'offer:received');
    const ride = await rider.http.post<RideView>('/api/rides', {
      pickup: point(35.002, 60.002),
      dropoff: point(35.02, 60.01),
    });
    const offer = await offered;
    const requestedAt = async () =>
      (
        await fixtures.db.query<{ at: Date }>(`SELECT requested_at AS at FROM rides WHERE id = $1`, [
          ride.body.id,
        ])
      ).rows[0]!.at;
    const queuedAt = await requestedAt();

    const withdrawal = `/api/territories/${town}/offers/${offer.id}/withdrawal`;
    expect((await stranger.http.post(withdrawal, { reason: 'not mine' })).status).toBe(404);
    expect((await coordinator.http.post<ErrorBody>(withdrawal, {})).body.field).toBe('reason');
    const expired = nextEvent<{ offerId: string }>(first.socket, 'offer:expired');
    const withdrawn = await coordinator.http.post<OverrideResult>(withdrawal, {
      reason: 'driver phoned: car trouble',
    });
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body).toEqual({ releasedRideIds: [ride.body.id] });
    expect(await expired).toEqual({ offerId: offer.id });
    expect((await coordinator.http.post(withdrawal, { reason: 'again' })).status).toBe(409);

    // Back to matching at once: the next driver is offered it; the ride kept its place in the queue.
    const second = await driverOnShift([35.005, 60.005]);
    const next = await nextEvent<OfferView>(second.socket, 'offer:received');
    expect(next.rideId).toBe(ride.body.id);
    expect(await emit(second.socket, 'offer:accept', { offerId: next.id })).toHaveProperty('data');

    const release = `/api/territories/${town}/drivers/${second.id}/release`;
    expect((await stranger.http.post(release, { reason: 'not mine' })).status).toBe(404);
    const released = await coordinator.http.post<OverrideResult>(release, { reason: 'stuck in traffic' });
    expect(released.body).toEqual({ releasedRideIds: [ride.body.id] });
    const third = await driverOnShift([35.006, 60.006]);
    expect((await nextEvent<OfferView>(third.socket, 'offer:received')).rideId).toBe(ride.body.id);
    expect(await requestedAt()).toEqual(queuedAt);

    const audit = await fixtures.db.query(
      `SELECT subject_id, decided_by, decision, reason, territory_id, ride_id FROM moderation_decisions
        WHERE decided_by = $1 ORDER BY created_at`,
      [coordinator.id],
    );
    expect(audit.rows).toEqual([
      {
        subject_id: first.id,
        decided_by: coordinator.id,
        decision: 'withdraw-offer',
        reason: 'driver phoned: car trouble',
        territory_id: town,
        ride_id: ride.body.id,
      },
      {
        subject_id: second.id,
        decided_by: coordinator.id,
        decision: 'release-driver',
        reason: 'stuck in traffic',
        territory_id: town,
        ride_id: null,
      },
    ]);
    const seen = await second.http.get<DecisionView[]>('/api/me/decisions');
    expect(seen.body.map((d) => [d.decision, d.reason])).toEqual([['release-driver', 'stuck in traffic']]);
  });

  it('a coordinator offers a waiting ride to a chosen driver: the engine checks it, says why not, logs why', async () => {
    const town = await fixtures.aTerritory({ centre: [38, 60], half: 0.1 });
    const coordinator = await aPerson(fixtures, stack.baseUrl, 'coordinator', { coordinates: [town] });
    const stranger = await aPerson(fixtures, stack.baseUrl, 'coordinator', {
      coordinates: [await fixtures.aTerritory({ centre: [39, 60] })],
    });
    const rider = await aPerson(fixtures, stack.baseUrl, 'rider');
    const small = await fixtures.aDriver({ seats: 1 });
    const smallToken = (await login(stack.baseUrl, small.email, small.password)).token;
    expect(
      (await client(stack.baseUrl, smallToken).post('/api/shifts/start', { position: [38.004, 60.004] }))
        .status,
    ).toBe(200);
    sockets.push(await connectSocket(stack.baseUrl, smallToken, { asDriverOnShift: true }));
    const big = await driverOnShift([38.005, 60.005]);

    // Nobody the rider trusts: the engine leaves the ride waiting.
    const ride = await rider.http.post<RideView>('/api/rides', {
      pickup: point(38.002, 60.002),
      dropoff: point(38.02, 60.01),
      seats: 2,
      maxTrustDistance: 1,
    });
    expect(ride.status).toBe(201);
    await eventually(async () => {
      const rows = await fixtures.db.query(`SELECT 1 FROM rides WHERE id = $1 AND unmatched_at IS NOT NULL`, [
        ride.body.id,
      ]);
      return rows.rowCount ? true : undefined;
    });

    const path = `/api/territories/${town}/rides/${ride.body.id}/offer`;
    expect((await stranger.http.post(path, { driverId: big.id, reason: 'not mine' })).status).toBe(404);
    expect((await coordinator.http.post<ErrorBody>(path, { driverId: big.id })).body.field).toBe('reason');
    const infeasible = await coordinator.http.post<ErrorBody>(path, {
      driverId: small.id,
      reason: 'closest',
    });
    expect(infeasible.status).toBe(409);
    expect(infeasible.body.message).toMatch(/capacity/);

    const received = nextEvent<OfferView>(big.socket, 'offer:received');
    const offered = await coordinator.http.post<{ offerId: string }>(path, {
      driverId: big.id,
      reason: 'the rider knows him from the village',
    });
    expect(offered.status).toBe(201);
    expect((await received).id).toBe(offered.body.offerId);
    expect((await received).rideId).toBe(ride.body.id);
    const again = await coordinator.http.post<ErrorBody>(path, { driverId: big.id, reason: 'again' });
    expect(again.status).toBe(409);
    const audit = await fixtures.db.query(
      `SELECT subject_id, decision, reason, ride_id FROM moderation_decisions WHERE decided_by = $1`,
      [coordinator.id],
    );
    expect(audit.rows).toEqual([
      {
        subject_id: big.id,
        decision: 'offer-ride',
        reason: 'the rider knows him from the village',
        ride_id: ride.body.id,
      },
    ]);
  });
});
