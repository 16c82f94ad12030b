import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { eventually } from './stack.js';
import { createTestDatabase, redisUrl, uniquePrefix, type TestDatabase } from './test-database.js';

/** `eventually` for a check that needs no waiting of its own. */
const soon = <T>(check: () => T | undefined, timeoutMs?: number) =>
  eventually(() => Promise.resolve(check()), timeoutMs);

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

interface LogLine {
  level: number;
  msg: string;
  service: string;
  reqId?: string;
  route?: string;
  status?: number;
  method?: string;
}

/**
 * The API as `npm start` and the image run it (built `dist/`): its standard output is one JSON
 * object per line, and each request is logged once with its id, which the answer echoes.
 */
describe('the API logs JSON lines with request ids', () => {
  let database: TestDatabase;
  let api: ChildProcess;
  let output = '';
  let baseUrl: string;
  const lines = () => output.split('\n').filter(Boolean);
  const parsed = () => lines().map((l) => JSON.parse(l) as LogLine);

  beforeAll(async () => {
    database = await createTestDatabase();
    api = spawn(process.execPath, [join(root, 'api/dist/src/main.js')], {
      env: {
        PATH: process.env.PATH ?? '',
        DATABASE_URL: database.url,
        REDIS_URL: redisUrl,
        QUEUE_PREFIX: uniquePrefix('json-logs'),
        PORT: '0',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    api.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const listening = await soon(() => /API listening on (\S+)"/.exec(output) ?? undefined, 30_000);
    baseUrl = listening[1]!.replace('[::1]', '127.0.0.1').replace('0.0.0.0', '127.0.0.1');
  });

  afterAll(async () => {
    api.kill('SIGTERM');
    await new Promise((resolve) => api.once('exit', resolve));
    await database.drop();
  });

  it("echoes a caller's X-Request-Id and logs the request under it, by route pattern", async () => {
    const response = await fetch(`${baseUrl}/api/health`, { headers: { 'x-request-id': 'trace-abc-123' } });
    expect(response.headers.get('x-request-id')).toBe('trace-abc-123');
    const line = await soon(() => parsed().find((l) => l.reqId === 'trace-abc-123'));
    expect(line).toMatchObject({
      msg: 'request',
      service: 'api',
      method: 'GET',
      route: '/api/health',
      status: 200,
    });
  });

  it('gives an id to a request that has none, and never logs a path (it may hold a token)', async () => {
    const response = await fetch(`${baseUrl}/api/rides/00000000-0000-4000-8000-000000000000?secret=x`);
    expect(response.status).toBe(401);
    const reqId = response.headers.get('x-request-id')!;
    expect(reqId).toMatch(/^[0-9a-f-]{36}$/);
    const line = await soon(() => parsed().find((l) => l.reqId === reqId));
    expect(line).toMatchObject({ route: '/api/rides/:id', status: 401 });
    expect(output).not.toContain('secret=x');
  });

  it('writes nothing but JSON objects, one per line, start-up included', async () => {
    const response = await fetch(`${baseUrl}/metrics`);
    expect(response.status).toBe(404); // no METRICS_TOKEN: no metrics
    await soon(() => parsed().find((l) => l.route === '(unmatched)' || l.status === 404));
    expect(lines().length).toBeGreaterThan(3);
    for (const line of parsed()) expect(typeof line.level).toBe('number');
    expect(parsed().some((l) => /API listening on/.test(l.msg))).toBe(true);
  });
});
