import type { Page } from 'playwright-core';
import { VIEWPORTS, type ViewportName } from './page-checks.js';
import {
  checkState,
  openRiderHarness,
  openRiderPage,
  signIn,
  WAIT,
  type RiderHarness,
} from './rider-harness.js';

/**
 * The rider's page as a phone app (issue 9): installable (a web manifest, a service worker over the
 * whole page), following the system's dark colours, usable offline to the extent of the last state,
 * and laid out for a 360 px wide screen with controls a finger can hit.
 */
describe('the rider’s page, installed, dark, offline and narrow', () => {
  let harness: RiderHarness;

  beforeAll(async () => {
    harness = await openRiderHarness();
  }, 180_000);

  afterAll(async () => {
    await harness?.close();
  }, 60_000);

  /** Chooses pickup and drop-off from the places list (by tapping) and requests. */
  async function requestFromPlacesList(page: Page): Promise<void> {
    const closed = page.locator('[data-testid=places]:not([open]) summary');
    if ((await closed.count()) > 0) await closed.click();
    await page.getByRole('button', { name: 'From here: Kallion kirjasto' }).click();
    await page.getByRole('button', { name: 'To here: Kampin keskus' }).click();
    await page.getByTestId('request-estimate').waitFor(WAIT);
    await page.getByTestId('request-submit').click();
    await page
      .locator('[data-testid=ride-status]:is([data-status=requested],[data-status=unserved])')
      .waitFor(WAIT);
  }

  it.each(Object.keys(VIEWPORTS) as ViewportName[])(
    'on a %s in dark mode: installable, and after going offline a reload shows the last ride',
    async (name) => {
      const rider = await harness.fixtures.aMember('rider', { name: `Offline ${name}` });
      const { page, context, problems } = await openRiderPage(harness, {
        viewport: VIEWPORTS[name],
        colorScheme: 'dark',
      });
      try {
        // Installable: a manifest with icons, and a service worker whose scope is the whole page.
        const manifestUrl = await page.locator('link[rel=manifest]').getAttribute('href');
        const manifest = (await (await fetch(`${harness.stack.baseUrl}${manifestUrl}`)).json()) as {
          start_url: string;
          display: string;
          icons: { src: string; sizes: string }[];
        };
        expect(manifest).toMatchObject({ start_url: '/', display: 'standalone' });
        expect(manifest.icons.map((icon) => icon.sizes)).toEqual(['192x192', '512x512']);
        for (const icon of manifest.icons)
          expect((await fetch(`${harness.stack.baseUrl}${icon.src}`)).status).toBe(200);
        const worker = await fetch(`${harness.stack.baseUrl}/sw.js`);
        expect(worker.status).toBe(200);
        expect(worker.headers.get('content-type')).toMatch(/javascript/);
        expect(worker.headers.get('cache-control')).toBe('no-cache');
        expect(await worker.text()).toMatch(/navette-rider-/);
        const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
        expect(scope).toBe(`${harness.stack.baseUrl}/`);

        await signIn(page, rider.email, rider.password);
        await page.locator('[data-testid=map][data-state=ready]').waitFor(WAIT);
        // Dark: the page's colours and the map's style follow the system.
        expect(await page.getByTestId('map').getAttribute('data-scheme')).toBe('dark');
        expect(await luminance(page, '#panel')).toBeLessThan(0.1);
        await requestFromPlacesList(page);
        const status = await page.getByTestId('ride-status').getAttribute('data-status');
        await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, WAIT);
        await checkState(page, `rider-offline-${name}-1-dark-requested`);

        await context.setOffline(true);
        await page.reload();
        await page.getByTestId('ride-offline').waitFor(WAIT);
        expect(await page.getByTestId('ride-offline').textContent()).toBe(
          'Offline: this is the last known state.',
        );
        expect(await page.getByTestId('ride-status').getAttribute('data-status')).toBe(status);
        expect(await page.getByTestId('ride-route').textContent()).toBe(
          'From Kallion kirjasto to Kampin keskus',
        );
        await checkState(page, `rider-offline-${name}-2-offline-reloaded`);
        await context.setOffline(false);
        expect(problems).toEqual([]);
      } finally {
        await context.close();
      }
    },
    240_000,
  );

  it('at 360 px wide on a touch screen: nothing overflows, every control is at least 44 px', async () => {
    const rider = await harness.fixtures.aMember('rider', { name: 'Narrow' });
    const { page, context, problems } = await openRiderPage(harness, {
      viewport: { width: 360, height: 740 },
      hasTouch: true,
      isMobile: true,
    });
    try {
      await signIn(page, rider.email, rider.password);
      await page.locator('[data-testid=map][data-state=ready]').waitFor(WAIT);
      await page.getByTestId('places-toggle').click();
      await checkState(page, 'rider-narrow-1-places');
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
      expect(await smallControls(page)).toEqual([]);
      await requestFromPlacesList(page);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
      expect(await smallControls(page)).toEqual([]);
      await checkState(page, 'rider-narrow-2-requested');
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  }, 240_000);
});

/** Relative luminance (0 black … 1 white) of the element's background colour. */
function luminance(page: Page, selector: string): Promise<number> {
  return page.evaluate((s) => {
    const colour = getComputedStyle(document.querySelector(s)!).backgroundColor;
    const [r, g, b] = (colour.match(/\d+(\.\d+)?/g) ?? ['255', '255', '255']).map(Number) as [
      number,
      number,
      number,
    ];
    const lin = (c: number) => ((c /= 255) <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
    return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
  }, selector);
}

/**
 * The visible controls of the panel smaller than 44 × 44 CSS pixels (radio buttons and check boxes
 * count by the label that wraps them: tapping it anywhere toggles them).
 */
function smallControls(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll<HTMLElement>('#panel :is(button, input, textarea, select, summary)'))
      .map((element) =>
        element.matches('input[type=radio], input[type=checkbox]')
          ? (element.closest('label') ?? element)
          : element,
      )
      .filter((element) => element.offsetParent !== null)
      .filter((element) => {
        const box = element.getBoundingClientRect();
        return box.height < 44 || box.width < 44;
      })
      .map((element) => element.dataset.testid ?? element.outerHTML.slice(0, 80)),
  );
}
