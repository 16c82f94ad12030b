import type { OfferView, RideView, RouteView, ShiftView, TripView } from '@navette/contracts';
import { Fixtures } from './fixtures.js';
import {
  aDriverOnShift,
  client,
  emit,
  login,
  nextEvent,
  startStack,
  type Socket,
  type Stack,
} from './stack.js';

const centre: [number, number] = [24.95, 60.18];
const driverAt: [number, number] = [24.945, 60.175];
const pickup: [number, number] = [24.9507, 60.1843];
const dropoff: [number, number] = [24.932, 60.169];

/**
 * What the driver's app reads and writes on the road (issue 9): the rider's notes on the trip and
 * the route, the detour an offer adds, how far from the stop each mark was made (no-show disputes
 * need it), and why offers stopped (the weekly limit).
 */
describe('driver road facts', () => {
  let stack: Stack;
  let fixtures: Fixtures;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    stack = await startStack();
    fixtures = Fixtures.open(stack.databaseUrl);
    await fixtures.aTerritory({ centre, half: 0.05 });
  }, 60_000);

  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await fixtures.close();
    await stack.stop();
  });

  async function aRider() {
    const member = await fixtures.aMember('rider');
    const { token } = await login(stack.baseUrl, member.email, member.password);
    return client(stack.baseUrl, token);
  }

  it('refuses notes that are empty or too long, naming the field, and writes nothing', async () => {
    const rider = await aRider();
    const before = await fixtures.countAll();
    for (const notes of ['   ', 'x'.repeat(281), 42]) {
      const refused = await rider.post('/api/rides', {
        pickup: { type: 'Point', coordinates: pickup },
        dropoff: { type: 'Point', coordinates: dropoff },
        notes,
      });
      expect(refused.status).toBe(400);
      expect(refused.body).toMatchObject({ code: 'VALIDATION_FAILED', field: 'notes' });
    }
    expect(await fixtures.countAll()).toEqual(before);
  });

  it('carries notes and detour to the driver, records each mark’s distance, and tells the weekly limit', async () => {
    const driver = await aDriverOnShift(stack, fixtures, driverAt);
    sockets.push(driver.socket);
    await fixtures.db.query(`UPDATE members SET weekly_trip_limit = 1 WHERE id = $1`, [driver.id]);
    const rider = await aRider();
    const offered = nextEvent<OfferView>(driver.socket, 'offer:received');
    const asked = await rider.post<RideView>('/api/rides', {
      pickup: { type: 'Point', coordinates: pickup },
      dropoff: { type: 'Point', coordinates: dropoff },
      notes: '  Blue door, ring twice  ',
    });
    expect(asked.status).toBe(201);
    const offer = await offered;
    // An idle driver: the detour is the approach and the ride itself.
    expect(offer.detourMeters).toBeGreaterThan(offer.approachMeters);
    expect(offer.detourSeconds).toBeGreaterThan(0);
    expect(await emit<TripView>(driver.socket, 'offer:accept', { offerId: offer.id })).toMatchObject({
      data: { notes: 'Blue door, ring twice' },
    });
    const route = await driver.http.get<RouteView>('/api/trips/route');
    expect(route.body.stops.map((s) => [s.type, s.notes])).toEqual([
      ['pickup', 'Blue door, ring twice'],
      ['dropoff', 'Blue door, ring twice'],
    ]);

    // Over the socket, with where the driver is: about 40 m from the pickup.
    const badPosition = await emit(driver.socket, 'trip:mark', {
      rideId: asked.body.id,
      event: 'picked_up',
      position: [500, 60],
    });
    expect(badPosition).toMatchObject({ error: { code: 'VALIDATION_FAILED', field: 'position' } });
    const picked = await emit<TripView>(driver.socket, 'trip:mark', {
      rideId: asked.body.id,
      event: 'picked_up',
      position: [pickup[0], pickup[1] + 0.00036],
    });
    expect(picked).toMatchObject({ data: { rideStatus: 'picked_up' } });

    // Over HTTP without a position: the last one reported (the shift's start) is measured.
    const refused = await driver.http.post(`/api/trips/${asked.body.id}/mark`, {
      event: 'dropped_off',
      position: 'here',
    });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ field: 'position' });
    const dropped = await driver.http.post<TripView>(`/api/trips/${asked.body.id}/mark`, {
      event: 'dropped_off',
    });
    expect(dropped.status).toBe(200);
    const row = await fixtures.db.query<{ pickup: number; dropoff: number; expected: number }>(
      `SELECT pickup_mark_distance_meters AS pickup, dropoff_mark_distance_meters AS dropoff,
              round(ST_DistanceSphere(ST_MakePoint($2, $3), dropoff))::int AS expected
         FROM rides WHERE id = $1`,
      [asked.body.id, driverAt[0], driverAt[1]],
    );
    expect(row.rows[0]!.pickup).toBeGreaterThanOrEqual(38);
    expect(row.rows[0]!.pickup).toBeLessThanOrEqual(42);
    expect(row.rows[0]!.dropoff).toBe(row.rows[0]!.expected);

    // One trip this week was the driver's own limit: offers stop, and the shift says why.
    const shift = await driver.http.get<ShiftView>('/api/shifts/current');
    expect(shift.body.availability).toEqual({ state: 'paused', reason: 'weekly-limit' });
  }, 60_000);
});
