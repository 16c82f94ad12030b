import type { RideView, TaskHandoverView } from '@navette/contracts';
import type { Page } from 'playwright-core';
import { client, login } from '../../api/test/stack.js';
import { openBrowserHarness, WAIT, type BrowserHarness } from './browser-harness.js';
import { startShiftInPage } from './driver-harness.js';
import {
  keepScreenshot,
  pageFaults,
  seriousAxeViolations,
  VIEWPORTS,
  type ViewportName,
} from './page-checks.js';

/**
 * The driver app with a rider and a parcel pooled on one trip: the parcel's card says what it is
 * and who to collect it from, then who to deliver it to with their contact; at the door a wrong
 * code is refused and the recipient's code ends the delivery, the rider's trip going on.
 */
describe('driver app: a rider and a parcel on one trip, handed over by code', () => {
  let harness: BrowserHarness | undefined;
  let area = 0;

  beforeAll(async () => {
    harness = await openBrowserHarness();
  }, 120_000);

  afterAll(async () => {
    await harness?.close();
  }, 60_000);

  async function acceptNextOffer(page: Page, rideId: string, says?: string): Promise<void> {
    const card = page.locator('[data-testid=offer-card]');
    await card.waitFor(WAIT);
    if (says) await expect(card.textContent()).resolves.toContain(says);
    await card.getByTestId('offer-accept').click();
    await page.locator(`[data-testid=stop-card][data-ride-id="${rideId}"]`).first().waitFor(WAIT);
  }

  for (const viewport of ['phone', 'desktop'] as const satisfies ViewportName[]) {
    it(`pools a rider and a parcel, then hands the parcel over by code (${viewport})`, async () => {
      const { stack, fixtures, browser } = harness!;
      const centre: [number, number] = [36 + 2 * ++area, 60];
      await fixtures.aTerritory({ centre, half: 0.1 });
      const at = (east: number, north: number) => ({
        type: 'Point',
        coordinates: [centre[0] + east, centre[1] + north],
      });
      const driver = await fixtures.aDriver({ name: 'Dana' });
      await fixtures.db.query(`UPDATE vehicles SET cargo_units = 4 WHERE driver_id = $1`, [driver.id]);
      const context = await browser.newContext({ locale: 'en-GB', viewport: VIEWPORTS[viewport] });
      const page = await context.newPage();
      const errors = pageFaults(page);
      await startShiftInPage(page, stack.baseUrl, driver, [centre[0], centre[1]]);

      const as = async (name: string) => {
        const member = await fixtures.aMember('rider', { name });
        return client(stack.baseUrl, (await login(stack.baseUrl, member.email, member.password)).token);
      };
      const rider = await as('Riikka');
      const ride = await rider.post<RideView>('/api/rides', {
        pickup: at(0.001, 0),
        dropoff: at(0.03, 0.01),
      });
      await acceptNextOffer(page, ride.body.id);
      const sender = await as('Sami');
      const parcel = await sender.post<RideView>('/api/rides', {
        kind: 'task',
        pickup: at(0.002, 0.001),
        dropoff: at(0.02, 0.008),
        task: {
          what: 'a box of books',
          category: 'parcel',
          size: 'box',
          recipient: { name: 'Aino', phone: '+358 40 123 4567' },
          pickupInstructions: 'the blue door',
          dropoffInstructions: 'third floor, ring twice',
        },
      });
      expect(parcel.status).toBe(201);
      await acceptNextOffer(page, parcel.body.id, 'A delivery: 2 cargo unit(s)');
      expect(await page.locator('[data-testid=stop-card][data-kind=pickup]').count()).toBe(2);

      // The parcel's pickup stop says what and from whom; its drop-off stop is the door.
      const card = page.locator(
        `[data-testid=stop-card][data-kind=pickup][data-ride-id="${parcel.body.id}"]`,
      );
      const door = page.locator(
        `[data-testid=stop-card][data-kind=dropoff][data-ride-id="${parcel.body.id}"]`,
      );
      await expect(card.getByTestId('handover-what').textContent()).resolves.toBe('Carrying: a box of books');
      await expect(card.getByTestId('handover-collect').textContent()).resolves.toBe('Collect from Sami');
      await expect(card.textContent()).resolves.toContain('Note: the blue door');
      expect(await seriousAxeViolations(page)).toEqual([]);
      await keepScreenshot(page, `driver-pooled-parcel-${viewport}`);

      await card.getByTestId('trip-picked-up').click();
      await door.getByTestId('handover-code').waitFor(WAIT);
      await expect(door.getByTestId('handover-deliver').textContent()).resolves.toBe('Deliver to Aino');
      await expect(door.textContent()).resolves.toContain('Call +358 40 123 4567');
      await expect(door.textContent()).resolves.toContain('Note: third floor, ring twice');
      // A parcel aboard ends by its handover, not by "dropped off".
      expect(await door.getByTestId('trip-dropped-off').count()).toBe(0);
      expect(await seriousAxeViolations(page)).toEqual([]);
      await keepScreenshot(page, `driver-parcel-at-the-door-${viewport}`);

      const { code } = (await sender.get<TaskHandoverView>(`/api/rides/${parcel.body.id}/handover`)).body;
      await door.getByTestId('handover-code').fill(code === '000000' ? '111111' : '000000');
      await door.getByTestId('handover-confirm-code').click();
      await door.locator('[data-testid=trip-error]:not(:empty)').waitFor(WAIT);
      await expect(door.getByTestId('trip-error').textContent()).resolves.toMatch(/4 tries left/);
      expect(await seriousAxeViolations(page)).toEqual([]);

      await door.getByTestId('handover-code').fill(code!);
      await door.getByTestId('handover-confirm-code').click();
      await door.waitFor({ state: 'detached', ...WAIT });
      // The rider's trip goes on: their pickup and drop-off are still ahead.
      expect(await page.locator(`[data-testid=stop-card][data-ride-id="${ride.body.id}"]`).count()).toBe(2);
      expect((await sender.get<RideView>(`/api/rides/${parcel.body.id}`)).body).toMatchObject({
        status: 'completed',
        task: { outcome: 'code' },
      });

      // Another parcel, nobody at the door: it goes back to its sender.
      const second = await sender.post<RideView>('/api/rides', {
        kind: 'task',
        pickup: at(0.004, 0.001),
        dropoff: at(0.02, 0.012),
        task: {
          what: 'a lamp',
          category: 'parcel',
          size: 'bag',
          recipient: { name: 'Aino', phone: '+358 40 123 4567' },
        },
      });
      await acceptNextOffer(page, second.body.id, 'A delivery: 1 cargo unit(s)');
      const lampPickup = page.locator(
        `[data-testid=stop-card][data-kind=pickup][data-ride-id="${second.body.id}"]`,
      );
      const lamp = page.locator(
        `[data-testid=stop-card][data-kind=dropoff][data-ride-id="${second.body.id}"]`,
      );
      await lampPickup.getByTestId('trip-picked-up').click();
      // This pickup is some 250 m from the driver's fixed position: the app asks before marking it.
      await lampPickup.getByTestId('mark-far').waitFor(WAIT);
      await lampPickup.getByTestId('mark-confirm').click();
      await lamp.getByTestId('handover-failed').waitFor(WAIT);
      await lamp.getByTestId('handover-note').fill('nobody answered');
      await lamp.getByTestId('handover-failed').click();
      await lamp.getByTestId('handover-returned').waitFor(WAIT);
      await expect(lamp.getByTestId('handover-deliver').textContent()).resolves.toBe(
        'Nobody took it: bring it back to Sami',
      );
      expect(await seriousAxeViolations(page)).toEqual([]);
      await keepScreenshot(page, `driver-parcel-returning-${viewport}`);
      await lamp.getByTestId('handover-returned').click();
      await lamp.waitFor({ state: 'detached', ...WAIT });
      expect((await sender.get<RideView>(`/api/rides/${second.body.id}`)).body.task).toMatchObject({
        outcome: 'returned',
        failedAttempts: 1,
        outcomeNote: 'nobody answered',
      });
      expect(errors).toEqual([]);
      await context.close();
    }, 180_000);
  }
});
