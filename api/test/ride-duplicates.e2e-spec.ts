import type { ErrorBody, RideView } from '@navette/contracts';
import { Fixtures } from './fixtures.js';
import { client, login, startStack, type Stack } from './stack.js';

const pickup = { type: 'Point', coordinates: [24.95, 60.18] };
const dropoff = { type: 'Point', coordinates: [24.96, 60.19] };
const elsewhere = { type: 'Point', coordinates: [24.97, 60.2] };

/**
 * One request, one ride: an idempotency key answers only the body it came with, and a double tap
 * without a key returns the rider's open ride for that trip (201 when created, 200 when returned).
 */
describe('duplicate ride requests', () => {
  let stack: Stack;
  let fixtures: Fixtures;

  beforeAll(async () => {
    stack = await startStack({ dispatcher: false, rateLimits: { rideRequestsPerMinute: 1000 } });
    fixtures = Fixtures.open(stack.databaseUrl);
    await fixtures.aTerritory({ centre: [24.95, 60.18], half: 0.05 });
  });

  afterAll(async () => {
    await fixtures.close();
    await stack.stop();
  });

  async function aRider() {
    const member = await fixtures.aMember('rider');
    const http = client(stack.baseUrl, (await login(stack.baseUrl, member.email, member.password)).token);
    const rides = async () =>
      Number(
        (
          await fixtures.db.query<{ n: string }>(`SELECT count(*) AS n FROM rides WHERE rider_id = $1`, [
            member.id,
          ])
        ).rows[0]!.n,
      );
    return { ...member, http, rides };
  }

  it('the same Idempotency-Key with another body: 422 naming the key and the first ride, nothing written', async () => {
    const rider = await aRider();
    const key = { 'idempotency-key': 'tap-1' };
    const first = await rider.http.post<RideView>('/api/rides', { pickup, dropoff }, key);
    expect(first.status).toBe(201);
    const other = await rider.http.post<ErrorBody>('/api/rides', { pickup, dropoff: elsewhere }, key);
    expect(other.status).toBe(422);
    expect(other.body).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED', field: 'Idempotency-Key' });
    expect(other.body.message).toContain(first.body.id);
    const moreSeats = await rider.http.post<ErrorBody>('/api/rides', { pickup, dropoff, seats: 2 }, key);
    expect(moreSeats.status).toBe(422);
    expect(await rider.rides()).toBe(1);
  });

  it('a Point as RFC 7946 allows it (an altitude, foreign members) is the same place: kept as [lng, lat]', async () => {
    const rider = await aRider();
    const first = await rider.http.post<RideView>('/api/rides', {
      pickup: { ...pickup, coordinates: [24.95, 60.18, 12.5], name: 'by the door', style: { color: 'red' } },
      dropoff: { ...dropoff, coordinates: [24.96, 60.19, 0] },
    });
    expect(first.status).toBe(201);
    expect(first.body.pickup).toEqual(pickup);
    expect(first.body.dropoff).toEqual(dropoff);
    // Without the altitude it is the same trip: the open ride again.
    const again = await rider.http.post<RideView>('/api/rides', { pickup, dropoff });
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(first.body.id);
    // An altitude that is not a number is still refused, naming the field.
    const bad = await rider.http.post<ErrorBody>('/api/rides', {
      pickup: { ...pickup, coordinates: [24.95, 60.18, 'high'] },
      dropoff,
    });
    expect(bad.status).toBe(400);
    expect(bad.body.field).toBe('pickup');
    expect(await rider.rides()).toBe(1);
  });

  it('the same key with the same body, in any key order: the first ride again, 200', async () => {
    const rider = await aRider();
    const key = { 'idempotency-key': 'tap-2' };
    const first = await rider.http.post<RideView>('/api/rides', { pickup, dropoff, seats: 2 }, key);
    const again = await rider.http.post<RideView>('/api/rides', { seats: 2, dropoff, pickup }, key);
    expect([first.status, again.status]).toEqual([201, 200]);
    expect(again.body.id).toBe(first.body.id);
    expect(await rider.rides()).toBe(1);
  });

  it('a double tap without a key: one ride, both answers name it (one 201, one 200)', async () => {
    const rider = await aRider();
    const taps = await Promise.all(
      Array.from({ length: 4 }, () => rider.http.post<RideView>('/api/rides', { pickup, dropoff })),
    );
    expect(taps.map((t) => t.status).sort()).toEqual([200, 200, 200, 201]);
    expect(new Set(taps.map((t) => t.body.id)).size).toBe(1);
    expect(await rider.rides()).toBe(1);
  });

  it('another trip, another booked time, or the same trip after cancelling: a new ride', async () => {
    const rider = await aRider();
    const now = await rider.http.post<RideView>('/api/rides', { pickup, dropoff });
    const otherTrip = await rider.http.post<RideView>('/api/rides', { pickup, dropoff: elsewhere });
    const later = new Date(Date.now() + 3_600_000).toISOString();
    const booked = await rider.http.post<RideView>('/api/rides', { pickup, dropoff, pickupAt: later });
    expect([now.status, otherTrip.status, booked.status]).toEqual([201, 201, 201]);
    expect(await rider.rides()).toBe(3);

    expect((await rider.http.post(`/api/rides/${now.body.id}/cancel`)).status).toBe(200);
    const again = await rider.http.post<RideView>('/api/rides', { pickup, dropoff });
    expect(again.status).toBe(201);
    expect(again.body.id).not.toBe(now.body.id);
    expect(await rider.rides()).toBe(4);
  });

  it('another rider asking for the same trip gets a ride of their own', async () => {
    const [a, b] = [await aRider(), await aRider()];
    const rideOfA = await a.http.post<RideView>('/api/rides', { pickup, dropoff });
    const rideOfB = await b.http.post<RideView>('/api/rides', { pickup, dropoff });
    expect([rideOfA.status, rideOfB.status]).toEqual([201, 201]);
    expect(rideOfB.body.id).not.toBe(rideOfA.body.id);
  });
});
