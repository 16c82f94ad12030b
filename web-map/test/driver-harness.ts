import type { LngLat } from '@navette/contracts';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { Fixtures } from '../../api/test/fixtures.js';
import { startStack, type Stack, type StackOptions } from '../../api/test/stack.js';
import { CHROMIUM_ARGS } from './chromium.js';
import { ensureFrontEndsBuilt } from './front-end-build.js';
import { VIEWPORTS, type ViewportName } from './page-checks.js';

/** How long a browser test waits for the page, ms: the machines are shared and slow. */
export const WAIT = { timeout: 60_000 };

/** The API (no dispatcher unless asked), the fixtures on its database, and a headless Chromium. */
export interface DriverHarness {
  stack: Stack;
  fixtures: Fixtures;
  browser: Browser;
  close(): Promise<void>;
}

export async function openDriverHarness(
  options: { dispatcher?: boolean; rateLimits?: StackOptions['rateLimits'] } = {},
): Promise<DriverHarness> {
  ensureFrontEndsBuilt();
  const stack = await startStack({
    dispatcher: options.dispatcher ?? true,
    ...(options.rateLimits ? { rateLimits: options.rateLimits } : {}),
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

/** A phone (or laptop) at `at` that lets the page read its location, in English, Helsinki time. */
export async function aDevice(
  browser: Browser,
  viewport: ViewportName,
  [longitude, latitude]: LngLat,
): Promise<BrowserContext> {
  const context = await browser.newContext({
    locale: 'en-GB',
    timezoneId: 'Europe/Helsinki',
    viewport: VIEWPORTS[viewport],
    geolocation: { longitude, latitude, accuracy: 10 },
    permissions: ['geolocation'],
  });
  // Counts the alerts the page gives (the real APIs still run): vibrations and tones started.
  await context.addInitScript(() => {
    const alerts = { vibrations: 0, tones: 0 };
    (window as unknown as { __alerts: typeof alerts }).__alerts = alerts;
    const vibrate = navigator.vibrate.bind(navigator);
    navigator.vibrate = ((pattern: VibratePattern) => {
      alerts.vibrations++;
      return vibrate(pattern);
    }) as Navigator['vibrate'];
    const createOscillator = AudioContext.prototype.createOscillator;
    AudioContext.prototype.createOscillator = function (this: AudioContext) {
      alerts.tones++;
      return createOscillator.call(this);
    };
  });
  return context;
}

/** What went wrong in a page: uncaught errors and content security policy refusals. */
export function watchFaults(page: Page): string[] {
  const faults: string[] = [];
  page.on('pageerror', (error) => faults.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) faults.push(`csp: ${message.text()}`);
  });
  return faults;
}

/** Signs in on the driver app (already open) and starts the shift from the device's location. */
export async function signInAndStart(page: Page, driver: { email: string; password: string }): Promise<void> {
  await page.getByTestId('login-email').fill(driver.email);
  await page.getByTestId('login-password').fill(driver.password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('shift-start').click();
  await page.locator('[data-testid=shift-status][data-state=on]').waitFor(WAIT);
  await page.locator('body[data-socket=connected]').waitFor(WAIT);
}
