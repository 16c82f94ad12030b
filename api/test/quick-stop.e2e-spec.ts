import { startStack } from './stack.js';

/**
 * An API node stopped the moment it started (a deploy rolled back, a test that only needs a page)
 * ends cleanly: socket.io's Redis adapter had its subscriptions in flight, and disconnecting them
 * used to leave "Connection is closed." rejections nobody handled (a red CI run, 2026-12-07).
 * Jest fails the test on any unhandled rejection while it runs.
 */
describe('an API stopped right after it started', () => {
  it('leaves no failed Redis command unhandled', async () => {
    for (let round = 0; round < 4; round++) {
      const stack = await startStack({ dispatcher: false });
      const health = await fetch(`${stack.baseUrl}/api/health`);
      expect(health.status).toBe(200);
      await stack.stop();
    }
  });
});
