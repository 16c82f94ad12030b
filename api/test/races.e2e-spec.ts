import type { OfferView, RideView } from '@navette/contracts';
import { Fixtures } from './fixtures.js';
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
