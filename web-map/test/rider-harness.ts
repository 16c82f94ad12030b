import type { LngLat } from '@navette/contracts';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type Page,
} from 'playwright-core';
import { Fixtures } from '../../api/test/fixtures.js';
import { startStack, type Stack } from '../../api/test/stack.js';
import { CHROMIUM_ARGS } from './chromium.js';
import { ensureFrontEndsBuilt } from './front-end-build.js';
import { keepScreenshot, seriousAxeViolations } from './page-checks.js';

/** How long a rider test waits for the page, ms: the machines are shared and slow. */
export const WAIT = { timeout: 60_000 };

/** The API and dispatcher on the demo data, fixtures on its database, a headless Chromium. */
export interface RiderHarness {
  stack: Stack;
  fixtures: Fixtures;
  browser: Browser;
  close(): Promise<void>;
}

export async function openRiderHarness(): Promise<RiderHarness> {
  ensureFrontEndsBuilt();
  const stack = await startStack({ demo: true });
  const fixtures = Fixtures.open(stack.databaseUrl);
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
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

/** A rider's page, with what went wrong on it: uncaught errors and what the CSP refused. */
export interface RiderPage {
  page: Page;
  context: BrowserContext;
  problems: string[];
}

/** Opens `/` in a new context (English, Helsinki time), recording page errors and CSP violations. */
export async function openRiderPage(
  harness: RiderHarness,
  options: BrowserContextOptions = {},
): Promise<RiderPage> {
  const context = await harness.browser.newContext({
    locale: 'en-GB',
    timezoneId: 'Europe/Helsinki',
    ...options,
  });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) problems.push(`CSP: ${message.text()}`);
  });
  await page.exposeFunction('__navetteBlocked', (what: string) => problems.push(`CSP: ${what}`));
  await page.addInitScript(() =>
    document.addEventListener('securitypolicyviolation', (event) => {
      const report = (window as unknown as { __navetteBlocked(what: string): void }).__navetteBlocked;
      report(`${event.effectiveDirective} ${event.blockedURI}`);
    }),
  );
  await page.goto(`${harness.stack.baseUrl}/`);
  return { page, context, problems };
}

/** Signs in with the mouse-free way a keyboard user would: Tab to the fields, type, Enter. */
export async function signInByKeyboard(page: Page, email: string, password: string): Promise<void> {
  await tabTo(page, 'login-email');
  await page.keyboard.type(email);
  await page.keyboard.press('Tab');
  await page.keyboard.type(password);
  await page.keyboard.press('Enter');
  await page.getByTestId('login-form').waitFor({ state: 'detached', ...WAIT });
}

export async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.getByTestId('login-email').fill(email);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('login-form').waitFor({ state: 'detached', ...WAIT });
}

/** Presses Tab until the focused element matches `selector` (a test id, or a CSS selector). */
export async function tabTo(page: Page, selector: string, limit = 80): Promise<void> {
  const css = /^[\w-]+$/.test(selector) ? `[data-testid="${selector}"]` : selector;
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, css)) return;
  }
  throw new Error(`Tab never reached ${selector}`);
}

/** The focused element draws a visible focus ring (an outline that is not `none` and not 0 wide). */
export function focusRingShown(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const focused = document.activeElement;
    if (!focused) return false;
    const style = getComputedStyle(focused);
    return style.outlineStyle !== 'none' && Number.parseFloat(style.outlineWidth) >= 2;
  });
}

/** A state of a journey: its screenshot kept, and no serious or critical accessibility violation. */
export async function checkState(page: Page, name: string): Promise<void> {
  await keepScreenshot(page, name);
  expect(await seriousAxeViolations(page)).toEqual([]);
}

/** Taps (clicks) the map where `point` is drawn. */
export async function tapMap(page: Page, point: LngLat): Promise<void> {
  const at = await page.evaluate(
    (p) =>
      (
        window as unknown as { __navetteMap: { project(p: LngLat): { x: number; y: number } } }
      ).__navetteMap.project(p),
    point,
  );
  const box = await page.getByTestId('map').boundingBox();
  if (!box) throw new Error('the map is not laid out');
  await page.mouse.click(box.x + at.x, box.y + at.y);
}

/** Waits until the text box with this test id shows `expected` (a name, never coordinates). */
export async function boxShows(page: Page, testId: string, expected: string | RegExp): Promise<string> {
  const box = page.getByTestId(testId);
  const deadline = Date.now() + WAIT.timeout;
  for (;;) {
    const value = await box.inputValue();
    if (typeof expected === 'string' ? value === expected : expected.test(value)) return value;
    if (Date.now() > deadline) throw new Error(`${testId} shows "${value}", not ${String(expected)}`);
    await page.waitForTimeout(100);
  }
}
