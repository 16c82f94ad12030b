import type { LngLat, RideView } from '@navette/contracts';
import { chromium, type Browser, type Page } from 'playwright-core';
import { Fixtures } from '../../api/test/fixtures.js';
import { client, login, startStack, type Stack } from '../../api/test/stack.js';
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

/**
 * "Send something" on the rider's page: the sender picks both ends on the map, says what it is,
 * its size in plain words and who receives it, and gets the code and the link to pass on.
 */
describe('sending something from the rider’s page', () => {
  let stack: Stack;
  let fixtures: Fixtures;
  let browser: Browser;

  beforeAll(async () => {
    ensureFrontEndsBuilt();
    stack = await startStack({ dispatcher: false });
    fixtures = Fixtures.open(stack.databaseUrl);
    await fixtures.aTerritory({ centre: [24.95, 60.175], half: 0.05 });
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await fixtures?.close();
    await stack?.stop();
  }, 60_000);

  /** Clicks the map where `point` is drawn (scrolled into view first: on a phone it is below the form). */
  async function clickMap(page: Page, point: LngLat): Promise<void> {
    await page.getByTestId('map').scrollIntoViewIfNeeded();
    const at = await page.evaluate(
      (p) =>
        (
          window as unknown as { __navetteMap: { project(p: LngLat): { x: number; y: number } } }
        ).__navetteMap.project(p),
      point,
    );
    const box = await page.getByTestId('map').boundingBox();
    if (!box) throw new Error('the map is not laid out');
    await page.mouse.click(box.x + at.x, box.y + at.y);
  }

  for (const viewport of ['phone', 'desktop'] as const satisfies ViewportName[]) {
    it(`asks for a task with a recipient, then shows the code and the link (${viewport})`, async () => {
      const sender = await fixtures.aMember('rider', { name: `Sender ${viewport}` });
      const context = await browser.newContext({ locale: 'en-GB', viewport: VIEWPORTS[viewport] });
      const page = await context.newPage();
      const errors = pageFaults(page);
      await page.goto(`${stack.baseUrl}/`);
      await page.getByTestId('login-email').fill(sender.email);
      await page.getByTestId('login-password').fill(sender.password);
      await page.getByTestId('login-submit').click();
      await page.locator('[data-testid=map][data-state=ready]').waitFor(WAIT);
      await page.getByTestId('request-form').waitFor(WAIT);

      await page.getByTestId('task-toggle').check();
      await page.getByTestId('task-details').waitFor(WAIT);
      expect(await page.getByTestId('request-seats').isVisible()).toBe(false);
      await page.getByTestId('task-what').fill('a box of books');
      await page.getByTestId('task-size').selectOption('box');
      await page.getByTestId('task-recipient-name').fill('Aino');
      await page.getByTestId('task-recipient-phone').fill('+358 40 123 4567');
      await page.getByTestId('task-instructions').fill('third floor');
      await page.getByTestId('task-on-failure').selectOption('replan');
      expect(await seriousAxeViolations(page)).toEqual([]);
      await keepScreenshot(page, `send-something-form-${viewport}`);

      await clickMap(page, [24.94, 60.17]);
      await page.locator('[data-testid=pickup-marker]').waitFor(WAIT);
      await clickMap(page, [24.96, 60.185]);
      await page.locator('[data-testid=dropoff-marker]').waitFor(WAIT);
      await page.getByTestId('request-submit').scrollIntoViewIfNeeded();
      await page.getByTestId('request-submit').click();

      await page.getByTestId('task-handover').waitFor(WAIT);
      const code = (await page.getByTestId('task-code').textContent()) ?? '';
      expect(code).toMatch(/^Code for the driver: \d{6}$/);
      expect(await page.getByTestId('task-link').getAttribute('href')).toMatch(
        /\/track\/#[0-9a-f]{32}[\w-]{22}$/,
      );
      await expect(page.getByTestId('task-mailed').textContent()).resolves.toBe(
        'Send them the code and the link yourself.',
      );
      expect(await seriousAxeViolations(page)).toEqual([]);
      await page.getByTestId('task-handover').scrollIntoViewIfNeeded();
      await keepScreenshot(page, `send-something-code-${viewport}`);

      // What was asked is what the sender typed.
      const http = client(stack.baseUrl, (await login(stack.baseUrl, sender.email, sender.password)).token);
      const [task] = (await http.get<RideView[]>('/api/rides')).body;
      expect(task).toMatchObject({
        kind: 'task',
        seats: 0,
        cargoUnits: 2,
        task: {
          what: 'a box of books',
          size: 'box',
          recipient: { name: 'Aino', phone: '+358 40 123 4567' },
          dropoffInstructions: 'third floor',
          onFailure: 'replan',
        },
      });
      expect(
        code.endsWith((await http.get<{ code: string }>(`/api/rides/${task!.id}/handover`)).body.code),
      ).toBe(true);

      // The panel says what is sent, and where it stands in words.
      const panel = page.getByTestId('ride-panel');
      await panel.getByRole('heading', { name: 'Your delivery: a box of books' }).waitFor(WAIT);
      const status = page.getByTestId('ride-status');
      expect(await status.textContent()).toBe('Requested: looking for a driver');

      // After a reload the code and the link are shown again while the task is open.
      await page.reload();
      await page.locator('[data-testid=map][data-state=ready]').waitFor(WAIT);
      await page.getByTestId('task-handover').waitFor(WAIT);
      expect(await page.getByTestId('task-code').textContent()).toBe(code);
      expect(await page.getByTestId('task-link').getAttribute('href')).toMatch(/\/track\/#/);
      await panel.getByRole('heading', { name: 'Your delivery: a box of books' }).waitFor(WAIT);
      expect(await seriousAxeViolations(page)).toEqual([]);
      await page.getByTestId('task-handover').scrollIntoViewIfNeeded();
      await keepScreenshot(page, `send-something-reloaded-${viewport}`);

      // Collected, then left with a neighbour (the driver's side is tested in driver-handover): in words.
      const becomes = async (sql: string, words: string) => {
        await fixtures.db.query(sql, [task!.id]);
        await page.reload();
        await page.locator('[data-testid=map][data-state=ready]').waitFor(WAIT);
        await status.getByText(words, { exact: true }).waitFor(WAIT);
      };
      await becomes(`UPDATE rides SET status = 'picked_up' WHERE id = $1`, 'Collected: on its way');
      expect(await page.getByTestId('history-ride').first().textContent()).toContain('Collected: on its way');
      await page.getByTestId('task-handover').waitFor(WAIT);
      expect(await seriousAxeViolations(page)).toEqual([]);
      await keepScreenshot(page, `send-something-collected-${viewport}`);
      await fixtures.db.query(
        `UPDATE task_details SET outcome = 'neighbour', outcome_at = now() WHERE ride_id = $1`,
        [task!.id],
      );
      await becomes(
        `UPDATE rides SET status = 'completed' WHERE id = $1`,
        'Delivered: left with a neighbour',
      );
      // Delivered: nothing more to pass on.
      expect(await page.getByTestId('task-handover').isVisible()).toBe(false);
      expect(await seriousAxeViolations(page)).toEqual([]);
      await keepScreenshot(page, `send-something-delivered-${viewport}`);
      // The same in French.
      await page.getByTestId('lang-toggle').click();
      await panel.getByRole('heading', { name: 'Votre envoi : a box of books' }).waitFor(WAIT);
      expect(await status.textContent()).toBe('Livré : laissé chez un·e voisin·e');
      expect(await seriousAxeViolations(page)).toEqual([]);
      expect(errors).toEqual([]);
      await context.close();
    }, 180_000);
  }
});
