import type { LngLat, RideView, TripView } from '@navette/contracts';
import { aDriverOnShift, acceptEveryOffer, client, eventually, login } from '../../api/test/stack.js';
import { VIEWPORTS, type ViewportName } from './page-checks.js';
import {
  boxShows,
  checkState,
  focusRingShown,
  openRiderHarness,
  openRiderPage,
  signIn,
  signInByKeyboard,
  tabTo,
  tapMap,
  WAIT,
  type RiderHarness,
} from './rider-harness.js';

/** Demo places (infra/seeds/helsinki-places.ts). */
const KALLION_VIRASTOTALO: LngLat = [24.9461, 60.1819];
const KAMPIN_KESKUS: LngLat = [24.932, 60.169];
/** A driver a few hundred meters from Kallio's places. */
const NEAR_KALLIO: LngLat = [24.9485, 60.1835];
/** Far enough from Kallio that the pickup estimate grows by minutes, near enough to stay in the territory. */
const FAR_WEST: LngLat = [24.933, 60.192];
/** A few steps from Kampin keskus: minutes nearer the drop-off than FAR_WEST. */
const NEAR_KAMPPI: LngLat = [24.9325, 60.1695];

/**
 * The rider's page (issue 9), in headless Chromium on the real API and dispatcher with the demo
 * data, at a phone's and a laptop's size: a keyboard-only request and cancellation; a request by
 * location and map tap, followed live (driver, vehicle, framing, estimates, pooling) to the outcome
 * and a report. Every state: a screenshot in test-artefacts/ and no serious axe violation.
 */
describe('the rider’s page', () => {
  let harness: RiderHarness;

  beforeAll(async () => {
    harness = await openRiderHarness();
  }, 180_000);

  afterAll(async () => {
    await harness?.close();
  }, 60_000);

  const viewports = Object.keys(VIEWPORTS) as ViewportName[];

  it.each(viewports)(
    'on a %s, with the keyboard alone: signs in, picks both ends (search, places list), sees the estimate, requests, cancels after confirming',
    async (name) => {
      const driver = await aDriverOnShift(harness.stack, harness.fixtures, NEAR_KALLIO);
      const rider = await harness.fixtures.aMember('rider', { name: `Keyboard ${name}` });
      const { page, context, problems } = await openRiderPage(harness, { viewport: VIEWPORTS[name] });
      try {
        await signInByKeyboard(page, rider.email, rider.password);
        await page.getByTestId('places').waitFor(WAIT);
        await checkState(page, `rider-keyboard-${name}-1-signed-in`);

        await tabTo(page, 'place-search-pickup');
        expect(await focusRingShown(page)).toBe(true);
        await page.keyboard.type('kallion kirj');
        await page.getByTestId('place-search-pickup-options').getByRole('option').first().waitFor(WAIT);
        // Down the results (ranked by likeness and nearness to the map's centre) to Kallion kirjasto.
        const highlighted = page.locator(
          '[data-testid=place-search-pickup-options] [aria-selected=true] .place-name',
        );
        for (let i = 0; i < 8; i++) {
          await page.keyboard.press('ArrowDown');
          if ((await highlighted.textContent()) === 'Kallion kirjasto') break;
        }
        await page.keyboard.press('Enter');
        await boxShows(page, 'place-search-pickup', 'Kallion kirjasto');

        // The map's points, as a list: open it, Tab to "To here" on Kampin keskus, Enter.
        await tabTo(page, 'places-toggle');
        expect(await focusRingShown(page)).toBe(true);
        await page.keyboard.press('Enter');
        await tabTo(page, '[aria-label="To here: Kampin keskus"]');
        expect(await focusRingShown(page)).toBe(true);
        await page.keyboard.press('Enter');
        await boxShows(page, 'place-search-dropoff', 'Kampin keskus');
        const estimate = page.getByTestId('request-estimate');
        await estimate.getByText(/^About \d+ min before pickup, then \d+ min of ride\.$/).waitFor(WAIT);
        await checkState(page, `rider-keyboard-${name}-2-estimate`);

        await tabTo(page, 'request-submit');
        await page.keyboard.press('Enter');
        await page
          .locator('[data-testid=ride-status]:is([data-status=requested],[data-status=offered])')
          .waitFor(WAIT);
        expect(await page.getByTestId('ride-route').textContent()).toBe(
          'From Kallion kirjasto to Kampin keskus',
        );
        await checkState(page, `rider-keyboard-${name}-3-requested`);

        // Cancelling asks first; Escape keeps the ride.
        await tabTo(page, 'ride-cancel');
        await page.keyboard.press('Enter');
        await page.getByTestId('cancel-dialog').waitFor(WAIT);
        expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe(
          'cancel-keep',
        );
        await checkState(page, `rider-keyboard-${name}-4-confirm-cancel`);
        await page.keyboard.press('Escape');
        await page.getByTestId('cancel-dialog').waitFor({ state: 'hidden', ...WAIT });
        expect(await page.getByTestId('ride-status').getAttribute('data-status')).not.toBe('cancelled');
        await tabTo(page, 'ride-cancel');
        await page.keyboard.press('Enter');
        await page.getByTestId('cancel-dialog').waitFor(WAIT);
        await page.keyboard.press('Tab');
        expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe(
          'cancel-confirm',
        );
        await page.keyboard.press('Enter');
        await page.locator('[data-testid=ride-status][data-status=cancelled]').waitFor(WAIT);

        // The history: date, places and how it ended.
        const entry = page.getByTestId('history-ride').first();
        expect(await entry.locator('time').textContent()).toMatch(/\d\d:\d\d/);
        expect(await entry.textContent()).toContain('Kallion kirjasto → Kampin keskus');
        expect(await entry.textContent()).toContain('Cancelled');
        await checkState(page, `rider-keyboard-${name}-5-cancelled`);
        expect(problems).toEqual([]);
      } finally {
        await context.close();
        await driver.http.post('/api/shifts/end');
        driver.socket.close();
      }
    },
    240_000,
  );

  it.each(viewports)(
    'on a %s: pickup by location, drop-off by a tap, then driver and vehicle, framing, live estimates, a shared ride, the outcome and a report',
    async (name) => {
      const driver = await aDriverOnShift(harness.stack, harness.fixtures, NEAR_KALLIO);
      await harness.fixtures.db.query(`UPDATE vehicles SET label = 'Blue Berlingo' WHERE id = $1`, [
        driver.vehicleId,
      ]);
      const accepting = acceptEveryOffer(driver.socket);
      const rider = await harness.fixtures.aMember('rider', { name: `Located ${name}` });
      const pooledRider = await harness.fixtures.aMember('rider', { name: `Pooled ${name}` });
      const { page, context, problems } = await openRiderPage(harness, {
        viewport: VIEWPORTS[name],
        permissions: ['geolocation'],
        geolocation: { longitude: KALLION_VIRASTOTALO[0], latitude: KALLION_VIRASTOTALO[1] },
      });
      try {
        await signIn(page, rider.email, rider.password);
        await page.locator('[data-testid=map][data-state=ready]').waitFor(WAIT);
        await page.getByTestId('use-my-location').click();
        await boxShows(page, 'place-search-pickup', 'Kallion virastotalo');
        await tapMap(page, KAMPIN_KESKUS);
        await boxShows(page, 'place-search-dropoff', 'Kampin keskus');
        await page
          .getByTestId('request-estimate')
          .getByText(/^About \d+ min before pickup/)
          .waitFor(WAIT);
        await checkState(page, `rider-live-${name}-1-chosen`);
        await page.getByTestId('request-submit').click();

        // Assigned: who drives what, when, and the map framing driver and pickup.
        await page.locator('[data-testid=ride-status][data-status=assigned]').waitFor(WAIT);
        await page.getByTestId('ride-driver').waitFor(WAIT);
        expect(await page.getByTestId('ride-driver').textContent()).toMatch(/^Driver: .+, Blue Berlingo$/);
        expect(await page.getByTestId('ride-pickup-time').textContent()).toMatch(
          /^Expected pickup at \d\d:\d\d$/,
        );
        expect(await page.getByTestId('ride-dropoff-time').textContent()).toMatch(
          /^Expected arrival at \d\d:\d\d$/,
        );
        await page.locator('[data-testid=driver-marker]').waitFor(WAIT);
        expect(await framed(page, NEAR_KALLIO, KALLION_VIRASTOTALO)).toBe(true);
        await checkState(page, `rider-live-${name}-2-assigned`);

        // Another rider asks for nearly the same trip: pooled with this one.
        const { token } = await login(harness.stack.baseUrl, pooledRider.email, pooledRider.password);
        const pooled = await client(harness.stack.baseUrl, token).post<RideView>('/api/rides', {
          pickup: { type: 'Point', coordinates: [24.9466, 60.1822] },
          dropoff: { type: 'Point', coordinates: [24.9325, 60.1693] },
        });
        expect(pooled.status).toBe(201);
        const other = client(harness.stack.baseUrl, token);
        await eventually(async () => {
          const ride = await other.get<RideView>(`/api/rides/${pooled.body.id}`);
          return ride.body.status === 'assigned' ? true : undefined;
        }, 60_000);
        await page
          .getByTestId('ride-shared')
          .getByText('Your ride is shared with 1 other rider')
          .waitFor(WAIT);
        await checkState(page, `rider-live-${name}-3-shared`);

        // The driver moves away: the estimates follow, and the view still frames both.
        const before = await page.getByTestId('ride-pickup-time').textContent();
        expect(await driver.socket.emitWithAck('position:report', { position: FAR_WEST })).toHaveProperty(
          'data',
        );
        await page.waitForFunction(
          (shown) => document.querySelector('[data-testid=ride-pickup-time]')?.textContent !== shown,
          before,
          WAIT,
        );
        expect(await framed(page, FAR_WEST, KALLION_VIRASTOTALO)).toBe(true);

        // Driven and dropped off: "did it go well?", then a report.
        const mine = (await page.getByTestId('history-ride').first().getAttribute('data-ride-id'))!;
        await accepting.idle();
        const mark = async (event: 'picked_up' | 'dropped_off') => {
          const marked = await driver.socket.emitWithAck('trip:mark', { rideId: mine, event });
          expect(marked as { data?: TripView }).toHaveProperty('data');
        };
        await mark('picked_up');
        // On board: no car on the map, but the expected arrival follows the car as it nears Kamppi.
        await page.locator('[data-testid=ride-status][data-status=picked_up]').waitFor(WAIT);
        const aboard = page.getByTestId('ride-dropoff-time');
        await aboard.getByText(/^Expected arrival at \d\d:\d\d$/).waitFor(WAIT);
        const arrival = await aboard.textContent();
        expect(await driver.socket.emitWithAck('position:report', { position: NEAR_KAMPPI })).toHaveProperty(
          'data',
        );
        await page.waitForFunction(
          (shown) => document.querySelector('[data-testid=ride-dropoff-time]')?.textContent !== shown,
          arrival,
          WAIT,
        );
        await checkState(page, `rider-live-${name}-4-aboard`);
        await mark('dropped_off');
        // The other rider is driven too, so the driver ends the shift with nothing left aboard.
        for (const event of ['picked_up', 'dropped_off'] as const)
          await driver.socket.emitWithAck('trip:mark', { rideId: pooled.body.id, event });
        await page.locator('[data-testid=ride-status][data-status=completed]').waitFor(WAIT);
        await page.getByTestId('outcome-yes').waitFor(WAIT);
        await checkState(page, `rider-live-${name}-5-completed`);
        await page.getByTestId('outcome-yes').click();
        await page.getByTestId('outcome-thanks').getByText('Thank you: you said it went well.').waitFor(WAIT);
        await page.getByTestId('report-open').click();
        await page.getByTestId('report-form').waitFor(WAIT);
        await page.getByTestId('report-kind-unsafe').check();
        await page.getByTestId('report-text').fill('Drove through a red light on Hämeentie.');
        await checkState(page, `rider-live-${name}-6-report`);
        await page.getByTestId('report-send').click();
        await page.getByTestId('report-sent').waitFor(WAIT);
        const reports = await harness.fixtures.db.query<{ kind: string; subject_id: string; text: string }>(
          `SELECT kind, subject_id, text FROM abuse_reports WHERE ride_id = $1`,
          [mine],
        );
        expect(reports.rows).toEqual([
          { kind: 'unsafe', subject_id: driver.id, text: 'Drove through a red light on Hämeentie.' },
        ]);
        const outcome = await harness.fixtures.db.query<{ success: boolean }>(
          `SELECT success FROM outcomes WHERE ride_id = $1 AND author_id = $2`,
          [mine, rider.id],
        );
        expect(outcome.rows).toEqual([{ success: true }]);
        const entry = page.locator(`[data-testid=history-ride][data-ride-id="${mine}"]`);
        expect(await entry.textContent()).toContain('Kallion virastotalo → Kampin keskus');
        expect(await entry.textContent()).toContain('Completed · you said it went well');
        await checkState(page, `rider-live-${name}-7-reported`);
        expect(problems).toEqual([]);
      } finally {
        await context.close();
        await driver.http.post('/api/shifts/end');
        driver.socket.close();
      }
    },
    240_000,
  );
});

/** Both points are inside the map's view. */
function framed(page: import('playwright-core').Page, a: LngLat, b: LngLat): Promise<boolean> {
  return page.evaluate(
    ([p, q]) => {
      const map = (window as unknown as { __navetteMap: { getBounds(): { contains(p: LngLat): boolean } } })
        .__navetteMap;
      return map.getBounds().contains(p) && map.getBounds().contains(q);
    },
    [a, b] as const,
  );
}
