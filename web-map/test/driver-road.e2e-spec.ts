import type { LngLat, RideView } from '@navette/contracts';
import type { Page } from 'playwright-core';
import { client, eventually, login } from '../../api/test/stack.js';
import { openBrowserHarness, WAIT, type BrowserHarness } from './browser-harness.js';
import { aDevice, signInAndStart } from './driver-harness.js';
import {
  keepScreenshot,
  pageFaults,
  seriousAxeViolations,
  VIEWPORTS,
  type ViewportName,
} from './page-checks.js';

const HOME: LngLat = [24.945, 60.175];
const PICKUP: LngLat = [24.9507, 60.1843];
const DROPOFF: LngLat = [24.932, 60.169];
/** A second rider's trip, 50 m from the first's ends: pooled. */
const PICKUP_2: LngLat = [24.9515, 60.184];
const DROPOFF_2: LngLat = [24.9325, 60.1692];

/** Features the page's map draws in its route layer, once idle. */
function routeLineDrawn(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const map = (
      window as unknown as {
        __navetteMap: {
          once(e: 'idle', f: () => void): void;
          triggerRepaint(): void;
          queryRenderedFeatures(o: { layers: string[] }): unknown[];
        };
      }
    ).__navetteMap;
    await new Promise<void>((resolve) => {
      map.once('idle', resolve);
      map.triggerRepaint();
    });
    return map.queryRenderedFeatures({ layers: ['driver-route-line'] }).length;
  });
}

/**
 * A driver's shift on the road, at phone and laptop sizes: the map with their position, an offer
 * that rings with its pickup named and its detour, the stops in order with the rider's name, seats
 * and notes, the hand-off to a navigation app, a second rider pooled into one sequence, pickups
 * marked far from the stop (confirmed, the distance recorded), the drop-offs, and why no offer
 * comes next (the weekly limit, then outside the service area).
 */
describe('driver app: a shift on the road', () => {
  let harness: BrowserHarness | undefined;

  beforeAll(async () => {
    harness = await openBrowserHarness();
    await harness.fixtures.aTerritory({ name: 'Kallio', centre: [24.95, 60.18], half: 0.05 });
  }, 120_000);

  afterAll(async () => {
    await harness?.close();
  }, 60_000);

  it.each<ViewportName>(['phone', 'desktop'])(
    'offer, stops, marks and the reason no offer comes (%s)',
    async (viewport) => {
      const { stack, fixtures, browser } = harness!;
      const driver = await fixtures.aDriver({ name: `Dana ${viewport}` });
      const rider = await fixtures.aMember('rider', { name: `Rosa ${viewport}` });
      const context = await aDevice(browser, viewport, HOME);
      const page = await context.newPage();
      const faults = pageFaults(page);
      const shot = (state: string) => keepScreenshot(page, `driver-road-${viewport}-${state}`);

      await page.goto(`${stack.baseUrl}/driver/`);
      expect(await page.getByTestId('shift-lng').count()).toBe(0);
      await signInAndStart(page, driver);
      await page.locator('[data-testid=map][data-state=ready]').waitFor(WAIT);
      await page.locator('[data-testid=driver-marker]').waitFor(WAIT);
      expect(await page.getByTestId('location-status').isHidden()).toBe(true);
      expect(await page.getByTestId('offer-alerts').isChecked()).toBe(true);
      await eventually(async () =>
        (await fixtures.db.query(`SELECT 1 FROM driver_connections WHERE driver_id = $1`, [driver.id]))
          .rowCount
          ? true
          : undefined,
      );
      await shot('on-shift');
      expect(await seriousAxeViolations(page)).toEqual([]);

      // A rider asks, with words for the driver; the offer rings and names the pickup and the detour.
      const { token } = await login(stack.baseUrl, rider.email, rider.password);
      const asked = await client(stack.baseUrl, token).post<RideView>('/api/rides', {
        pickup: { type: 'Point', coordinates: PICKUP },
        dropoff: { type: 'Point', coordinates: DROPOFF },
        seats: 2,
        notes: 'Blue door, ring twice',
      });
      expect(asked.status).toBe(201);
      const offer = page.getByTestId('offer-card');
      await offer.waitFor(WAIT);
      expect(await offer.getByTestId('offer-pickup').textContent()).toMatch(/^Pickup area: \S/);
      expect(await offer.getByTestId('offer-pickup').textContent()).not.toMatch(/\d+\.\d{3}/);
      expect(await offer.getByTestId('offer-detour').textContent()).toMatch(
        /^Adds \d+ min · [\d.]+ k?m to your route$/,
      );
      expect(await offer.getByTestId('offer-countdown').textContent()).toMatch(/^Answer within \d+:\d\d$/);
      const alerts = await page.evaluate(
        () => (window as unknown as { __alerts: { vibrations: number; tones: number } }).__alerts,
      );
      expect(alerts.vibrations).toBe(1);
      expect(alerts.tones).toBe(2);
      await shot('offer');
      expect(await seriousAxeViolations(page)).toEqual([]);

      // Accepted: the stops in order (pickup first), named, with rider, seats and notes; the route line.
      await offer.getByTestId('offer-accept').click();
      await offer.waitFor({ state: 'detached', ...WAIT });
      const stops = page.getByTestId('stop-card');
      await stops.first().waitFor(WAIT);
      expect(await stops.count()).toBe(2);
      expect(await stops.nth(0).getAttribute('data-kind')).toBe('pickup');
      expect(await stops.nth(1).getAttribute('data-kind')).toBe('dropoff');
      expect(await stops.nth(0).getByTestId('stop-name').textContent()).toMatch(/^1Pickup: \S/);
      expect(await stops.nth(0).getByTestId('stop-rider').textContent()).toBe(`Rosa ${viewport} · 2 seat(s)`);
      expect(await stops.nth(0).getByTestId('stop-notes').textContent()).toBe('Note: Blue door, ring twice');
      expect(await stops.nth(0).getByTestId('stop-navigate').getAttribute('href')).toMatch(
        /^geo:60\.184300,24\.950700\?q=/,
      );
      expect(await stops.nth(1).getByTestId('trip-dropped-off').count()).toBe(0);
      await page.locator('[data-testid=pickup-marker]').waitFor(WAIT);
      await page.locator('[data-testid=dropoff-marker]').waitFor(WAIT);
      expect(await routeLineDrawn(page)).toBeGreaterThan(0);
      await shot('stops');
      expect(await seriousAxeViolations(page)).toEqual([]);

      // A second rider going the same way: pooled, the four stops as one sequence, next stop first.
      const leo = await fixtures.aMember('rider', { name: `Leo ${viewport}` });
      const leoApi = client(stack.baseUrl, (await login(stack.baseUrl, leo.email, leo.password)).token);
      const pooled = await leoApi.post<RideView>('/api/rides', {
        pickup: { type: 'Point', coordinates: PICKUP_2 },
        dropoff: { type: 'Point', coordinates: DROPOFF_2 },
      });
      expect(pooled.status).toBe(201);
      await offer.waitFor(WAIT);
      expect(await offer.getByTestId('offer-detour').textContent()).toMatch(/^Adds \d+ min · /);
      await offer.getByTestId('offer-accept').click();
      await offer.waitFor({ state: 'detached', ...WAIT });
      await stops.nth(3).waitFor(WAIT);
      const sequence = await stops.evaluateAll((cards) =>
        cards.map((card) => `${card.getAttribute('data-ride-id')}:${card.getAttribute('data-kind')}`),
      );
      expect(sequence).toHaveLength(4);
      expect(sequence[0]).toMatch(/:pickup$/);
      for (const ride of [asked.body.id, pooled.body.id])
        expect(sequence.indexOf(`${ride}:pickup`)).toBeLessThan(sequence.indexOf(`${ride}:dropoff`));
      await eventually(async () =>
        (await page.locator('[data-testid=pickup-marker]').count()) === 2 &&
        (await page.locator('[data-testid=dropoff-marker]').count()) === 2
          ? true
          : undefined,
      );
      await shot('pooled');
      expect(await seriousAxeViolations(page)).toEqual([]);
      // Both riders are this week's one trip: the driver's own limit is reached with it.
      await fixtures.db.query(`UPDATE members SET weekly_trip_limit = 1 WHERE id = $1`, [driver.id]);

      // "Picked up" a kilometre from the stop: asked first, then recorded with the distance.
      const first = (await stops.nth(0).getAttribute('data-ride-id'))!;
      await stops.nth(0).getByTestId('trip-picked-up').click();
      const far = page.getByTestId('mark-far');
      await far.waitFor(WAIT);
      expect(await far.textContent()).toMatch(/^You are [\d.]+ k?m from .+\. Mark it anyway\?/);
      await shot('far-mark');
      expect(await seriousAxeViolations(page)).toEqual([]);
      await page.getByTestId('mark-confirm').click();
      await page
        .locator(`[data-testid=stop-card][data-kind=pickup][data-ride-id="${first}"]`)
        .waitFor({ state: 'detached', ...WAIT });
      // The other pickup is next now; it is as far.
      await stops.nth(0).getByTestId('trip-picked-up').click();
      await page.getByTestId('mark-confirm').click();
      await page.locator('[data-testid=stop-card][data-kind=pickup]').waitFor({ state: 'detached', ...WAIT });
      const picked = await fixtures.db.query<{ status: string; meters: number }>(
        `SELECT status, pickup_mark_distance_meters AS meters FROM rides WHERE id = ANY($1::uuid[])`,
        [[asked.body.id, pooled.body.id]],
      );
      for (const row of picked.rows) {
        expect(row.status).toBe('picked_up');
        expect(row.meters).toBeGreaterThan(900);
        expect(row.meters).toBeLessThan(1300);
      }

      // At the drop-offs: no question, a short distance recorded, the trip done.
      await context.setGeolocation({ longitude: DROPOFF[0] + 0.0002, latitude: DROPOFF[1], accuracy: 10 });
      // The page follows the device: its new position reaches dispatch.
      await eventually(async () => {
        const near = await fixtures.db.query(
          `SELECT 1 FROM driver_positions
            WHERE driver_id = $1 AND ST_DistanceSphere(position, ST_SetSRID(ST_MakePoint($2, $3), 4326)) < 100`,
          [driver.id, DROPOFF[0], DROPOFF[1]],
        );
        return near.rowCount ? true : undefined;
      }, 60_000);
      for (const left of [1, 0]) {
        await stops.nth(0).getByTestId('trip-dropped-off').click();
        await eventually(async () => ((await stops.count()) === left ? true : undefined), 60_000);
      }
      expect(await page.getByTestId('mark-far').count()).toBe(0);
      const dropped = await fixtures.db.query<{ status: string; meters: number }>(
        `SELECT status, dropoff_mark_distance_meters AS meters FROM rides WHERE id = ANY($1::uuid[])`,
        [[asked.body.id, pooled.body.id]],
      );
      for (const row of dropped.rows) {
        expect(row.status).toBe('completed');
        expect(row.meters).toBeLessThan(100);
      }

      // After each drop-off: "did it go well with the rider?"; the driver says no, then reports.
      const after = page.locator(`[data-testid=after-trip][data-ride-id="${asked.body.id}"]`);
      await after.waitFor(WAIT);
      await eventually(async () => ((await page.getByTestId('after-trip').count()) === 2 ? true : undefined));
      expect(await after.locator('p.strong').textContent()).toBe(`Did it go well with Rosa ${viewport}?`);
      await shot('after-trip');
      expect(await seriousAxeViolations(page)).toEqual([]);
      await after.getByTestId('after-trip-no').click();
      await after.getByTestId('after-trip-thanks').waitFor(WAIT);
      expect(await after.getByTestId('after-trip-thanks').textContent()).toBe(
        'Thank you: you said it did not go well.',
      );
      const outcome = await fixtures.db.query<{ success: boolean; subject_id: string }>(
        `SELECT success, subject_id FROM outcomes WHERE ride_id = $1 AND author_id = $2`,
        [asked.body.id, driver.id],
      );
      expect(outcome.rows).toEqual([{ success: false, subject_id: rider.id }]);
      await after.getByTestId('after-trip-report').click();
      await after.getByTestId('after-trip-kind-abuse').check();
      await after.getByTestId('after-trip-text').fill('Shouted at me all the way.');
      await shot('after-trip-report');
      expect(await seriousAxeViolations(page)).toEqual([]);
      await after.getByTestId('after-trip-send').click();
      await after.getByTestId('after-trip-sent').waitFor(WAIT);
      const report = await fixtures.db.query(
        `SELECT kind, text, subject_id FROM abuse_reports WHERE reporter_id = $1 AND ride_id = $2`,
        [driver.id, asked.body.id],
      );
      expect(report.rows).toEqual([
        { kind: 'abuse', text: 'Shouted at me all the way.', subject_id: rider.id },
      ]);
      await shot('after-trip-reported');
      expect(await seriousAxeViolations(page)).toEqual([]);
      await after.getByTestId('after-trip-dismiss').click();
      await eventually(async () => ((await page.getByTestId('after-trip').count()) === 1 ? true : undefined));

      // One trip this week was the driver's own limit: the page says why no offer comes now.
      const banner = page.locator('[data-testid=pause-banner][data-reason=weekly-limit]');
      await banner.waitFor(WAIT);
      expect(await banner.textContent()).toBe('Paused: you reached your weekly trip limit. Thank you!');
      await shot('weekly-limit');
      expect(await seriousAxeViolations(page)).toEqual([]);

      // Driven out of the service area: the page says so.
      await context.setGeolocation({ longitude: 25.1, latitude: 60.18, accuracy: 10 });
      const outside = page.locator('[data-testid=pause-banner][data-reason=outside-territory]');
      await outside.waitFor(WAIT);
      expect(await outside.textContent()).toBe(
        'Paused: you are outside the service area. Offers come inside it.',
      );
      await shot('outside');
      expect(await seriousAxeViolations(page)).toEqual([]);

      // The alert setting is kept across a reload.
      await page.getByTestId('offer-alerts').uncheck();
      await page.reload();
      await page.locator('[data-testid=shift-status][data-state=on]').waitFor(WAIT);
      expect(await page.getByTestId('offer-alerts').isChecked()).toBe(false);

      await page.getByTestId('shift-end').click();
      await page.locator('[data-testid=shift-status][data-state=off]').waitFor(WAIT);
      expect(faults).toEqual([]);
      await context.close();
    },
    240_000,
  );

  it.each<ViewportName>(['phone', 'desktop'])(
    'says why the shift cannot start when location is refused (%s)',
    async (viewport) => {
      const { stack, fixtures, browser } = harness!;
      const driver = await fixtures.aDriver();
      const context = await browser.newContext({ locale: 'en-GB', viewport: VIEWPORTS[viewport] });
      const page = await context.newPage();
      const faults = pageFaults(page);
      await page.goto(`${stack.baseUrl}/driver/`);
      await page.getByTestId('login-email').fill(driver.email);
      await page.getByTestId('login-password').fill(driver.password);
      await page.getByTestId('login-submit').click();
      await page.getByTestId('shift-start').click();
      await page.locator('[data-testid=location-status][data-state=denied]').waitFor(WAIT);
      expect(await page.getByTestId('shift-error').textContent()).toBe(
        'Allow this site to use your location to start a shift.',
      );
      expect(await page.getByTestId('shift-status').getAttribute('data-state')).toBe('off');
      // The map still shows the service area.
      await page.locator('[data-testid=map][data-state=ready]').waitFor(WAIT);
      await keepScreenshot(page, `driver-road-${viewport}-location-refused`);
      expect(await seriousAxeViolations(page)).toEqual([]);
      expect(faults).toEqual([]);
      await context.close();
    },
    120_000,
  );
});
