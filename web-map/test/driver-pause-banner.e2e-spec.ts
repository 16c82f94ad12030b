import type { OfferView } from '@navette/contracts';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { client, eventually, login } from '../../api/test/stack.js';
import { openBrowserHarness, WAIT, type BrowserHarness } from './browser-harness.js';
import { startShiftInPage } from './driver-harness.js';

/** The driver app says why offers paused and when they resume, in the interface language. */
describe('driver app: the pause banner', () => {
  let harness: BrowserHarness | undefined;

  beforeAll(async () => {
    harness = await openBrowserHarness();
  }, 120_000);

  afterAll(async () => {
    await harness?.close();
  }, 60_000);

  it('shows the rest after a decline with the time it ends, in English and French', async () => {
    const { stack, fixtures, browser } = harness!;
    const territory = await fixtures.aTerritory({ centre: [34, 60], half: 0.1 });
    await fixtures.db.query(`UPDATE territories SET rest_after_miss_seconds = 300 WHERE id = $1`, [
      territory,
    ]);
    const driver = await fixtures.aDriver();
    const context = await browser.newContext({ locale: 'en-GB', timezoneId: 'Europe/Helsinki' });
    const page = await context.newPage();
    await startShiftInPage(page, stack.baseUrl, driver, [34.001, 60.001]);
    // Connected and fresh: no banner.
    await eventually(async () =>
      (await fixtures.db.query(`SELECT 1 FROM driver_connections WHERE driver_id = $1`, [driver.id])).rowCount
        ? true
        : undefined,
    );
    expect(await page.getByTestId('pause-banner').isHidden()).toBe(true);

    const rider = await fixtures.aMember('rider');
    const { token } = await login(stack.baseUrl, rider.email, rider.password);
    await client(stack.baseUrl, token).post<OfferView>('/api/rides', {
      pickup: { type: 'Point', coordinates: [34.002, 60.002] },
      dropoff: { type: 'Point', coordinates: [34.02, 60.01] },
    });
    await page.getByTestId('offer-card').waitFor(WAIT);
    await page.getByTestId('offer-decline').click();

    const banner = page.locator('[data-testid=pause-banner][data-reason=resting]');
    await banner.waitFor(WAIT);
    const until = await fixtures.db.query<{ at: string }>(
      `SELECT to_char((responded_at + interval '300 seconds') AT TIME ZONE 'Europe/Helsinki', 'HH24:MI') AS at
         FROM offers WHERE driver_id = $1`,
      [driver.id],
    );
    expect(await banner.textContent()).toBe(
      `Resting after a missed offer: offers resume at ${until.rows[0]!.at}.`,
    );
    await page.getByTestId('lang-toggle').click();
    expect(await banner.textContent()).toContain(`reprise des propositions à ${until.rows[0]!.at}`);
    await page.screenshot({ path: join(tmpdir(), 'navette-pause-banner.png') });
    await context.close();
  }, 120_000);
});
