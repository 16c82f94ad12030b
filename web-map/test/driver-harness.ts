import type { LngLat } from '@navette/contracts';
import { chromium, type Browser, type Page } from 'playwright-core';
import { Fixtures } from '../../api/test/fixtures.js';
import { startStack, type Stack } from '../../api/test/stack.js';
import { ensureFrontEndsBuilt } from './front-end-build.js';

/** How long a browser test waits for the page, ms: the machines are shared and slow. */
export const WAIT = { timeout: 60_000 };

/** The API (no dispatcher unless asked), the fixtures on its database, and a headless Chromium. */
export interface DriverHarness {
  stack: Stack;
  fixtures: Fixtures;
  browser: Browser;
  close(): Promise<void>;
}

export async function openDriverHarness(options: { dispatcher?: boolean } = {}): Promise<DriverHarness> {
  ensureFrontEndsBuilt();
  const stack = await startStack({ dispatcher: options.dispatcher ?? true });
  const fixtures = Fixtures.open(stack.databaseUrl);
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
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

/** Opens the driver app at a fixed position, signs in, starts the shift and waits for the socket. */
export async function startShiftInPage(
  page: Page,
  baseUrl: string,
  driver: { email: string; password: string },
  [lng, lat]: LngLat,
): Promise<void> {
  await page.goto(`${baseUrl}/driver/?lng=${lng}&lat=${lat}`);
  await page.getByTestId('login-email').fill(driver.email);
  await page.getByTestId('login-password').fill(driver.password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('shift-start').click();
  await page.locator('[data-testid=shift-status][data-state=on]').waitFor(WAIT);
  await page.locator('body[data-socket=connected]').waitFor(WAIT);
}
