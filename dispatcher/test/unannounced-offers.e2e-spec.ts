import { expireOfferJobId, MATCHING_QUEUE, type OfferView, type RideView } from '@navette/contracts';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { Fixtures } from '../../api/test/fixtures.js';
import {
  aDriverOnShift,
  client,
  login,
  nextEvent,
  startStack,
  type Socket,
  type Stack,
} from '../../api/test/stack.js';
import { redisUrl } from '../../api/test/test-database.js';
import { insertOffer } from '../src/offer-writer.js';

/**
 * A batch commits its offers, then schedules their expiry and tells the drivers. A dispatcher
 * killed in between (see crash.e2e-spec.ts) left offers that their drivers, connected all along,
 * only saw expire 30 s later; the next dispatcher to start announces them.
 */
describe('offers committed by a dispatcher that died before announcing them', () => {
  let stack: Stack;
  let fixtures: Fixtures;
  let db: DataSource;
  let queue: Queue;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    stack = await startStack({ dispatcher: false });
    fixtures = Fixtures.open(stack.databaseUrl);
    db = await new DataSource({ type: 'postgres', url: stack.databaseUrl, entities: [] }).initialize();
    queue = new Queue(MATCHING_QUEUE, { connection: { url: redisUrl }, prefix: stack.queuePrefix });
  });

  afterAll(async () => {
    for (const s of sockets) s.close();
    await queue.close();
    await db.destroy();
    await fixtures.close();
    await stack.stop();
  });

  it('reach their drivers when a dispatcher starts, long before they expire, with their expiry scheduled', async () => {
    await fixtures.aTerritory({ centre: [24.95, 60.18], half: 0.1 });
    const driver = await aDriverOnShift(stack, fixtures, [24.94, 60.17]);
    sockets.push(driver.socket);
    const rider = await fixtures.aMember('rider');
    const http = client(stack.baseUrl, (await login(stack.baseUrl, rider.email, rider.password)).token);
    const ride = await http.post<RideView>('/api/rides', {
      pickup: { type: 'Point', coordinates: [24.941, 60.171] },
      dropoff: { type: 'Point', coordinates: [24.96, 60.19] },
    });
    expect(ride.status).toBe(201);

    // What the dead dispatcher committed: the offer (with the hold on the driver's time) and the
    // ride's new status; nothing announced, no expiry job.
    const shifts = await db.query<{ id: string }[]>(
      `SELECT id FROM shifts WHERE driver_id = $1 AND ended_at IS NULL`,
      [driver.id],
    );
    const shiftId = shifts[0]!.id;
    const written = await db.transaction(async (manager) => {
      const offer = await insertOffer(
        {
          rideId: ride.body.id,
          driverId: driver.id,
          shiftId,
          tripId: null,
          approachMeters: 150,
          detour: { seconds: 60, meters: 500 },
          offerTimeoutSeconds: 120,
          plannedStops: [
            { requestId: ride.body.id, type: 'pickup' },
            { requestId: ride.body.id, type: 'dropoff' },
          ],
          explanation: { stage: 'assignment', terms: [] },
          reach: 'local',
          driverTerritoryId: null,
        },
        manager,
      );
      await manager.query(`UPDATE rides SET status = 'offered' WHERE id = $1`, [ride.body.id]);
      return offer;
    });
    expect(written).toBeDefined();
    expect(await queue.getJob(expireOfferJobId({ offerId: written!.id }))).toBeUndefined();

    const announced = nextEvent<OfferView>(
      driver.socket,
      'offer:received',
      (o) => o.id === written!.id,
      10_000,
    );
    await stack.startDispatcher();
    expect(await announced).toEqual(written);
    const expiry = await queue.getJob(expireOfferJobId({ offerId: written!.id }));
    expect(expiry?.data).toEqual({ offerId: written!.id });

    // The offer is still the ride's one open offer, and the driver can take it.
    const accepted = await driver.socket.emitWithAck('offer:accept', { offerId: written!.id });
    expect(accepted).toMatchObject({ data: { rideId: ride.body.id } });
    const offers = await db.query<{ status: string }[]>(
      `SELECT status FROM offers WHERE ride_id = $1 ORDER BY created_at`,
      [ride.body.id],
    );
    expect(offers.map((o) => o.status)).toEqual(['accepted']);
  });
});
