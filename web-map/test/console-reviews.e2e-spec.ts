import type { DecisionView, ReportView } from '@navette/contracts';
import { chromium, type Browser, type Page } from 'playwright-core';
import { aDrivenRide } from '../../api/test/community-fixtures.js';
import { Fixtures } from '../../api/test/fixtures.js';
import { client, login, startStack, type Stack } from '../../api/test/stack.js';
import { CHROMIUM_ARGS } from './chromium.js';
import { signedInConsole, watchedPage } from './console-page.js';
import { ensureFrontEndsBuilt } from './front-end-build.js';
import { keepScreenshot, seriousAxeViolations, VIEWPORTS, type ViewportName } from './page-checks.js';

const WAIT = { timeout: 60_000 };
type Http = ReturnType<typeof client>;

/**
 * The console's review queue (`/coordinate/#reviews`) on the real API: an automatic abuse report
 * (failures reported by three different people; two in a row by one of them also blocked the pair)
 * read with its evidence and decided (suspend, with a reason); the member appeals through the API
 * and the coordinator overturns it; the audit log shows both. And a review done with the keyboard
 * alone. A report about the coordinator themselves never shows in their queue.
 */
describe('the console’s review queue', () => {
  let stack: Stack;
  let fixtures: Fixtures;
  let browser: Browser;

  beforeAll(async () => {
    ensureFrontEndsBuilt();
    stack = await startStack({ dispatcher: false });
    fixtures = Fixtures.open(stack.databaseUrl);
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await fixtures?.close();
    await stack?.stop();
  }, 60_000);

  async function member(role: 'rider' | 'coordinator', name: string, coordinates: string[] = []) {
    const m = await fixtures.aMember(role, { name, coordinates });
    const http: Http = client(stack.baseUrl, (await login(stack.baseUrl, m.email, m.password)).token);
    return { ...m, name, http };
  }

  async function driver(name: string, town: string) {
    const d = await fixtures.aDriver({ name });
    await fixtures.db.query(`UPDATE members SET home_territory_id = $2 WHERE id = $1`, [d.id, town]);
    const http: Http = client(stack.baseUrl, (await login(stack.baseUrl, d.email, d.password)).token);
    return { ...d, name, http };
  }

  const completedRide = async (town: string, riderId: string, driver: { id: string; vehicleId: string }) =>
    (await aDrivenRide(fixtures, { riderId, driver, territoryId: town })).rideId;

  async function failedTrip(
    town: string,
    rider: { id: string; http: Http },
    dana: { id: string; vehicleId: string },
  ) {
    const ride = await completedRide(town, rider.id, dana);
    expect((await rider.http.post(`/api/rides/${ride}/outcome`, { success: false })).status).toBe(201);
    return ride;
  }

  const standing = async (id: string) =>
    (await fixtures.db.query<{ standing: string }>(`SELECT standing FROM members WHERE id = $1`, [id]))
      .rows[0]!.standing;

  it.each(Object.keys(VIEWPORTS) as ViewportName[])(
    'a coordinator reviews an automatic report, suspends with a reason, and answers the appeal (%s)',
    async (viewport) => {
      const lng = viewport === 'phone' ? 43 : 44;
      const town = await fixtures.aTerritory({ name: `Riverside ${viewport}`, centre: [lng, 60], half: 0.1 });
      const cora = await member('coordinator', `Cora ${viewport}`, [town]);
      const dana = await driver(`Dana ${viewport}`, town);
      const rita = await member('rider', `Rita ${viewport}`);
      // Rita twice in a row (the pair is blocked), then two more people: three people, one report.
      await failedTrip(town, rita, dana);
      await failedTrip(town, rita, dana);
      for (const name of ['Ron', 'Rob'])
        await failedTrip(town, await member('rider', `${name} ${viewport}`), dana);
      // A report about Cora herself, wrongly placed in her own territory: she never sees it.
      await fixtures.db.query(
        `INSERT INTO abuse_reports (territory_id, subject_id, reporter_id, kind, text) VALUES ($1, $2, $3, 'abuse', 'about Cora')`,
        [town, cora.id, rita.id],
      );

      const { page, errors } = await signedInConsole(browser, stack.baseUrl, viewport, cora, 'reviews');

      const items = page.getByTestId('report-item');
      await items.first().waitFor(WAIT);
      expect(await items.count()).toBe(1);
      expect(await items.first().textContent()).toMatch(
        new RegExp(
          `^Repeated failed trips about Dana ${viewport}raised automatically · .* · waiting for a decision$`,
        ),
      );
      const blocks = page.getByTestId('pair-block');
      expect(await blocks.count()).toBe(1);
      expect(await blocks.first().textContent()).toContain(`Dana ${viewport} and Rita ${viewport}, since`);
      expect(await seriousAxeViolations(page)).toEqual([]);
      await keepScreenshot(page, `console-reviews-${viewport}`);

      // The evidence: what triggered it, Dana's history, the tit-for-two-tats state of each pair.
      await items.first().click();
      const details = page.getByTestId('report-details');
      await details.getByTestId('report-origin').waitFor(WAIT);
      expect(await details.getByTestId('report-origin').textContent()).toContain(
        'Raised automatically: at least 3 different people said a trip with this member went badly within 30 days.',
      );
      const history = details.getByTestId('person-history');
      expect(await history.count()).toBe(1);
      expect(await history.textContent()).toContain(`Dana ${viewport} (in good standing)`);
      expect(await history.textContent()).toContain('0 went well, 4 went badly');
      const rows = details.getByTestId('pair-row');
      expect(await rows.count()).toBe(3);
      const ritaRow = rows.filter({ hasText: `Rita ${viewport}` });
      expect(await ritaRow.locator('td').allTextContents()).toEqual([
        'went badly, went badly',
        'no answer',
        expect.stringMatching(/^Blocked since /),
      ]);
      expect(
        await rows
          .filter({ hasText: `Ron ${viewport}` })
          .locator('td')
          .allTextContents(),
      ).toEqual(['went badly', 'no answer', 'Allowed']);
      expect(await seriousAxeViolations(page)).toEqual([]);
      await keepScreenshot(page, `console-review-evidence-${viewport}`);

      // A decision needs a decision and a reason.
      await details.getByTestId('decide-submit').click();
      await details.getByText('Write the reason: it is required.').waitFor(WAIT);
      await details.getByTestId('decide-reason').fill('Four failed trips with three people in a week');
      await details.getByTestId('decide-submit').click();
      await details.getByText('Choose a decision.').waitFor(WAIT);
      await details.getByTestId('decision-suspend').check();
      await details.getByTestId('decide-submit').click();
      await details.getByText('Decision recorded: Suspended.').waitFor(WAIT);
      expect(await history.textContent()).toContain(`Dana ${viewport} (suspended)`);
      expect(await history.textContent()).toContain('Suspended, ');
      expect(await history.textContent()).toContain('Four failed trips with three people in a week');
      expect(await standing(dana.id)).toBe('suspended');
      expect(await details.getByTestId('decide-box').isHidden()).toBe(true);

      // Dana reads the decision and appeals (her page is another engineer's; here, the API).
      const decisions = (await dana.http.get<DecisionView[]>('/api/me/decisions')).body;
      expect(decisions[0]).toMatchObject({
        decision: 'suspend',
        reason: 'Four failed trips with three people in a week',
      });
      expect(
        (
          await dana.http.post(`/api/me/decisions/${decisions[0]!.id}/appeal`, {
            text: 'Two of those were a flat tyre',
          })
        ).status,
      ).toBe(200);

      await details.getByTestId('report-close').click();
      await page.getByTestId('reviews-filter').selectOption('appealed');
      await page.getByText('appeal waiting').waitFor(WAIT);
      await items.first().click();
      await details.getByTestId('appeal-text').waitFor(WAIT);
      expect(await details.getByTestId('appeal-text').textContent()).toContain(`Dana ${viewport} wrote on`);
      expect(await details.getByTestId('appeal-text').textContent()).toContain(
        'Two of those were a flat tyre',
      );
      expect(await seriousAxeViolations(page)).toEqual([]);
      await keepScreenshot(page, `console-review-appeal-${viewport}`);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
        VIEWPORTS[viewport].width,
      );
      await details.getByTestId('resolve-overturned').check();
      await details.getByTestId('resolve-reason').fill('The garage confirmed the flat tyre');
      await details.getByTestId('resolve-submit').click();
      await details.getByText('Appeal answered: decision overturned.').waitFor(WAIT);
      expect(await details.getByTestId('appeal-status').textContent()).toBe('Appeal: decision overturned');
      expect(await standing(dana.id)).toBe('active');

      // Rita and Dana talked it through: the pair block is cleared, with a reason.
      await blocks.first().getByTestId('clear-block-reason').fill('Rita and Dana met and settled it');
      await blocks.first().getByTestId('clear-block-submit').click();
      await page.getByTestId('no-pair-blocks').waitFor({ state: 'visible', ...WAIT });
      expect(
        (
          await fixtures.db.query(`SELECT 1 FROM pair_blocks WHERE member_id = $1 AND cleared_at IS NULL`, [
            dana.id,
          ])
        ).rowCount,
      ).toBe(0);

      // The audit log holds the three decisions, with their reasons.
      await page.getByTestId('nav-audit').click();
      const entries = page.getByTestId('audit-entry');
      await entries.nth(2).waitFor(WAIT);
      const texts = await entries.allTextContents();
      expect(texts).toHaveLength(3);
      expect(texts[0]).toContain(`Cora ${viewport} cleared a pair block of Dana ${viewport}`);
      expect(texts[0]).toContain('Reason: Rita and Dana met and settled it');
      expect(texts[1]).toContain(`Cora ${viewport} restored Dana ${viewport}`);
      expect(texts[1]).toContain('Reason: The garage confirmed the flat tyre');
      expect(texts[2]).toContain(`Cora ${viewport} suspended Dana ${viewport}`);
      expect(texts[2]).toContain('Reason: Four failed trips with three people in a week');
      expect(await seriousAxeViolations(page)).toEqual([]);
      expect(errors).toEqual([]);
      await page.context().close();
    },
    180_000,
  );

  /** Presses Tab until the element with this test id has the focus (at most `max` presses). */
  async function tabTo(page: Page, testId: string, max = 80): Promise<void> {
    for (let i = 0; i < max; i++) {
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(
        () => (document.activeElement as HTMLElement | null)?.dataset.testid,
      );
      if (focused === testId) return;
    }
    throw new Error(`${testId} never got the focus in ${max} presses of Tab`);
  }

  const focusRing = (page: Page) =>
    page.evaluate(() => {
      const style = getComputedStyle(document.activeElement!);
      return style.outlineStyle !== 'none' && style.outlineWidth !== '0px';
    });

  it.each(Object.keys(VIEWPORTS) as ViewportName[])(
    'a coordinator reviews a report with the keyboard alone (%s)',
    async (viewport) => {
      const lng = viewport === 'phone' ? 45 : 46;
      const town = await fixtures.aTerritory({ name: `Hillside ${viewport}`, centre: [lng, 60], half: 0.1 });
      const cora = await member('coordinator', `Kim ${viewport}`, [town]);
      const dana = await driver(`Dale ${viewport}`, town);
      const rita = await member('rider', `Rosa ${viewport}`);
      const ride = await completedRide(town, rita.id, dana);
      const filed = await rita.http.post<ReportView>('/api/reports', {
        subjectId: dana.id,
        rideId: ride,
        kind: 'unsafe',
        text: 'Drove far too fast on the ring road',
      });
      expect(filed.status).toBe(201);

      const { page, errors } = await watchedPage(browser, viewport);
      await page.goto(`${stack.baseUrl}/coordinate/`);
      await tabTo(page, 'login-email');
      await page.keyboard.type(cora.email);
      await page.keyboard.press('Tab');
      await page.keyboard.type(cora.password);
      await page.keyboard.press('Enter');
      await page.locator('body[data-state=ready]').waitFor(WAIT);

      await tabTo(page, 'nav-reviews');
      expect(await focusRing(page)).toBe(true);
      await page.keyboard.press('Enter');
      await page.getByTestId('report-item').first().waitFor(WAIT);
      await tabTo(page, 'report-item');
      expect(await focusRing(page)).toBe(true);
      await page.keyboard.press('Enter');
      const details = page.getByTestId('report-details');
      await details.getByTestId('report-origin').waitFor(WAIT);
      // The focus moved to the report, so a screen reader reads it next.
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('report-heading');
      expect(await details.getByTestId('report-origin').textContent()).toBe(
        `Rosa ${viewport} wrote: Drove far too fast on the ring road`,
      );

      // Into the decisions: Tab reaches the group, the arrows choose within it.
      await tabTo(page, 'decision-dismiss');
      expect(await focusRing(page)).toBe(true);
      await page.keyboard.press('ArrowDown');
      expect(await details.getByTestId('decision-warn').isChecked()).toBe(true);
      await page.keyboard.press('ArrowDown');
      expect(await details.getByTestId('decision-restrict').isChecked()).toBe(true);
      // Restricting shows its options: rides alone, and a trust limit.
      await tabTo(page, 'restrict-no-pooling');
      await page.keyboard.press('Space');
      await tabTo(page, 'restrict-trust');
      await page.keyboard.press('ArrowDown');
      expect(await details.getByTestId('restrict-trust').inputValue()).toBe('1');
      await tabTo(page, 'decide-reason');
      await page.keyboard.type('Only with people who know him, alone, for now');
      await tabTo(page, 'decide-submit');
      await page.keyboard.press('Enter');
      await details.getByText('Decision recorded: Restricted.').waitFor(WAIT);
      expect(
        (
          await fixtures.db.query<{ standing: string; restrictions: object }>(
            `SELECT standing, restrictions FROM members WHERE id = $1`,
            [dana.id],
          )
        ).rows[0],
      ).toEqual({ standing: 'restricted', restrictions: { noPooling: true, maxTrustDistance: 1 } });
      expect(await seriousAxeViolations(page)).toEqual([]);
      await keepScreenshot(page, `console-review-keyboard-${viewport}`);

      // Back to the queue (the report, decided, has left the open ones).
      await tabTo(page, 'report-close');
      await page.keyboard.press('Enter');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('reviews-queue-heading');
      expect(await page.getByTestId('report-item').count()).toBe(0);
      expect(errors).toEqual([]);
      await page.context().close();
    },
    180_000,
  );
});
