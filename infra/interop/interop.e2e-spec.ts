import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../seeds/demo-seed.js';
import { login, startStack, type Stack } from '../../api/test/stack.js';
import {
  checkGeoJsonMapbox,
  checkGeoJsonPlacemark,
  checkGtfsFlex,
  checkOpenApi,
  checkSocketIo,
  checkValueFlows,
  formatResult,
  type InteropResult,
  type InteropTarget,
} from './interop-checks.js';

/**
 * `npm run check:interop` (and `npm test`): every independent consumer against a started instance
 * with the demo seed (Helsinki, in Helsinki time), one line per standard. Needs only PostgreSQL and
 * Redis. A driver first takes a rider's request to the end over socket.io, so the exports hold a
 * completed trip.
 */
describe('interoperability: independent consumers read what Navette serves', () => {
  let stack: Stack;
  let target: InteropTarget;
  const results: InteropResult[] = [];

  beforeAll(async () => {
    stack = await startStack({ demo: true });
    const token = async (email: string) => (await login(stack.baseUrl, email, DEMO_PASSWORD)).token;
    target = {
      baseUrl: stack.baseUrl,
      tokens: {
        admin: await token(DEMO_ACCOUNTS.admin),
        rider: await token(DEMO_ACCOUNTS.rider),
        driver: await token(DEMO_ACCOUNTS.driver),
      },
    };
  });

  afterAll(async () => {
    if (results.length) process.stdout.write(`\ninterop\n${results.map(formatResult).join('\n')}\n\n`);
    await stack.stop();
  });

  it('every consumer passes', async () => {
    // Kallio, where Dan (the demo driver not on shift) lives.
    results.push(await checkSocketIo(target, [24.9502, 60.1841]));
    results.push(await checkGtfsFlex(target));
    results.push(await checkGeoJsonPlacemark(target));
    results.push(await checkGeoJsonMapbox(target));
    results.push(await checkValueFlows(target));
    results.push(...(await checkOpenApi(target)));
    expect(results.filter((r) => r.outcome === 'fail').map(formatResult)).toEqual([]);
  });
});
