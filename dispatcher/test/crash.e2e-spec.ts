import type { RideView } from '@navette/contracts';
import { DispatcherProcess } from '../../api/test/dispatcher-process.js';
import { Fixtures } from '../../api/test/fixtures.js';
import {
  acceptEveryOffer,
  aDriverOnShift,
  client,
  eventually,
  login,
  startStack,
  type Socket,
  type Stack,
} from '../../api/test/stack.js';

/**
 * The real dispatcher process, killed with SIGKILL again and again while rides pour in: no ride
 * is lost, none is assigned twice, no driver holds two overlapping trips.
 * Needs the build (`npm test` builds first).
 */
describe('dispatcher killed with SIGKILL mid-batch, many times', () => {
  let stack: Stack;
  let fixtures: Fixtures;
  let worker: DispatcherProcess | undefined;
  const sockets: Socket[] = [];
  const acceptingDrivers: ReturnType<typeof acceptEveryOffer>[] = [];

  beforeAll(async () => {
    stack = await startStack({ dispatcher: false });
    fixtures = Fixtures.open(stack.databaseUrl);
    worker = new DispatcherProcess(stack);
  });

  afterAll(async () => {
    await worker?.kill();
    for (const driver of acceptingDrivers) await driver.idle();
    for (const s of sockets) s.close();
    await fixtures.close();
    await stack.stop();
  });

  it('loses nothing and doubles nothing', async () => {
    await fixtures.aTerritory({ centre: [24.95, 60.18], half: 0.1 });
    for (let i = 0; i < 8; i++) {
      const { socket } = await aDriverOnShift(stack, fixtures, [24.94 + i * 0.003, 60.17 + i * 0.002]);
      sockets.push(socket);
      // Each driver takes whatever is offered and completes it at once.
      acceptingDrivers.push(acceptEveryOffer(socket, { complete: true }));
    }
    const riders = await Promise.all(
      Array.from({ length: 10 }, async () => {
        const r = await fixtures.aMember('rider');
        return client(stack.baseUrl, (await login(stack.baseUrl, r.email, r.password)).token);
      }),
    );

    const dispatcher = worker!;
    dispatcher.start();
    const rideIds: string[] = [];
    for (let wave = 0; wave < 6; wave++) {
      const created = await Promise.all(
        riders.map((http, i) =>
          http.post<RideView>('/api/rides', {
            pickup: {
              type: 'Point',
              coordinates: [24.94 + ((i + wave) % 9) * 0.004, 60.17 + (i % 4) * 0.004],
            },
            dropoff: { type: 'Point', coordinates: [24.99, 60.2] },
          }),
        ),
      );
      rideIds.push(...created.map((c) => c.body.id));
      await new Promise((r) => setTimeout(r, 150 + wave * 60));
      await dispatcher.kill();
      dispatcher.start();
    }

    await eventually(async () => {
      const done = await fixtures.db.query(
        `SELECT 1 FROM rides WHERE id = ANY($1) AND status = 'completed'`,
        [rideIds],
      );
      return done.rowCount === rideIds.length ? true : undefined;
    }, 80_000);

    const assignedTwice = await fixtures.db.query(
      `SELECT ride_id FROM assignments WHERE status <> 'cancelled' GROUP BY ride_id HAVING count(*) > 1`,
    );
    expect(assignedTwice.rowCount).toBe(0);
    const overlapping = await fixtures.db.query(
      `SELECT 1 FROM trips a JOIN trips b ON a.driver_id = b.driver_id AND a.id < b.id AND a.period && b.period
        WHERE a.status IN ('active', 'completed') AND b.status IN ('active', 'completed')`,
    );
    expect(overlapping.rowCount).toBe(0);
    expect(rideIds).toHaveLength(60);
  }, 120_000);
});
