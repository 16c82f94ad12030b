import type { OfferView, RideView, RouteView, TripView } from '@navette/contracts';
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

const centre: [number, number] = [24.95, 60.18];
const near: [number, number] = [24.951, 60.181];
const far: [number, number] = [24.99, 60.2];
const pickup = { type: 'Point', coordinates: [24.952, 60.182] };
const dropoff = { type: 'Point', coordinates: [24.93, 60.17] };

describe('a ride from request to drop-off, on the real stack', () => {
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

  async function rider() {
    const member = await fixtures.aMember('rider');
    const { token } = await login(stack.baseUrl, member.email, member.password);
    const socket = await connectSocket(stack.baseUrl, token);
    sockets.push(socket);
    return { ...member, token, http: client(stack.baseUrl, token), socket };
  }

  it('offers to the nearest driver, moves on when declined, and follows the ride to completion', async () => {
    await fixtures.aTerritory({ centre, half: 0.1 });
    const nearDriver = await driverOnShift(near);
    const farDriver = await driverOnShift(far);
    const alice = await rider();

    const firstOffer = nextEvent<OfferView>(nearDriver.socket, 'offer:received');
    const created = await alice.http.post<RideView>('/api/rides', { pickup, dropoff, seats: 1 });
    expect(created.status).toBe(201);
    expect(created.body.status).toBe('requested');
    const rideId = created.body.id;

    const offer = await firstOffer;
    expect(offer.rideId).toBe(rideId);
    // The offer shows an area, not the address.
    expect(offer.pickupArea).toEqual([24.952, 60.182]);
    expect(offer.approachMeters).toBeGreaterThan(0);

    const secondOffer = nextEvent<OfferView>(farDriver.socket, 'offer:received');
    const declined = await emit<{ offerId: string }>(nearDriver.socket, 'offer:decline', {
      offerId: offer.id,
    });
    expect(declined).toEqual({ data: { offerId: offer.id } });
    const offer2 = await secondOffer;
    expect(offer2.rideId).toBe(rideId);

    const assigned = nextEvent<RideView>(alice.socket, 'ride:updated', (r) => r.status === 'assigned');
    const accepted = await emit<TripView>(farDriver.socket, 'offer:accept', { offerId: offer2.id });
    expect('data' in accepted && accepted.data.rideId).toBe(rideId);
    // Once accepted, the driver gets the exact address.
    expect('data' in accepted && accepted.data.pickup).toEqual(pickup);
    const assignedView = await assigned;
    expect(assignedView.driverId).toBe(farDriver.id);
    expect(assignedView.driverPosition).toEqual(far);
    expect(assignedView.expectedPickupAt).not.toBeNull();

    const moved = nextEvent<{ driverId: string; position: number[] }>(alice.socket, 'driver:moved');
    expect(await emit(farDriver.socket, 'position:report', { position: [24.96, 60.19] })).toHaveProperty(
      'data',
    );
    expect(await moved).toMatchObject({ driverId: farDriver.id, position: [24.96, 60.19] });

    const pickedUp = nextEvent<RideView>(alice.socket, 'ride:updated', (r) => r.status === 'picked_up');
    expect(await emit(farDriver.socket, 'trip:mark', { rideId, event: 'picked_up' })).toHaveProperty('data');
    expect((await pickedUp).driverPosition).toBeNull();
    const completed = nextEvent<RideView>(alice.socket, 'ride:updated', (r) => r.status === 'completed');
    const dropped = await emit<TripView>(farDriver.socket, 'trip:mark', { rideId, event: 'dropped_off' });
    expect('data' in dropped && dropped.data.status).toBe('completed');
    await completed;
    expect((await alice.http.get<RideView>(`/api/rides/${rideId}`)).body.status).toBe('completed');

    // The near driver's declined offer can no longer be accepted.
    const late = await emit(nearDriver.socket, 'offer:accept', { offerId: offer.id });
    expect(late).toMatchObject({ error: { code: 'OFFER_NOT_PENDING' } });
  });

  it('skips a silent driver when the offer expires, and an expired offer cannot be accepted', async () => {
    await fixtures.aTerritory({ centre: [25.5, 61.0], half: 0.1, offerTimeoutSeconds: 5 });
    const silent = await driverOnShift([25.501, 61.001]);
    // Near enough to reach the pickup within the territory's wait limit.
    const other = await driverOnShift([25.51, 61.01]);
    const bob = await rider();

    const offered = nextEvent<OfferView>(silent.socket, 'offer:received');
    const expired = nextEvent<{ offerId: string }>(silent.socket, 'offer:expired', undefined, 15_000);
    const nextOffer = nextEvent<OfferView>(other.socket, 'offer:received', undefined, 15_000);
    const created = await bob.http.post<RideView>('/api/rides', {
      pickup: { type: 'Point', coordinates: [25.502, 61.002] },
      dropoff: { type: 'Point', coordinates: [25.52, 61.02] },
    });
    expect(created.status).toBe(201);
    const offer = await offered;
    expect((await expired).offerId).toBe(offer.id);
    expect((await nextOffer).rideId).toBe(created.body.id);

    const late = await emit(silent.socket, 'offer:accept', { offerId: offer.id });
    expect(late).toMatchObject({ error: { code: 'OFFER_NOT_PENDING' } });
  }, 30_000);

  it('lets the rider cancel before pickup and frees the driver', async () => {
    await fixtures.aTerritory({ centre: [26.0, 62.0], half: 0.1 });
    const driver = await driverOnShift([26.001, 62.001]);
    const carol = await rider();
    const offered = nextEvent<OfferView>(driver.socket, 'offer:received');
    const created = await carol.http.post<RideView>('/api/rides', {
      pickup: { type: 'Point', coordinates: [26.002, 62.002] },
      dropoff: { type: 'Point', coordinates: [26.02, 62.02] },
    });
    const offer = await offered;
    const accepted = await emit<TripView>(driver.socket, 'offer:accept', { offerId: offer.id });
    expect(accepted).toHaveProperty('data');

    const told = nextEvent<RideView>(driver.socket, 'ride:updated', (r) => r.status === 'cancelled');
    const cancelled = await carol.http.post<RideView>(`/api/rides/${created.body.id}/cancel`);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe('cancelled');
    await told;
    expect((await driver.http.get<TripView[]>('/api/trips/current')).body).toEqual([]);
    // Cancelling twice is harmless; cancelling after completion is refused elsewhere.
    expect((await carol.http.post<RideView>(`/api/rides/${created.body.id}/cancel`)).body.status).toBe(
      'cancelled',
    );
  });

  it('shows every pending offer again after a reconnect, once', async () => {
    await fixtures.aTerritory({ centre: [27.0, 63.0], half: 0.1 });
    const driver = await driverOnShift([27.001, 63.001]);
    const dave = await rider();
    const offered = nextEvent<OfferView>(driver.socket, 'offer:received');
    await dave.http.post('/api/rides', {
      pickup: { type: 'Point', coordinates: [27.002, 63.002] },
      dropoff: { type: 'Point', coordinates: [27.02, 63.02] },
    });
    const offer = await offered;
    driver.socket.close();

    const again = await connectSocket(stack.baseUrl, driver.token);
    sockets.push(again);
    const received: OfferView[] = [];
    again.on('offer:received', (o: OfferView) => received.push(o));
    expect(await emit(again, 'offers:resend', {})).toEqual({ data: { count: 1 } });
    await eventually(() => Promise.resolve(received.length === 1 ? true : undefined));
    expect(received.map((o) => o.id)).toEqual([offer.id]);
  });

  it('pools a second ride on the way into the driver’s trip, and the route interleaves the stops', async () => {
    await fixtures.aTerritory({ centre: [28.0, 64.0], half: 0.1 });
    const driver = await driverOnShift([28.0, 64.0]);
    await driverOnShift([27.95, 63.97]);
    const first = await rider();
    const second = await rider();
    const point = (lng: number, lat: number) => ({ type: 'Point', coordinates: [lng, lat] });

    const offered1 = nextEvent<OfferView>(driver.socket, 'offer:received');
    const ride1 = await first.http.post<RideView>('/api/rides', {
      pickup: point(28.001, 64.0),
      dropoff: point(28.05, 64.0),
    });
    expect(await emit(driver.socket, 'offer:accept', { offerId: (await offered1).id })).toHaveProperty(
      'data',
    );

    const offered2 = nextEvent<OfferView>(driver.socket, 'offer:received');
    const ride2 = await second.http.post<RideView>('/api/rides', {
      pickup: point(28.01, 64.0005),
      dropoff: point(28.04, 64.0005),
    });
    const offer2 = await offered2;
    expect(offer2.rideId).toBe(ride2.body.id);
    expect(await emit(driver.socket, 'offer:accept', { offerId: offer2.id })).toHaveProperty('data');

    const route = await driver.http.get<RouteView>('/api/trips/route');
    expect(route.body.stops.map((s) => [s.rideId, s.type])).toEqual([
      [ride1.body.id, 'pickup'],
      [ride2.body.id, 'pickup'],
      [ride2.body.id, 'dropoff'],
      [ride1.body.id, 'dropoff'],
    ]);
    const trips = await fixtures.db.query(
      `SELECT DISTINCT trip_id FROM assignments WHERE ride_id = ANY($1) AND status = 'active'`,
      [[ride1.body.id, ride2.body.id]],
    );
    expect(trips.rowCount).toBe(1);

    // Picking up the first rider removes that stop from the route ahead.
    expect(
      await emit(driver.socket, 'trip:mark', { rideId: ride1.body.id, event: 'picked_up' }),
    ).toHaveProperty('data');
    const after = await driver.http.get<RouteView>('/api/trips/route');
    expect(after.body.stops).toHaveLength(3);
    expect(after.body.stops[0]).toMatchObject({ rideId: ride2.body.id, type: 'pickup' });

    // The second rider cancels: the trip goes on for the first one.
    expect((await second.http.post<RideView>(`/api/rides/${ride2.body.id}/cancel`)).body.status).toBe(
      'cancelled',
    );
    const left = await driver.http.get<RouteView>('/api/trips/route');
    expect(left.body.tripId).toBe(route.body.tripId);
    expect(left.body.stops.map((s) => [s.rideId, s.type])).toEqual([[ride1.body.id, 'dropoff']]);
    expect((await first.http.get<RideView>(`/api/rides/${ride1.body.id}`)).body.status).toBe('picked_up');
  });

  it('a driver marks a rider who did not come as a no-show; the ride ends and the driver is free', async () => {
    await fixtures.aTerritory({ centre: [29.0, 65.0], half: 0.1 });
    const driver = await driverOnShift([29.0, 65.0]);
    const eve = await rider();
    const offered = nextEvent<OfferView>(driver.socket, 'offer:received');
    const created = await eve.http.post<RideView>('/api/rides', {
      pickup: { type: 'Point', coordinates: [29.001, 65.001] },
      dropoff: { type: 'Point', coordinates: [29.02, 65.02] },
    });
    expect(await emit(driver.socket, 'offer:accept', { offerId: (await offered).id })).toHaveProperty('data');
    const told = nextEvent<RideView>(eve.socket, 'ride:updated', (r) => r.status === 'no_show');
    const marked = await emit<TripView>(driver.socket, 'trip:mark', {
      rideId: created.body.id,
      event: 'no_show',
    });
    expect(marked).toMatchObject({ data: { rideStatus: 'no_show', status: 'completed' } });
    await told;
    expect((await driver.http.get<TripView[]>('/api/trips/current')).body).toEqual([]);
    // Once the pickup is past, a no-show cannot be marked any more.
    expect(
      await emit(driver.socket, 'trip:mark', { rideId: created.body.id, event: 'picked_up' }),
    ).toMatchObject({
      error: { code: 'CONFLICT' },
    });
    expect(
      await emit(driver.socket, 'trip:mark', { rideId: created.body.id, event: 'arrived' }),
    ).toMatchObject({
      error: { field: 'event' },
    });
  });
});
