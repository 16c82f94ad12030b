import type { OfferView, RideView } from '@navette/contracts';
import { Fixtures } from '../../api/test/fixtures.js';
import {
  aDriverOnShift,
  client,
  login,
  nextEvent,
  startStack,
  type Socket,
  type Stack,
  type StackOptions,
} from '../../api/test/stack.js';

/**
 * A request arriving when nobody else is waiting is batched almost at once; the whole window is
 * kept for busy times (ADR 0029). Two stacks side by side in the same run, one with the fixed 2 s
 * window and one with the adaptive window, each with a lone rider and a free driver: the adaptive
 * one is offered in a fraction of the fixed one's time (a ratio, not an absolute timing).
 */
describe('the batching window adapts to load', () => {
  const stacks: { stack: Stack; fixtures: Fixtures }[] = [];
  const sockets: Socket[] = [];

  afterAll(async () => {
    for (const s of sockets) s.close();
    for (const { stack, fixtures } of stacks) {
      await fixtures.close();
      await stack.stop();
    }
  });

  /** Milliseconds from a lone rider's request to the offer on the driver's socket. */
  async function loneRequestToOffer(batchWindow: StackOptions['batchWindow']): Promise<number> {
    const stack = await startStack({ batchWindow });
    const fixtures = Fixtures.open(stack.databaseUrl);
    stacks.push({ stack, fixtures });
    await fixtures.aTerritory({ centre: [24.95, 60.18], half: 0.1 });
    const driver = await aDriverOnShift(stack, fixtures, [24.942, 60.172]);
    sockets.push(driver.socket);
    const rider = await fixtures.aMember('rider');
    const http = client(stack.baseUrl, (await login(stack.baseUrl, rider.email, rider.password)).token);
    const offered = nextEvent<OfferView>(driver.socket, 'offer:received', () => true, 60_000);
    const started = performance.now();
    const ride = await http.post<RideView>('/api/rides', {
      pickup: { type: 'Point', coordinates: [24.941, 60.171] },
      dropoff: { type: 'Point', coordinates: [24.96, 60.19] },
    });
    expect(ride.status).toBe(201);
    expect((await offered).rideId).toBe(ride.body.id);
    return performance.now() - started;
  }

  it('offers a lone request well before the fixed 2 s window would', async () => {
    const fixed = await loneRequestToOffer({ minMs: 2000, maxMs: 2000 });
    const adaptive = await loneRequestToOffer({ minMs: 50, maxMs: 2000, fullAtPerSecond: 20 });
    // The fixed window alone is 2 s; the adaptive one is 50 ms for a request arriving alone.
    expect(fixed).toBeGreaterThanOrEqual(2000);
    expect(adaptive / fixed).toBeLessThan(0.5);
  });
});
