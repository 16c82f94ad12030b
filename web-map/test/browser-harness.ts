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
