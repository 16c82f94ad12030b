import type { RotaView } from '@navette/contracts';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { Fixtures } from '../../api/test/fixtures.js';
import { client, login, startStack, type Stack } from '../../api/test/stack.js';
import { CHROMIUM_ARGS } from './chromium.js';
import { ensureFrontEndsBuilt } from './front-end-build.js';
import { keepScreenshot, seriousAxeViolations, VIEWPORTS, type ViewportName } from './page-checks.js';

const WAIT = { timeout: 60_000 };

/**
 * The rota, end to end, at both sizes: a coordinator creates a weekly slot in the console, two
 * drivers sign up in the driver app and a third joins the waiting list, one withdraws late, the
 * waiting list fills the place, and the next day's booked rides are planned over exactly the
 * drivers then signed up (the test reads the plan).
 */
describe('the rota journey', () => {
  let stack: Stack;
  let fixtures: Fixtures;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    ensureFrontEndsBuilt();
    stack = await startStack();
    fixtures = Fixtures.open(stack.databaseUrl);
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  }, 120_000);

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await fixtures?.close();
    await stack?.stop();
  }, 60_000);

  /** A page at this size that fails the test on any page error or CSP refusal. */
  async function aPage(viewport: ViewportName, errors: string[]): Promise<Page> {
    const context = await browser.newContext({ locale: 'en-GB', viewport: VIEWPORTS[viewport] });
    contexts.push(context);
    const page = await context.newPage();
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) errors.push(message.text());
    });
    return page;
  }

  async function signIn(page: Page, url: string, who: { email: string; password: string }) {
    await page.goto(url);
    await page.getByTestId('login-email').fill(who.email);
    await page.getByTestId('login-password').fill(who.password);
    await page.getByTestId('login-submit').click();
  }

  for (const viewport of ['phone', 'desktop'] as const) {
    it(`creates a weekly slot, fills it, withdraws late, promotes the waiting driver and plans tomorrow over them (${viewport})`, async () => {
      const errors: string[] = [];
      const town = await fixtures.aTerritory({
        name: `Harbour ${viewport}`,
        centre: [24.95, 60.18],
        half: 0.05,
      });
      const cora = await fixtures.aMember('coordinator', { name: 'Cora', coordinates: [town] });
      const drivers = [];
      for (const name of ['Ann', 'Ben', 'Cai', 'Dan']) {
        const d = await fixtures.aDriver({ name, seats: 4 });
        await fixtures.db.query(
          `UPDATE members SET home_territory_id = $2, declared_hours_per_week = 20 WHERE id = $1`,
          [d.id, town],
        );
        drivers.push(d);
      }
      const [ann, ben, cai] = drivers as [(typeof drivers)[0], (typeof drivers)[0], (typeof drivers)[0]];
      // Any withdrawal within two days of the start is late here (the default is 12 hours).
      const coraHttp = client(stack.baseUrl, (await login(stack.baseUrl, cora.email, cora.password)).token);
      expect(
        (
          await coraHttp.request('PUT', `/api/territories/${town}/rota/rules`, {
            withdrawCutoffMinutes: 2880,
          })
        ).status,
      ).toBe(200);
      const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
      // Two rides booked for tomorrow 08:00, three seats each: one car cannot carry both.
      const rider = await fixtures.aMember('rider');
      const booked: string[] = [];
      for (const [lng, name] of [
        [24.93, 'Kallio library'],
        [24.97, 'Hakaniemi market'],
      ] as const) {
        const row = await fixtures.db.query<{ id: string }>(
          `INSERT INTO rides (rider_id, pickup, dropoff, territory_id, pickup_at, seats, pickup_name, dropoff_name)
           VALUES ($1, ST_SetSRID(ST_MakePoint($2, 60.17), 4326), ST_SetSRID(ST_MakePoint(24.95, 60.2), 4326), $3, $4, 3, $5, 'Harbour school')
           RETURNING id`,
          [rider.id, lng, town, new Date(`${tomorrow}T08:00:00Z`), name],
        );
        booked.push(row.rows[0]!.id);
      }

      // The coordinator creates a weekly slot from tomorrow, 07:30 for three hours, two drivers.
      const console = await aPage(viewport, errors);
      await signIn(console, `${stack.baseUrl}/coordinate/#rota`, cora);
      await console.locator('body[data-state=ready]').waitFor(WAIT);
      await console.getByTestId('slot-repeat').selectOption('weekly');
      await console.getByTestId('slot-date').fill(tomorrow);
      await console.getByTestId('slot-time').fill('07:30');
      await console.getByTestId('slot-minutes').fill('180');
      await console.getByTestId('slot-needed').fill('2');
      await console.getByTestId('slot-note').fill('Morning round');
      await console.getByTestId('slot-submit').click();
      const occurrence = console.locator(`[data-testid=rota-occurrence][data-date="${tomorrow}"]`);
      await occurrence.waitFor(WAIT);
      expect(await occurrence.getByTestId('rota-gap').textContent()).toBe('0 of 2 drivers · 2 missing');
      expect(await seriousAxeViolations(console)).toEqual([]);
      await keepScreenshot(console, `rota-console-created-${viewport}`);

      // Ann and Ben sign up in the driver app; Cai finds it full and joins the waiting list.
      const driverPage = async (who: typeof ann) => {
        const page = await aPage(viewport, errors);
        await signIn(page, `${stack.baseUrl}/driver/?lng=24.95&lat=60.18`, who);
        await page.locator(`[data-testid=rota-shift][data-date="${tomorrow}"]`).waitFor(WAIT);
        return page;
      };
      const shiftIn = (page: Page) => page.locator(`[data-testid=rota-shift][data-date="${tomorrow}"]`);
      const annPage = await driverPage(ann);
      await shiftIn(annPage).getByTestId('rota-signup').click();
      await shiftIn(annPage).getByText('You are signed up.').waitFor(WAIT);
      const benPage = await driverPage(ben);
      await shiftIn(benPage).getByTestId('rota-signup').click();
      await shiftIn(benPage).getByText('You are signed up.').waitFor(WAIT);
      const caiPage = await driverPage(cai);
      expect(await shiftIn(caiPage).getByTestId('rota-signup').count()).toBe(0);
      await shiftIn(caiPage).getByTestId('rota-waitlist').click();
      await shiftIn(caiPage).getByText('You are on the waiting list.').waitFor(WAIT);
      expect(await shiftIn(caiPage).getByTestId('rota-count').textContent()).toBe(
        '2 of 2 drivers · 1 waiting',
      );
      expect(await seriousAxeViolations(caiPage)).toEqual([]);
      await keepScreenshot(caiPage, `rota-driver-waiting-${viewport}`);

      // Ann withdraws late; Cai moves up at once and is told.
      await shiftIn(annPage).getByTestId('rota-withdraw').click();
      await annPage.getByTestId('rota-notice').getByText('it counts as a late cancellation').waitFor(WAIT);
      expect(await seriousAxeViolations(annPage)).toEqual([]);
      await keepScreenshot(annPage, `rota-driver-withdrawn-late-${viewport}`);
      await caiPage.getByTestId('rota-notice').getByText('A place opened').waitFor(WAIT);
      await shiftIn(caiPage).getByText('You are signed up.').waitFor(WAIT);
      expect(await seriousAxeViolations(caiPage)).toEqual([]);
      await keepScreenshot(caiPage, `rota-driver-promoted-${viewport}`);

      // The coordinator sees Ben and Cai signed, Ann's late withdrawal, and plans tomorrow.
      await console.reload();
      await console.locator('[data-testid=section-rota][data-state=ready]').waitFor(WAIT);
      expect(await occurrence.getByTestId('rota-signed').textContent()).toBe('Signed: Ben, Cai');
      const annRow = console.locator('[data-testid=rota-fair-driver]', { hasText: 'Ann' });
      expect(await annRow.locator('td').allTextContents()).toEqual(['0', '0 %', '25 %', '1', '0']);
      await console.getByTestId('plan-date').fill(tomorrow);
      await console.getByTestId('plan-submit').click();
      await console.getByTestId('plan-route').first().waitFor(WAIT);
      const shown = await console
        .getByTestId('plan-route')
        .evaluateAll((items) => items.map((item) => item.getAttribute('data-driver')));
      expect(new Set(shown)).toEqual(new Set([ben.id, cai.id]));
      expect(await seriousAxeViolations(console)).toEqual([]);
      await keepScreenshot(console, `rota-console-planned-${viewport}`);

      // The plan itself: both booked rides, over exactly Ben and Cai, inside their 07:30–10:30 window.
      const plan = await coraHttp.get<RotaView>(`/api/territories/${town}/rota?date=${tomorrow}`);
      expect(plan.body.unassigned).toEqual([]);
      expect(new Set(plan.body.routes.map((r) => r.driverId))).toEqual(new Set([ben.id, cai.id]));
      expect(plan.body.routes.flatMap((r) => r.stops.map((s) => s.rideId)).sort()).toEqual(
        [...booked, ...booked].sort(),
      );

      // Cai sees their planned stops of the day, by name.
      await shiftIn(caiPage).getByTestId('rota-stops-show').click();
      await caiPage.getByTestId('rota-stop').first().waitFor(WAIT);
      const stops = await caiPage.getByTestId('rota-stop').allTextContents();
      expect(stops).toHaveLength(2);
      expect(stops.join(' ')).toMatch(
        /pick-up at (Kallio library|Hakaniemi market).*drop-off at Harbour school/,
      );
      expect(await seriousAxeViolations(caiPage)).toEqual([]);
      await keepScreenshot(caiPage, `rota-driver-stops-${viewport}`);
      expect(errors).toEqual([]);
    }, 300_000);
  }
});
