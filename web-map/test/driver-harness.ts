import type { LngLat } from '@navette/contracts';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { WAIT } from './browser-harness.js';
import { VIEWPORTS, type ViewportName } from './page-checks.js';

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

/** Signs in on the driver app (already open) and starts the shift from the device's location. */
export async function signInAndStart(page: Page, driver: { email: string; password: string }): Promise<void> {
  await page.getByTestId('login-email').fill(driver.email);
  await page.getByTestId('login-password').fill(driver.password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('shift-start').click();
  await page.locator('[data-testid=shift-status][data-state=on]').waitFor(WAIT);
  await page.locator('body[data-socket=connected]').waitFor(WAIT);
}
