import { chromium, type Browser } from 'playwright-core';
import { Fixtures } from '../../api/test/fixtures.js';
import { startStack, type Stack, type StackOptions } from '../../api/test/stack.js';
import { CHROMIUM_ARGS } from './chromium.js';
import { ensureFrontEndsBuilt } from './front-end-build.js';

/** How long a browser test waits for the page, ms: the machines are shared and slow. */
export const WAIT = { timeout: 60_000 };

/** The API (no dispatcher unless asked), the fixtures on its database, and a headless Chromium. */
export interface BrowserHarness {
  stack: Stack;
  fixtures: Fixtures;
  browser: Browser;
  close(): Promise<void>;
}

export async function openBrowserHarness(
  options: Pick<StackOptions, 'dispatcher' | 'rateLimits' | 'waitingSpotPushMs'> = {},
): Promise<BrowserHarness> {
  ensureFrontEndsBuilt();
  const stack = await startStack({
    dispatcher: options.dispatcher ?? true,
    ...(options.rateLimits ? { rateLimits: options.rateLimits } : {}),
    ...(options.waitingSpotPushMs ? { waitingSpotPushMs: options.waitingSpotPushMs } : {}),
  });
  const fixtures = Fixtures.open(stack.databaseUrl);
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
  return {
    stack,
    fixtures,
    browser,
    close: async () => {
      await browser.close();
      await fixtures.close();
      await stack.stop();
    },
  };
}

/**
 * A harness for the tests of the enclosing `describe`: opened before them and closed after them.
 * Returns how a test reaches it (it throws when the harness did not open, rather than a test
 * failing further on something undefined).
 */
export function useBrowserHarness(
  options: Parameters<typeof openBrowserHarness>[0] = {},
): () => BrowserHarness {
  let harness: BrowserHarness | undefined;
  beforeAll(async () => {
    harness = await openBrowserHarness(options);
  }, 120_000);
  afterAll(async () => {
    await harness?.close();
  }, 60_000);
  return () => {
    if (!harness) throw new Error('the browser harness did not open');
    return harness;
  };
}
