import type { LngLat, OfferView, TerritoryLiveView } from '@navette/contracts';
import { chromium, type Browser } from 'playwright-core';
import { Fixtures } from '../../api/test/fixtures.js';
import {
  client,
  connectSocket,
  eventually,
  login,
  nextEvent,
  startStack,
  type Socket,
  type Stack,
} from '../../api/test/stack.js';
import { CHROMIUM_ARGS } from './chromium.js';
import { signedInConsole } from './console-page.js';
import { ensureFrontEndsBuilt } from './front-end-build.js';
import { keepScreenshot, seriousAxeViolations, VIEWPORTS, type ViewportName } from './page-checks.js';

const WAIT = { timeout: 60_000 };
const point = ([lng, lat]: LngLat) => ({ type: 'Point', coordinates: [lng, lat] });

/**
 * The console's live view (`/coordinate/#live`) on the real API and dispatcher: a coordinator sees
 * the drivers on shift named with their state and a waiting ride with why it waits, on the map and
 * in the list; opening the ride (from its marker or the list) shows the engine's explanation in
 * words and never starts a request; the coordinator offers the ride to a chosen driver with a
 * reason (the engine refuses a driver without room, and says so), withdraws the offer, and the
 * audit log shows both, with the reasons.
 */
describe('the console’s live view, overrides and audit log', () => {
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
    await eventually(async () =>
      Number((await fixtures.db.query(`SELECT count(*) FROM driver_connections`)).rows[0].count) === 0
        ? true
        : undefined,
    ).catch(() => undefined);
    await browser?.close();
    await fixtures?.close();
    await stack?.stop();
  }, 60_000);

  /** A named driver on shift at `at`; with `connected`, their app is open (else they are paused). */
  async function driverOnShift(
    name: string,
    at: LngLat,
    options: { seats?: number; connected?: boolean } = {},
  ) {
    const driver = await fixtures.aDriver({ name, seats: options.seats ?? 4 });
    const { token } = await login(stack.baseUrl, driver.email, driver.password);
    const started = await client(stack.baseUrl, token).post('/api/shifts/start', { position: at });
    expect(started.status).toBe(200);
    const socket =
      options.connected === false
        ? undefined
        : await connectSocket(stack.baseUrl, token, { asDriverOnShift: true });
    if (socket) sockets.push(socket);
    return { ...driver, socket };
  }

  it.each(Object.keys(VIEWPORTS) as ViewportName[])(
    'a coordinator sees drivers and a waiting ride with its reason, and overrides it with a reason (%s)',
    async (viewport) => {
      const lng = viewport === 'phone' ? 41 : 42;
      // Offers stay open long enough for the coordinator to look at one before withdrawing it.
      const town = await fixtures.aTerritory({
        name: `Harbour ${viewport}`,
        centre: [lng, 60],
        half: 0.1,
        offerTimeoutSeconds: 600,
      });
      const coraMember = await fixtures.aMember('coordinator', {
        name: `Cora ${viewport}`,
        coordinates: [town],
      });
      const cora = {
        ...coraMember,
        http: client(
          stack.baseUrl,
          (await login(stack.baseUrl, coraMember.email, coraMember.password)).token,
        ),
      };
      const pickup: LngLat = [lng - 0.02, 59.99];
      for (const [name, position] of [
        ['Library', pickup],
        ['Harbour square', [lng + 0.01, 60.02]],
      ] as const) {
        const place = await cora.http.post(`/api/territories/${town}/places`, {
          name,
          kind: 'other',
          position,
        });
        expect(place.status).toBe(201);
      }
      const dana = await driverOnShift(`Dana ${viewport}`, [lng + 0.02, 60.01]);
      const sam = await driverOnShift(`Sam ${viewport}`, [lng + 0.02, 59.98], { seats: 1 });
      await driverOnShift(`Paula ${viewport}`, [lng - 0.03, 60.03], { connected: false });
      const ritaMember = await fixtures.aMember('rider', { name: `Rita ${viewport}` });
      const ritaHttp = client(
        stack.baseUrl,
        (await login(stack.baseUrl, ritaMember.email, ritaMember.password)).token,
      );

      // Two seats, only people she trusts directly: nobody on shift fits, the ride waits.
      const ride = await ritaHttp.post<{ id: string }>('/api/rides', {
        pickup: point(pickup),
        dropoff: point([lng + 0.01, 60.02]),
        seats: 2,
        maxTrustDistance: 1,
      });
      expect(ride.status).toBe(201);
      await eventually(async () => {
        const rows = await fixtures.db.query(
          `SELECT 1 FROM rides WHERE id = $1 AND unmatched_at IS NOT NULL`,
          [ride.body.id],
        );
        return rows.rowCount ? true : undefined;
      }, 30_000);
      const live = (await cora.http.get<TerritoryLiveView>(`/api/territories/${town}/live`)).body;
      expect(live.waiting.find((w) => w.rideId === ride.body.id)?.why.map((w) => w.code)).toContain(
        'trust-distance',
      );

      const { page, errors } = await signedInConsole(browser, stack.baseUrl, viewport, cora, 'live');

      // Drivers named with their state, the ride with its age and why it waits: in the list…
      const drivers = page.getByTestId('live-driver');
      await drivers.first().waitFor(WAIT);
      expect(await drivers.allTextContents()).toEqual([
        `Dana ${viewport}: idle`,
        `Paula ${viewport}: paused: app not connected`,
        `Sam ${viewport}: idle`,
      ]);
      const rideItem = page.getByTestId('live-ride');
      expect(await rideItem.count()).toBe(1);
      expect(await rideItem.locator('.live-item-title').textContent()).toMatch(
        new RegExp(`^Rita ${viewport}, from Library, waiting (under a minute|\\d+ min)$`),
      );
      expect(await rideItem.getByTestId('ride-why').textContent()).toContain(
        'Beyond the trust distance asked for',
      );
      // …and on the map: the three drivers and the pickup.
      await page.getByTestId('pickup-marker').waitFor(WAIT);
      expect(await page.getByTestId('live-driver-marker').count()).toBe(3);
      const markerStates = await page
        .getByTestId('live-driver-marker')
        .evaluateAll((markers) => markers.map((m) => (m as HTMLElement).dataset.state).sort());
      expect(markerStates).toEqual(['idle', 'idle', 'paused']);
      // Sam drives on: his marker follows the socket's `drivers:moved`, the view's reads held back meanwhile.
      const samMarker = `.marker[data-id="driver:${sam.id}"]`;
      const transformOf = () => page.locator(samMarker).evaluate((m) => (m as HTMLElement).style.transform);
      let wasAt = await transformOf();
      for (let settled = false; !settled;) {
        await page.waitForTimeout(300);
        const now = await transformOf();
        settled = now === wasAt;
        wasAt = now;
      }
      let releaseReads!: () => void;
      const readsHeld = new Promise<void>((resolve) => (releaseReads = resolve));
      const liveRead = `**/api/territories/${town}/live`;
      await page.route(liveRead, async (route) => {
        await readsHeld;
        await route.continue();
      });
      expect(
        await sam.socket!.emitWithAck('position:report', { position: [lng + 0.05, 59.96] }),
      ).toHaveProperty('data');
      await page.waitForFunction(
        ([selector, before]) => document.querySelector<HTMLElement>(selector!)?.style.transform !== before,
        [samMarker, wasAt],
        WAIT,
      );
      releaseReads();
      await page.unroute(liveRead);
      // Back where he was, for what follows.
      expect(
        await sam.socket!.emitWithAck('position:report', { position: [lng + 0.02, 59.98] }),
      ).toHaveProperty('data');
      expect(await seriousAxeViolations(page)).toEqual([]);
      await keepScreenshot(page, `console-live-${viewport}`);

      // Opening the ride (its marker on a laptop, the list on a phone) shows its details; no request starts.
      if (viewport === 'desktop') await page.getByTestId('pickup-marker').click();
      else await rideItem.click();
      const details = page.getByTestId('live-details');
      await details.getByRole('heading', { name: `Ride of Rita ${viewport}` }).waitFor(WAIT);
      await page.getByTestId('live-map').click({ position: { x: 20, y: 150 } });
      expect((await fixtures.db.query(`SELECT 1 FROM rides WHERE rider_id = $1`, [cora.id])).rowCount).toBe(
        0,
      );
      await details.getByTestId('batch-others').waitFor(WAIT);
      expect(await details.getByTestId('batch-others').textContent()).toContain(
        `Dana ${viewport}: Beyond the trust distance asked for`,
      );
      expect(await details.getByTestId('details-why').textContent()).toContain('Beyond the trust distance');
      expect(await seriousAxeViolations(page)).toEqual([]);
      await keepScreenshot(page, `console-live-ride-${viewport}`);

      // The engine still checks: Sam has one seat for two people.
      await details.getByTestId('override-driver').selectOption({ label: `Sam ${viewport} (idle)` });
      await details.getByTestId('override-offer-submit').click();
      await details.getByText('Write the reason: it is required.').waitFor(WAIT);
      await details.getByTestId('override-offer-reason').fill('Sam is nearest');
      await details.getByTestId('override-offer-submit').click();
      await details
        .getByText('The engine cannot offer this ride to this driver: No room for these seats.')
        .waitFor(WAIT);

      // Dana it is: she is asked at once, with the coordinator's reason.
      const offered = nextEvent<OfferView>(dana.socket!, 'offer:received', () => true, 30_000);
      await details.getByTestId('override-driver').selectOption({ label: `Dana ${viewport} (idle)` });
      await details.getByTestId('override-offer-reason').fill('Rita knows Dana from the village');
      await details.getByTestId('override-offer-submit').click();
      await details.getByText('Offered. The driver has been asked.').waitFor(WAIT);
      expect((await offered).rideId).toBe(ride.body.id);
      await page.getByText(`Dana ${viewport}: offered a ride`).waitFor(WAIT);
      await details.getByTestId('offer-explanation').first().waitFor(WAIT);
      expect(await details.getByTestId('offer-explanation').first().textContent()).toContain(
        `Dana ${viewport} was asked (waiting for an answer`,
      );
      expect(await seriousAxeViolations(page)).toEqual([]);
      await keepScreenshot(page, `console-live-offered-${viewport}`);

      // Withdrawn again, with a reason; the ride is back in matching.
      await details.getByTestId('override-withdraw-reason').fill('Dana phoned: her car will not start');
      await details.getByTestId('override-withdraw-submit').click();
      await details.getByText('The offer was withdrawn; the ride is back in matching.').waitFor(WAIT);

      // Another rider's ride goes to a driver at once; the coordinator releases that driver.
      const remy = await fixtures.aMember('rider', { name: `Remy ${viewport}` });
      const remyHttp = client(stack.baseUrl, (await login(stack.baseUrl, remy.email, remy.password)).token);
      const second = await remyHttp.post<{ id: string }>('/api/rides', {
        pickup: point(pickup),
        dropoff: point([lng + 0.01, 60.02]),
      });
      expect(second.status).toBe(201);
      const busy = page.getByTestId('live-driver').filter({ hasText: 'offered a ride' });
      await busy.waitFor(WAIT);
      const released = (await busy.textContent())!.split(':')[0]!;
      // Why the engine chose that driver, in words: a local driver, no trust link between them.
      await page
        .getByTestId('live-ride')
        .filter({ hasText: `Remy ${viewport}` })
        .click();
      const why = details.getByTestId('offer-explanation').first();
      await why.waitFor(WAIT);
      expect(await why.textContent()).toContain(`${released} was asked (waiting for an answer`);
      expect(await why.textContent()).toContain('Local driver');
      expect(await why.textContent()).toContain('Not linked by trust (more than 4 steps)');
      await keepScreenshot(page, `console-live-why-${viewport}`);
      await busy.click();
      await details.getByRole('heading', { name: `Driver ${released}` }).waitFor(WAIT);
      await details.getByTestId('override-release-reason').fill('Needed at the community centre');
      await details.getByTestId('override-release-submit').click();
      await details.getByText('The driver was released; 1 ride(s) back in matching.').waitFor(WAIT);

      // The audit log shows the three, newest first, with their reasons.
      await page.getByTestId('nav-audit').click();
      const entries = page.getByTestId('audit-entry');
      await entries.nth(2).waitFor(WAIT);
      const texts = await entries.allTextContents();
      expect(texts).toHaveLength(3);
      expect(texts[0]).toContain(`Cora ${viewport} released the driver ${released}`);
      expect(texts[0]).toContain('Reason: Needed at the community centre');
      expect(texts[1]).toContain(`Cora ${viewport} withdrew an offer from Dana ${viewport}`);
      expect(texts[1]).toContain('Reason: Dana phoned: her car will not start');
      expect(texts[2]).toContain(`Cora ${viewport} offered a ride to Dana ${viewport}`);
      expect(texts[2]).toContain('Reason: Rita knows Dana from the village');
      expect(texts[2]).toContain(`Harbour ${viewport}`);
      expect(await seriousAxeViolations(page)).toEqual([]);
      await keepScreenshot(page, `console-audit-${viewport}`);

      // In French, the whole page and the engine's reasons are French.
      await page.getByTestId('lang-toggle').click();
      expect(await entries.nth(1).textContent()).toContain(
        `Cora ${viewport} a retiré une proposition à Dana ${viewport}`,
      );
      await page.getByTestId('nav-live').click();
      const rita = page.getByTestId('live-ride').filter({ hasText: `Rita ${viewport}` });
      await rita.waitFor(WAIT);
      expect(await rita.getByTestId('ride-why').textContent()).toContain(
        'Au-delà de la distance de confiance demandée',
      );
      expect(await page.getByTestId('nav-live').textContent()).toBe('En direct');
      expect(await seriousAxeViolations(page)).toEqual([]);
      await keepScreenshot(page, `console-live-fr-${viewport}`);
      expect(errors).toEqual([]);
      await page.context().close();
    },
    240_000,
  );
});
