import type { OfferView, RideView, TaskHandoverView, TripView } from '@navette/contracts';
import { chromium, type Browser, type Page } from 'playwright-core';
import { Fixtures } from '../../api/test/fixtures.js';
import {
  aDriverOnShift,
  client,
  login,
  nextEvent,
  startStack,
  type Socket,
  type Stack,
} from '../../api/test/stack.js';
import { CHROMIUM_ARGS } from './chromium.js';
import { ensureFrontEndsBuilt } from './front-end-build.js';
import {
  keepScreenshot,
  pageFaults,
  seriousAxeViolations,
  VIEWPORTS,
  type ViewportName,
} from './page-checks.js';

const WAIT = { timeout: 60_000 };
const point = (coordinates: [number, number]) => ({ type: 'Point', coordinates });

/**
 * The recipient's tracking page (`/track/#<token>`): no account, the state in words, the pickup,
 * the drop-off and the driver on the map; once delivered, how; a link that does not work says so.
 */
describe('the tracking page', () => {
  let stack: Stack;
  let fixtures: Fixtures;
  let browser: Browser;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    ensureFrontEndsBuilt();
    stack = await startStack();
    fixtures = Fixtures.open(stack.databaseUrl);
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  }, 120_000);

  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await browser?.close();
    await fixtures?.close();
    await stack?.stop();
  }, 60_000);

  /** A page with its errors (page errors and CSP refusals) collected. */
  async function open(viewport: ViewportName, url: string): Promise<{ page: Page; errors: string[] }> {
    const context = await browser.newContext({ locale: 'en-GB', viewport: VIEWPORTS[viewport] });
    const page = await context.newPage();
    const errors = pageFaults(page);
    await page.goto(url);
    await page.locator('body[data-state=ready]').waitFor(WAIT);
    return { page, errors };
  }

  for (const viewport of ['phone', 'desktop'] as const) {
    it(`follows a parcel to the door, then says how it was handed over (${viewport})`, async () => {
      const centre: [number, number] = viewport === 'phone' ? [24.94, 60.17] : [24.96, 60.18];
      await fixtures.aTerritory({ centre, half: 0.05 });
      const driver = await aDriverOnShift(stack, fixtures, [centre[0] - 0.004, centre[1] - 0.002]);
      sockets.push(driver.socket);
      await fixtures.db.query(`UPDATE vehicles SET cargo_units = 4 WHERE driver_id = $1`, [driver.id]);
      const sender = await fixtures.aMember('rider');
      const http = client(stack.baseUrl, (await login(stack.baseUrl, sender.email, sender.password)).token);

      const offered = nextEvent<OfferView>(driver.socket, 'offer:received', undefined, 30_000);
      const task = await http.post<RideView>('/api/rides', {
        kind: 'task',
        pickup: point([centre[0] - 0.003, centre[1] - 0.002]),
        dropoff: point([centre[0] + 0.006, centre[1] + 0.004]),
        task: {
          what: 'a birthday cake',
          category: 'parcel',
          size: 'box',
          recipient: { name: 'Aino', phone: '+358 40 123 4567' },
        },
      });
      expect(task.status).toBe(201);
      const offer = await offered;
      await driver.socket.timeout(10_000).emitWithAck('offer:accept', { offerId: offer.id });
      await driver.socket
        .timeout(10_000)
        .emitWithAck('trip:mark', { rideId: task.body.id, event: 'picked_up' });

      const { code, trackingUrl } = (await http.get<TaskHandoverView>(`/api/rides/${task.body.id}/handover`))
        .body;
      const path = new URL(trackingUrl!).hash;
      const { page, errors } = await open(viewport, `${stack.baseUrl}/track/${path}`);
      await expect(page.getByTestId('track-heading').textContent()).resolves.toBe(
        'Your delivery: a birthday cake',
      );
      await expect(page.getByTestId('track-state').textContent()).resolves.toBe(
        'On its way to you. Have your code ready for the driver.',
      );
      await page.getByTestId('driver-marker').waitFor(WAIT);
      expect(await page.getByTestId('pickup-marker').count()).toBe(1);
      expect(await page.getByTestId('dropoff-marker').count()).toBe(1);
      // Nothing about the people: not the sender's name, not the recipient's phone.
      const text = (await page.locator('body').textContent()) ?? '';
      expect(text).not.toMatch(/Aino|4567|rider \d/);
      expect(await seriousAxeViolations(page)).toEqual([]);
      await keepScreenshot(page, `track-on-its-way-${viewport}`);

      const done = await driver.http.post<TripView>(`/api/trips/${task.body.id}/handover`, {
        outcome: 'code',
        code,
      });
      expect(done.body.rideStatus).toBe('completed');
      await page.reload();
      await page.locator('body[data-state=ready]').waitFor(WAIT);
      await expect(page.getByTestId('track-state').textContent()).resolves.toBe('Delivered.');
      await expect(page.getByTestId('track-outcome').textContent()).resolves.toBe(
        'Handed over with your code.',
      );
      expect(await page.getByTestId('driver-marker').count()).toBe(0);
      expect(await seriousAxeViolations(page)).toEqual([]);
      await keepScreenshot(page, `track-delivered-${viewport}`);

      // A forged link shows no delivery, and says the link does not work.
      const forged = `${path.slice(0, -1)}${path.endsWith('A') ? 'B' : 'A'}`;
      await page.goto(`${stack.baseUrl}/track/${forged}`);
      await page.reload();
      await page.locator('body[data-state=ready]').waitFor(WAIT);
      await expect(page.getByTestId('track-state').textContent()).resolves.toMatch(/does not work/);
      expect(await seriousAxeViolations(page)).toEqual([]);
      expect(errors).toEqual([]);
      await page.context().close();
    }, 180_000);
  }
});
