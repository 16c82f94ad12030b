import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDriverHarness, startShiftInPage, WAIT, type DriverHarness } from './driver-harness.js';

/**
 * A driver on shift who reloads the page (a phone that slept, a tap on refresh) finds the shift
 * again — not a blank page. The page used to run its start-up code before the class it needed was
 * defined (`startDriver` at module top, `class DriverPage` below it), which only a reload with a
 * saved session reached.
 */
describe('driver app: a reload on shift', () => {
  let harness: DriverHarness | undefined;

  beforeAll(async () => {
    harness = await openDriverHarness({ dispatcher: false });
  }, 120_000);

  afterAll(async () => {
    await harness?.close();
  }, 60_000);

  it('restores the shift, signed in, with no page error', async () => {
    const { stack, fixtures, browser } = harness!;
    await fixtures.aTerritory({ centre: [34, 60], half: 0.1 });
    const driver = await fixtures.aDriver();
    const context = await browser.newContext({ locale: 'en-GB', timezoneId: 'Europe/Helsinki' });
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await startShiftInPage(page, stack.baseUrl, driver, [34.001, 60.001]);

    await page.reload();
    await page.locator('[data-testid=shift-status][data-state=on]').waitFor(WAIT);
    expect(await page.getByTestId('shift-status').textContent()).toBe(
      'On shift: your position is shared with dispatch.',
    );
    expect(await page.getByTestId('whoami').textContent()).toContain('Signed in as');
    expect(await page.getByTestId('shift-end').isVisible()).toBe(true);
    expect(await page.getByTestId('login-form').count()).toBe(0);
    await page.locator('body[data-socket=connected]').waitFor(WAIT);
    expect(pageErrors).toEqual([]);
    await page.screenshot({ path: join(tmpdir(), 'navette-driver-reload.png') });
    await context.close();
  }, 120_000);
});
