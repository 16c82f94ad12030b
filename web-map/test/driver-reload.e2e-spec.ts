import type { LngLat, RideView } from '@navette/contracts';
import { client, eventually, login } from '../../api/test/stack.js';
import { openBrowserHarness, WAIT, type BrowserHarness } from './browser-harness.js';
import { aDevice, signInAndStart } from './driver-harness.js';
import { keepScreenshot, pageFaults, seriousAxeViolations, type ViewportName } from './page-checks.js';

const HOME: LngLat = [24.945, 60.175];
const MOVED: LngLat = [24.955, 60.178];

/**
 * A driver on shift whose phone reloads the page, loses the network, or sleeps finds the shift,
 * the offer and the stops again from the server — never a blank page. (The page used to run its
 * start-up code before the class it needed was defined, which only a reload with a saved session
 * reached: a blank page while still on shift.)
 */
describe('driver app: reload, network loss and sleep', () => {
  let harness: BrowserHarness | undefined;

  beforeAll(async () => {
    harness = await openBrowserHarness();
    await harness.fixtures.aTerritory({ centre: [24.95, 60.18], half: 0.05 });
  }, 120_000);

  afterAll(async () => {
    await harness?.close();
  }, 60_000);

  it.each<ViewportName>(['phone', 'desktop'])(
    'restores shift, offer and stops, shows the offline banner and flushes positions (%s)',
    async (viewport) => {
      const { stack, fixtures, browser } = harness!;
      const driver = await fixtures.aDriver();
      const rider = await fixtures.aMember('rider');
      const context = await aDevice(browser, viewport, HOME);
      const page = await context.newPage();
      const faults = pageFaults(page);
      const shot = (state: string) => keepScreenshot(page, `driver-survives-${viewport}-${state}`);
      await page.goto(`${stack.baseUrl}/driver/`);
      await signInAndStart(page, driver);
      await eventually(async () =>
        (await fixtures.db.query(`SELECT 1 FROM driver_connections WHERE driver_id = $1`, [driver.id]))
          .rowCount
          ? true
          : undefined,
      );
      // The driver turned offer alerts off: the offer comes silent and still.
      await page.getByTestId('offer-alerts').uncheck();
      const { token } = await login(stack.baseUrl, rider.email, rider.password);
      const riderApi = client(stack.baseUrl, token);
      const asked = await riderApi.post<RideView>('/api/rides', {
        pickup: { type: 'Point', coordinates: [24.9507, 60.1843] },
        dropoff: { type: 'Point', coordinates: [24.932, 60.169] },
      });
      expect(asked.status).toBe(201);
      await page.getByTestId('offer-card').waitFor(WAIT);
      expect(
        await page.evaluate(
          () => (window as unknown as { __alerts: { vibrations: number; tones: number } }).__alerts,
        ),
      ).toEqual({ vibrations: 0, tones: 0 });

      // Reload: signed in, on shift, the pending offer back from the server.
      await page.reload();
      await page.locator('[data-testid=shift-status][data-state=on]').waitFor(WAIT);
      expect(await page.getByTestId('login-form').count()).toBe(0);
      expect(await page.getByTestId('whoami').textContent()).toContain('Signed in as');
      await page.getByTestId('offer-card').waitFor(WAIT);
      await page.locator('body[data-socket=connected]').waitFor(WAIT);
      await shot('reloaded');
      expect(await seriousAxeViolations(page)).toEqual([]);
      await page.getByTestId('offer-accept').click();
      await page.getByTestId('stop-card').first().waitFor(WAIT);

      // Network lost: a clear banner, the stops still shown; the device moves meanwhile.
      await context.setOffline(true);
      const banner = page.locator('[data-testid=offline-banner][data-state=offline]');
      await banner.waitFor(WAIT);
      expect(await banner.textContent()).toBe(
        'You are offline. The page shows the last state; it catches up when the network is back.',
      );
      expect(await page.getByTestId('stop-card').count()).toBe(2);
      await context.setGeolocation({ longitude: MOVED[0], latitude: MOVED[1], accuracy: 10 });
      await shot('offline');
      expect(await seriousAxeViolations(page)).toEqual([]);

      // Back: the banner goes, the queued position reaches dispatch.
      await context.setOffline(false);
      await page.getByTestId('offline-banner').waitFor({ state: 'hidden', ...WAIT });
      await page.locator('body[data-socket=connected]').waitFor(WAIT);
      await eventually(async () => {
        const near = await fixtures.db.query(
          `SELECT 1 FROM driver_positions
            WHERE driver_id = $1 AND ST_DistanceSphere(position, ST_SetSRID(ST_MakePoint($2, $3), 4326)) < 30`,
          [driver.id, MOVED[0], MOVED[1]],
        );
        return near.rowCount ? true : undefined;
      }, 60_000);
      expect(await page.getByTestId('stop-card').count()).toBe(2);

      // Asleep (the tab frozen) while the rider cancels: awake, the page asks the server again.
      const cdp = await context.newCDPSession(page);
      await cdp.send('Page.setWebLifecycleState', { state: 'frozen' });
      expect((await riderApi.post(`/api/rides/${asked.body.id}/cancel`)).status).toBe(200);
      await cdp.send('Page.setWebLifecycleState', { state: 'active' });
      await page
        .getByTestId('stop-card')
        .first()
        .waitFor({ state: 'detached', ...WAIT });
      await page.locator('[data-testid=shift-status][data-state=on]').waitFor(WAIT);
      expect(await page.getByTestId('shift-end').isVisible()).toBe(true);
      await shot('woken');
      expect(await seriousAxeViolations(page)).toEqual([]);

      await page.getByTestId('shift-end').click();
      await page.locator('[data-testid=shift-status][data-state=off]').waitFor(WAIT);
      expect(faults).toEqual([]);
      await context.close();
    },
    240_000,
  );
});
