import type { LngLat, OfferView, RideView } from '@navette/contracts';
import { Fixtures } from '../../api/test/fixtures.js';
import {
  aDriverOnShift,
  client,
  eventually,
  login,
  startStack,
  type Socket,
  type Stack,
} from '../../api/test/stack.js';

/**
 * The engine pools rides going the same way into one car; a driver is sent one offer at a time.
 * A batch re-plans at once the rides it could not offer, so riders never wait for a retry round
 * while other drivers are free (issue 12, ADR 0029).
 */
describe('a batch offers every ride it can at once', () => {
  let stack: Stack;
  let fixtures: Fixtures;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    // The dispatcher starts once every request is stored, so that one batch decides them all; a
    // retry round would come only after 3 s (the production pause).
    stack = await startStack({ dispatcher: false, retryNoDriverMs: 3000 });
    fixtures = Fixtures.open(stack.databaseUrl);
  });

  afterAll(async () => {
    for (const s of sockets) s.close();
    await fixtures.close();
    await stack.stop();
  });

  it('N riders at one corner, M ≥ N free drivers: every ride offered in the first batch, to N drivers', async () => {
    await fixtures.aTerritory({ centre: [24.95, 60.18], half: 0.1 });
    const corner: LngLat = [24.941, 60.171];
    // One driver at the corner, the others 700 m to 1.5 km away.
    const driverPlaces: LngLat[] = [
      [24.9411, 60.1711],
      [24.953, 60.171],
      [24.941, 60.179],
      [24.93, 60.165],
      [24.96, 60.16],
    ];
    const offers: OfferView[] = [];
    for (const at of driverPlaces) {
      const driver = await aDriverOnShift(stack, fixtures, at);
      sockets.push(driver.socket);
      driver.socket.on('offer:received', (offer: OfferView) => offers.push(offer));
    }
    const riders = await Promise.all(
      Array.from({ length: 4 }, async () => {
        const r = await fixtures.aMember('rider');
        return client(stack.baseUrl, (await login(stack.baseUrl, r.email, r.password)).token);
      }),
    );
    // Everyone going the same way from the same corner: the engine would pool them into one car.
    const created = await Promise.all(
      riders.map((http, i) =>
        http.post<RideView>('/api/rides', {
          pickup: { type: 'Point', coordinates: [corner[0] + i * 0.0001, corner[1]] },
          dropoff: { type: 'Point', coordinates: [24.97, 60.19] },
        }),
      ),
    );
    expect(created.map((c) => c.status)).toEqual([201, 201, 201, 201]);
    const rideIds = created.map((c) => c.body.id);

    await stack.startDispatcher();
    await eventually(() => Promise.resolve(offers.length >= rideIds.length ? true : undefined), 60_000);

    // Every rider sees an offer to a different driver; no ride went back to matching, and none
    // carries a reason for waiting.
    expect(new Set(offers.map((o) => o.rideId))).toEqual(new Set(rideIds));
    const rows = await fixtures.db.query<{
      status: string;
      match_round: number;
      unmatched_explanation: unknown;
    }>(`SELECT status, match_round, unmatched_explanation FROM rides WHERE id = ANY($1::uuid[])`, [rideIds]);
    expect(rows.rows).toEqual(
      rideIds.map(() => ({ status: 'offered', match_round: 0, unmatched_explanation: null })),
    );
    const drivers = await fixtures.db.query<{ driver_id: string }>(
      `SELECT DISTINCT driver_id FROM offers WHERE ride_id = ANY($1::uuid[])`,
      [rideIds],
    );
    expect(drivers.rows).toHaveLength(rideIds.length);
  });
});
