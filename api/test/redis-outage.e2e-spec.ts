import type { RideView } from '@navette/contracts';
import { Fixtures } from './fixtures.js';
import {
  acceptEveryOffer,
  aDriverOnShift,
  client,
  eventually,
  login,
  startStack,
  type Socket,
  type Stack,
} from './stack.js';
import { TcpProxy } from './tcp-proxy.js';
import { redisUrl } from './test-database.js';

/**
 * Redis goes away while riders keep asking: the requests are stored (PostgreSQL holds the state),
 * health says not ready, and once Redis is back every open request is matched.
 */
describe('Redis restarted under load', () => {
  const proxy = new TcpProxy('127.0.0.1', Number(new URL(redisUrl).port || 6379));
  let stack: Stack;
  let fixtures: Fixtures;
  const sockets: Socket[] = [];
  const acceptingDrivers: ReturnType<typeof acceptEveryOffer>[] = [];

  beforeAll(async () => {
    const url = new URL(redisUrl);
    url.host = `127.0.0.1:${await proxy.start()}`;
    stack = await startStack({ redisUrl: url.toString(), sweepEveryMs: 500 });
    fixtures = Fixtures.open(stack.databaseUrl);
  });

  afterAll(async () => {
    for (const driver of acceptingDrivers) await driver.idle();
    for (const s of sockets) s.close();
    await fixtures.close();
    await stack.stop();
    await proxy.cut();
  });

  it('stores requests meanwhile and matches every one after recovery', async () => {
    await fixtures.aTerritory({ centre: [24.95, 60.18], half: 0.1 });
    for (let i = 0; i < 4; i++) {
      const { socket } = await aDriverOnShift(stack, fixtures, [24.94 + i * 0.005, 60.18]);
      sockets.push(socket);
      acceptingDrivers.push(acceptEveryOffer(socket));
    }
    const riders = await Promise.all(
      Array.from({ length: 4 }, async () => {
        const r = await fixtures.aMember('rider');
        return client(stack.baseUrl, (await login(stack.baseUrl, r.email, r.password)).token);
      }),
    );

    await proxy.cut();
    await eventually(async () =>
      (await fetch(`${stack.baseUrl}/api/health`)).status === 503 ? true : undefined,
    );
    const created = await Promise.all(
      riders.map((http, i) =>
        http.post<RideView>('/api/rides', {
          pickup: { type: 'Point', coordinates: [24.945 + i * 0.004, 60.182] },
          dropoff: { type: 'Point', coordinates: [24.97, 60.19] },
        }),
      ),
    );
    expect(created.map((c) => c.status)).toEqual([201, 201, 201, 201]);
    const ids = created.map((c) => c.body.id);

    await proxy.restore();
    await eventually(
      async () => ((await fetch(`${stack.baseUrl}/api/health`)).status === 200 ? true : undefined),
      30_000,
    );
    await eventually(async () => {
      const assigned = await fixtures.db.query(
        `SELECT 1 FROM rides WHERE id = ANY($1) AND status = 'assigned'`,
        [ids],
      );
      return assigned.rowCount === ids.length ? true : undefined;
    }, 60_000);
  });
});
