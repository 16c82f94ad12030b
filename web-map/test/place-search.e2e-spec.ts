import type { LngLat } from '@navette/contracts';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { chromium, type Browser, type Page } from 'playwright-core';
import { Fixtures } from '../../api/test/fixtures.js';
import { client, eventually, login, startStack, type Stack } from '../../api/test/stack.js';
import { CHROMIUM_ARGS } from './chromium.js';
import { ensureFrontEndsBuilt } from './front-end-build.js';

const WAIT = { timeout: 60_000 };
/** In Kallio, more than 150 m from every demo place: named after the neighbourhood. */
const KALLIO_AWAY_FROM_PLACES: LngLat = [24.9405, 60.1925];

/**
 * The rider page's place search, keyboard only, in headless Chromium on the real API with the
 * demo places: Tab to the pickup box, type with a typo, choose with the arrows, pick with Enter;
 * the chosen place shows by name, and a point clicked on the map by its neighbourhood's name.
 */
describe('rider page: place search for pickup and drop-off', () => {
  let stack: Stack | undefined;
  let browser: Browser | undefined;

  beforeAll(async () => {
    ensureFrontEndsBuilt();
    stack = await startStack({ demo: true });
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  }, 60_000);

  async function ridesAsked(): Promise<number> {
    const db = new pg.Client({ connectionString: stack!.databaseUrl });
    await db.connect();
    try {
      return (await db.query('SELECT 1 FROM rides')).rowCount ?? 0;
    } finally {
      await db.end();
    }
  }

  /** Presses Tab until the element with this test id has the focus (the keyboard's way there). */
  async function tabTo(page: Page, testId: string): Promise<void> {
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press('Tab');
      if (await page.evaluate((id) => document.activeElement?.getAttribute('data-testid') === id, testId))
        return;
    }
    throw new Error(`Tab never reached ${testId}`);
  }

  async function signedInPage(
    viewport: { width: number; height: number },
    email = 'alice@demo.navette.org',
  ): Promise<Page> {
    const context = await browser!.newContext({ locale: 'en-GB', viewport, timezoneId: 'Europe/Helsinki' });
    const page = await context.newPage();
    await page.goto(`${stack!.baseUrl}/`);
    await page.getByTestId('login-email').fill(email);
    await page.getByTestId('login-password').fill('navette-demo');
    await page.keyboard.press('Enter');
    await page.getByTestId('place-search-pickup').waitFor(WAIT);
    return page;
  }

  it.each([
    ['phone', { width: 390, height: 844 }, 'alice@demo.navette.org'],
    ['desktop', { width: 1280, height: 800 }, 'bruno@demo.navette.org'],
  ])(
    'on a %s: picks a pickup and a drop-off by name with the keyboard alone, and the ride shows them',
    async (name, viewport, rider) => {
      const page = await signedInPage(viewport, rider);
      const ridesBefore = await ridesAsked();
      const pickup = page.getByTestId('place-search-pickup');
      expect(await pickup.getAttribute('role')).toBe('combobox');
      expect(await page.getByRole('combobox', { name: 'Pickup' }).getAttribute('data-testid')).toBe(
        'place-search-pickup',
      );

      await tabTo(page, 'place-search-pickup');
      await page.keyboard.type('kalio');
      const options = page.getByTestId('place-search-pickup-options').getByRole('option');
      await options.first().waitFor(WAIT);
      expect(await pickup.getAttribute('aria-expanded')).toBe('true');
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('ArrowDown');
      const highlighted = page.locator('[data-testid=place-search-pickup-options] [aria-selected=true]');
      const chosen = (await highlighted.locator('.place-name').textContent()) ?? '';
      expect(chosen).toMatch(/^Kallion /);
      expect(await pickup.getAttribute('aria-activedescendant')).toBe(await highlighted.getAttribute('id'));
      const box = await highlighted.boundingBox();
      expect(box?.height).toBeGreaterThanOrEqual(44);
      await page.screenshot({ path: join(tmpdir(), `navette-place-search-${name}-options.png`) });
      await page.keyboard.press('Enter');
      expect(await pickup.inputValue()).toBe(chosen);
      expect(await pickup.getAttribute('aria-expanded')).toBe('false');
      await page.getByText('Now search or click where you are going.').waitFor(WAIT);

      await tabTo(page, 'place-search-dropoff');
      await page.keyboard.type('toolo');
      await page.getByTestId('place-search-dropoff-options').getByRole('option').first().waitFor(WAIT);
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Enter');
      expect(await page.getByTestId('place-search-dropoff').inputValue()).toMatch(/^Töölö/);
      await page.getByText('Pickup and drop-off chosen.').waitFor(WAIT);
      expect(await page.getByTestId('request-submit').isEnabled()).toBe(true);
      // Enter in a search box picked; it did not send the form.
      expect(await ridesAsked()).toBe(ridesBefore);

      // A point clicked on the map is shown by name too, here its neighbourhood's.
      const pixel = await page.evaluate(
        (p) =>
          (
            window as unknown as { __navetteMap: { project(p: LngLat): { x: number; y: number } } }
          ).__navetteMap.project(p),
        KALLIO_AWAY_FROM_PLACES,
      );
      const mapBox = (await page.getByTestId('map').boundingBox())!;
      await page.mouse.click(mapBox.x + pixel.x, mapBox.y + pixel.y);
      await page.waitForFunction(
        () =>
          (document.querySelector('[data-testid=place-search-dropoff]') as HTMLInputElement).value ===
          'near Kallio',
        undefined,
        WAIT,
      );
      await page.screenshot({ path: join(tmpdir(), `navette-place-search-${name}.png`) });

      // Requested, the ride is shown by the names the server gave its ends.
      await tabTo(page, 'request-submit');
      await page.keyboard.press('Enter');
      await page.getByText(`From ${chosen} to Kallio`).waitFor(WAIT);
      expect(await page.getByTestId('ride-route').textContent()).toBe(`From ${chosen} to Kallio`);
      await tabTo(page, 'ride-cancel');
      await page.keyboard.press('Enter');
      // Cancelling asks first (a modal dialog, focus on "keep"): Tab to "cancel", Enter.
      await page.getByTestId('cancel-dialog').waitFor(WAIT);
      await tabTo(page, 'cancel-confirm');
      await page.keyboard.press('Enter');
      await page.locator('[data-testid=ride-status][data-status=cancelled]').waitFor(WAIT);
      await page.context().close();
    },
    120_000,
  );

  it('the driver app shows the offer’s and the trip’s places by name', async () => {
    const fixtures = Fixtures.open(stack!.databaseUrl);
    const context = await browser!.newContext({ locale: 'en-GB', viewport: { width: 390, height: 844 } });
    try {
      const driver = await fixtures.aDriver();
      const page = await context.newPage();
      await page.goto(`${stack!.baseUrl}/driver/?lng=24.951&lat=60.185`);
      await page.getByTestId('login-email').fill(driver.email);
      await page.getByTestId('login-password').fill(driver.password);
      await page.getByTestId('login-submit').click();
      await page.getByTestId('shift-start').click();
      await page.locator('body[data-socket=connected]').waitFor(WAIT);
      await eventually(async () =>
        (await fixtures.db.query(`SELECT 1 FROM driver_connections WHERE driver_id = $1`, [driver.id]))
          .rowCount
          ? true
          : undefined,
      );
      const { token } = await login(stack!.baseUrl, 'rosa@demo.navette.org', 'navette-demo');
      const ride = await client(stack!.baseUrl, token).post('/api/rides', {
        pickup: { type: 'Point', coordinates: [24.9507, 60.1843] },
        dropoff: { type: 'Point', coordinates: [24.932, 60.169] },
      });
      expect(ride.status).toBe(201);
      await page.getByTestId('offer-card').waitFor(WAIT);
      expect(await page.getByTestId('offer-pickup').textContent()).toBe('Pickup area: Kallion kirjasto');
      expect(await page.getByTestId('offer-dropoff').textContent()).toBe('Drop-off area: Kampin keskus');
      await page.getByTestId('offer-accept').click();
      const stops = page.getByTestId('stop-card');
      await stops.first().waitFor(WAIT);
      expect(await stops.nth(0).getByTestId('stop-name').textContent()).toBe('1Pickup: Kallion kirjasto');
      expect(await stops.nth(1).getByTestId('stop-name').textContent()).toBe('2Drop-off: Kampin keskus');
      await page.screenshot({ path: join(tmpdir(), 'navette-place-names-driver.png') });
    } finally {
      await context.close();
      await fixtures.close();
    }
  }, 120_000);

  it('shows the stop a pickup will be moved to before the rider confirms (territory rule)', async () => {
    const cora = client(
      stack!.baseUrl,
      (await login(stack!.baseUrl, 'cora@demo.navette.org', 'navette-demo')).token,
    );
    const territories = await (await fetch(`${stack!.baseUrl}/api/territories`)).json();
    const kallio = (
      territories as { features: { properties: { id: string; name: string } }[] }
    ).features.find((f) => f.properties.name === 'Kallio')!.properties.id;
    const rule = (meters: number | null) =>
      cora.request('PUT', `/api/territories/${kallio}`, {
        type: 'Feature',
        properties: { snapPickupToStopMeters: meters },
      });
    expect((await rule(300)).status).toBe(200);
    try {
      const page = await signedInPage({ width: 1280, height: 800 });
      await tabTo(page, 'place-search-pickup');
      await page.keyboard.type('kallion kirjasto');
      await page.getByTestId('place-search-pickup-options').getByRole('option').first().waitFor(WAIT);
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Enter');
      await page.getByText('You will be picked up at the stop Karhupuisto').waitFor(WAIT);
      expect(await page.getByTestId('place-search-pickup').inputValue()).toBe('Karhupuisto');
      expect(await page.getByTestId('request-snap').textContent()).toMatch(
        /^You will be picked up at the stop Karhupuisto, \d+ m away\.$/,
      );
      await page.screenshot({ path: join(tmpdir(), 'navette-place-search-snapped.png') });
      await page.context().close();
    } finally {
      await rule(null);
    }
  }, 120_000);
});
