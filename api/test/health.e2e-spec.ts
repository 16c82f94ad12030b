import type { NestExpressApplication } from '@nestjs/platform-express';
import type { HealthView } from '@navette/contracts';
import { createApp } from '../src/app.factory.js';
import { TEST_JWT_SECRET } from '../src/config/repository-secrets.js';
import { eventually } from './stack.js';
import { TcpProxy } from './tcp-proxy.js';
import { createTestDatabase, redisUrl, uniquePrefix, type TestDatabase } from './test-database.js';

describe('health: 200 only while PostgreSQL and Redis both answer', () => {
  let database: TestDatabase;
  let app: NestExpressApplication;
  let baseUrl: string;
  const pgProxy = new TcpProxy(
    '127.0.0.1',
    Number(new URL(process.env.DATABASE_URL ?? 'postgres://x@127.0.0.1:5432/test').port || 5432),
  );
  const redisProxy = new TcpProxy('127.0.0.1', Number(new URL(redisUrl).port || 6379));

  beforeAll(async () => {
    database = await createTestDatabase();
    const pgUrl = new URL(database.url);
    pgUrl.host = `127.0.0.1:${await pgProxy.start()}`;
    const proxiedRedis = new URL(redisUrl);
    proxiedRedis.host = `127.0.0.1:${await redisProxy.start()}`;
    app = await createApp(
      {
        databaseUrl: pgUrl.toString(),
        redisUrl: proxiedRedis.toString(),
        port: 0,
        jwtSecret: TEST_JWT_SECRET,
        tokenTtlSeconds: 60,
        mapStyleUrl: '/map-style.json',
        mapOrigins: [],
        queuePrefix: uniquePrefix('health'),
        bodyLimitBytes: 16 * 1024,
        batchWindowMs: 100,
        rateLimits: {
          loginPerMinute: 10,
          loginFailuresPerAddressPerMinute: 30,
          rideRequestsPerMinute: 20,
          positionsPerMinute: 120,
          memberDataPerMinute: 5,
          socketCommandsPerMinute: 120,
          memberCommandsPerMinute: 240,
        },
      },
      [],
    );
    await app.listen(0, '127.0.0.1');
    baseUrl = await app.getUrl();
  });

  afterAll(async () => {
    await app.close();
    await pgProxy.cut();
    await redisProxy.cut();
    await database.drop();
  });

  const health = async () => {
    const response = await fetch(`${baseUrl}/api/health`);
    return { status: response.status, body: (await response.json()) as HealthView };
  };

  it('is ready when both answer', async () => {
    expect(await health()).toEqual({
      status: 200,
      body: { status: 'ok', checks: { postgres: 'up', redis: 'up' } },
    });
  });

  it('is not ready while Redis is away, and ready again when it is back', async () => {
    await redisProxy.cut();
    const down = await eventually(async () => {
      const h = await health();
      return h.status === 503 ? h : undefined;
    });
    expect(down.body).toEqual({ status: 'unavailable', checks: { postgres: 'up', redis: 'down' } });
    await redisProxy.restore();
    await eventually(async () => ((await health()).status === 200 ? true : undefined), 20_000);
  });

  it('is not ready while PostgreSQL is away, and ready again when it is back', async () => {
    await pgProxy.cut();
    const down = await eventually(async () => {
      const h = await health();
      return h.status === 503 ? h : undefined;
    });
    expect(down.body).toEqual({ status: 'unavailable', checks: { postgres: 'down', redis: 'up' } });
    await pgProxy.restore();
    await eventually(async () => ((await health()).status === 200 ? true : undefined), 20_000);
  });
});
