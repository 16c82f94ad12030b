import type { OfferView, RideView, RouteView, TripTakenOver, TripView } from '@navette/contracts';
import { brokenInvariants } from './dispatch-invariants.js';
import { emit, nextEvent, useStack } from './stack.js';

/**
 * A driver who can be at a promised pickup sooner takes it over (ADR 0041), on the real stack: the
 * dispatcher's sweeper gives the zone a batch, its takeover stage offers the ride to the nearer
 * driver, and the API moves it only when that driver accepts, while it still waits for the first.
 */
describe('a promised pickup taken over by a driver who can be there sooner', () => {
  const use = useStack();
  let serial = 0;

  // Whatever each case did, dispatch's invariants hold (the ones that need no drained system).
  afterEach(async () => {
    expect(await brokenInvariants(use().fixtures.db, { drained: false })).toEqual([]);
  });

  /**
   * A territory of its own (each test its own zone), a rider, and a ride accepted by a driver about
   * 5 km from the pickup: ~13 min away by the travel model, further than the 10 min lead.
   */
  async function promisedFarAway() {
    const { fixtures, driverOnShift, riderOnline } = use();
    const centre: [number, number] = [22 + serial++ * 0.6, 61];
    await fixtures.aTerritory({ centre, half: 0.2, maxWaitSeconds: 1800, offerTimeoutSeconds: 20 });
    const first = await driverOnShift([centre[0] + 0.09, centre[1]]);
    const rider = await riderOnline();
    const offered = nextEvent<OfferView>(first.socket, 'offer:received');
    const created = await rider.http.post<RideView>('/api/rides', {
      pickup: { type: 'Point', coordinates: centre },
      dropoff: { type: 'Point', coordinates: [centre[0], centre[1] - 0.02] },
      seats: 1,
    });
    expect(created.status).toBe(201);
    const offer = await offered;
    expect(offer.takeover ?? null).toBeNull();
    expect(await emit<TripView>(first.socket, 'offer:accept', { offerId: offer.id })).toHaveProperty('data');
    return { centre, first, rider, rideId: created.body.id };
  }

  /** A second driver coming on shift 300 m from the pickup, and the takeover offer they get. */
  async function secondNearby(centre: [number, number]) {
    const second = await use().driverOnShift([centre[0], centre[1] + 0.0027]);
    const offer = await nextEvent<OfferView>(second.socket, 'offer:received', undefined, 15_000);
    return { second, offer };
  }

  const assignmentsOf = async (rideId: string) =>
    (
      await use().fixtures.db.query<{ driver_id: string; status: string }>(
        `SELECT t.driver_id, a.status FROM assignments a JOIN trips t ON t.id = a.trip_id
          WHERE a.ride_id = $1 ORDER BY a.created_at`,
        [rideId],
      )
    ).rows;

  it('moves the ride only when the second driver accepts, and tells the first driver and the rider', async () => {
    const { centre, first, rider, rideId } = await promisedFarAway();
    const { second, offer } = await secondNearby(centre);
    expect(offer.rideId).toBe(rideId);
    // 300 m against 5 km: far more than the 5 min the dispatcher asks for.
    expect(offer.takeover?.soonerSeconds).toBeGreaterThanOrEqual(300);
    // While the offer waits, the ride is still the first driver's.
    const before = (await rider.http.get<RideView>(`/api/rides/${rideId}`)).body;
    expect(before).toMatchObject({ status: 'assigned', driverId: first.id });

    const toldFirst = nextEvent<TripTakenOver>(first.socket, 'trip:taken-over');
    const toldRider = nextEvent<RideView>(rider.socket, 'ride:updated', (r) => r.driverId === second.id);
    const accepted = await emit<TripView>(second.socket, 'offer:accept', { offerId: offer.id });
    expect('data' in accepted && accepted.data.rideId).toBe(rideId);
    expect(await toldFirst).toEqual({
      rideId,
      pickupName: before.pickupName,
      soonerSeconds: offer.takeover!.soonerSeconds,
    });
    const after = await toldRider;
    expect(after).toMatchObject({ status: 'assigned', driverId: second.id });
    expect(Date.parse(after.expectedPickupAt!)).toBeLessThan(Date.parse(before.expectedPickupAt!));

    // The first driver's route and trips no longer hold it; the second's do.
    expect((await first.http.get<RouteView>('/api/trips/route')).body.stops).toEqual([]);
    expect((await first.http.get<TripView[]>('/api/trips/current')).body).toEqual([]);
    const route = (await second.http.get<RouteView>('/api/trips/route')).body;
    expect(route.stops.map((s) => [s.rideId, s.type])).toEqual([
      [rideId, 'pickup'],
      [rideId, 'dropoff'],
    ]);
    expect(await assignmentsOf(rideId)).toEqual([
      { driver_id: first.id, status: 'taken_over' },
      { driver_id: second.id, status: 'active' },
    ]);
    // The first driver's trip ended with its last ride; they can take new rides.
    const trips = await use().fixtures.db.query<{ status: string }>(
      `SELECT status FROM trips WHERE driver_id = $1`,
      [first.id],
    );
    expect(trips.rows.map((t) => t.status)).toEqual(['cancelled']);
  });

  it('offers nothing when the driver who comes free is not 5 min sooner', async () => {
    const { centre, first, rideId } = await promisedFarAway();
    // ~3.9 km from the pickup: about 3 min sooner than the first driver, less than the 5 min asked.
    const second = await use().driverOnShift([centre[0] - 0.07, centre[1]]);
    const offered = nextEvent<OfferView>(second.socket, 'offer:received', undefined, 4000);
    await expect(offered).rejects.toThrow(/no offer:received/);
    expect(await assignmentsOf(rideId)).toEqual([{ driver_id: first.id, status: 'active' }]);
  });

  it('leaves the ride with the first driver when the second declines, and does not ask them again', async () => {
    const { centre, first, rider, rideId } = await promisedFarAway();
    const { second, offer } = await secondNearby(centre);
    const declined = await emit(second.socket, 'offer:decline', { offerId: offer.id });
    expect(declined).toEqual({ data: { offerId: offer.id } });
    expect((await rider.http.get<RideView>(`/api/rides/${rideId}`)).body).toMatchObject({
      status: 'assigned',
      driverId: first.id,
    });
    expect(await assignmentsOf(rideId)).toEqual([{ driver_id: first.id, status: 'active' }]);
    // Several sweeps later, nobody was offered the ride again.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const offers = await use().fixtures.db.query<{ driver_id: string; status: string }>(
      `SELECT driver_id, status FROM offers WHERE ride_id = $1 ORDER BY created_at`,
      [rideId],
    );
    expect(offers.rows).toEqual([
      { driver_id: first.id, status: 'accepted' },
      { driver_id: second.id, status: 'declined' },
    ]);
  });

  it('withdraws the offer once the first driver picks the rider up: it can no longer be accepted', async () => {
    const { centre, first, rideId } = await promisedFarAway();
    const { second, offer } = await secondNearby(centre);
    const withdrawn = nextEvent<{ offerId: string }>(second.socket, 'offer:expired');
    expect(await emit(first.socket, 'trip:mark', { rideId, event: 'picked_up' })).toHaveProperty('data');
    expect(await withdrawn).toEqual({ offerId: offer.id });
    const late = await emit(second.socket, 'offer:accept', { offerId: offer.id });
    expect(late).toMatchObject({ error: { code: 'OFFER_NOT_PENDING' } });
    expect(await assignmentsOf(rideId)).toEqual([{ driver_id: first.id, status: 'active' }]);
  });

  it('withdraws the offer when the first driver ends their shift, and the ride is matched afresh', async () => {
    const { centre, first, rideId } = await promisedFarAway();
    const { second, offer } = await secondNearby(centre);
    const withdrawn = nextEvent<{ offerId: string }>(second.socket, 'offer:expired');
    const fresh = nextEvent<OfferView>(second.socket, 'offer:received', (o) => o.id !== offer.id, 15_000);
    expect((await first.http.post('/api/shifts/end', {})).status).toBe(200);
    expect(await withdrawn).toEqual({ offerId: offer.id });
    const again = await fresh;
    expect(again).toMatchObject({ rideId, takeover: null });
    expect(await emit<TripView>(second.socket, 'offer:accept', { offerId: again.id })).toMatchObject({
      data: { rideId },
    });
    expect(await assignmentsOf(rideId)).toEqual([
      { driver_id: first.id, status: 'cancelled' },
      { driver_id: second.id, status: 'active' },
    ]);
  });

  it('refuses an accept that loses the race to the pickup, writing nothing half-way', async () => {
    const { centre, first, rideId } = await promisedFarAway();
    const { second, offer } = await secondNearby(centre);
    // Both at once: whichever commits first wins; the ride is never on two trips.
    const [mark, accept] = await Promise.all([
      emit(first.socket, 'trip:mark', { rideId, event: 'picked_up' }),
      emit<TripView>(second.socket, 'offer:accept', { offerId: offer.id }),
    ]);
    const rows = await assignmentsOf(rideId);
    expect(rows.filter((a) => a.status === 'active')).toHaveLength(1);
    if ('data' in accept) {
      expect(mark).toMatchObject({ error: { code: 'NOT_FOUND' } });
      expect(rows).toEqual([
        { driver_id: first.id, status: 'taken_over' },
        { driver_id: second.id, status: 'active' },
      ]);
    } else {
      expect(mark).toHaveProperty('data');
      expect(accept).toMatchObject({ error: { code: 'OFFER_NOT_PENDING' } });
      expect(rows).toEqual([{ driver_id: first.id, status: 'active' }]);
    }
  });
});
