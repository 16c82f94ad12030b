import type { FairnessReport } from '@navette/contracts';
import type { Browser, Page } from 'playwright-core';
import { aDecidedRide } from '../../api/test/fairness-fixtures.js';
import type { Fixtures } from '../../api/test/fixtures.js';
import { client, login, type Stack } from '../../api/test/stack.js';
import { openBrowserHarness, type BrowserHarness } from './browser-harness.js';
import { downloaded, openConsole, parseCsv, WAIT } from './console-harness.js';
import { keepScreenshot, seriousAxeViolations, VIEWPORTS, type ViewportName } from './page-checks.js';

const percent = (share: number | null) =>
  share === null
    ? '—'
    : new Intl.NumberFormat('en-GB', { style: 'percent', maximumFractionDigits: 1 }).format(share);
const minutes = (seconds: number | null) =>
  seconds === null
    ? '—'
    : `${new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 }).format(seconds / 60)} min`;

/** Each table row as its cells' text, and as their values (what the CSV carries). */
async function tableOf(page: Page, block: string) {
  const table = page.getByTestId(`fairness-table-${block}`);
  const headers = await table.locator('thead th').allTextContents();
  const rows = table.locator('tbody tr');
  const texts: string[][] = [];
  const values: string[][] = [];
  for (let i = 0; i < (await rows.count()); i++) {
    const cells = rows.nth(i).locator('th, td');
    texts.push(await cells.allTextContents());
    values.push(await cells.evaluateAll((all) => all.map((cell) => cell.getAttribute('data-value') ?? '')));
  }
  return { headers, texts, values };
}

/**
 * The fairness report in the console (`#fairness`): the page shows the API's numbers (read both),
 * each block a chart with an accessible name beside its table, and each table's CSV is the table.
 */
describe('the console: fairness report', () => {
  let stack: Stack;
  let fixtures: Fixtures;
  let browser: Browser;
  let harness: BrowserHarness | undefined;
  let cora: { email: string; password: string };
  let town: string;

  beforeAll(async () => {
    harness = await openBrowserHarness({ dispatcher: false });
    ({ stack, fixtures, browser } = harness);
    town = await fixtures.aTerritory({
      centre: [24.95, 60.18],
      half: 0.1,
      level: 'town',
      name: 'Harbour town',
    });
    const west = await fixtures.aTerritory({
      centre: [24.9, 60.18],
      half: 0.04,
      level: 'neighbourhood',
      parentId: town,
      name: 'West',
    });
    const east = await fixtures.aTerritory({
      centre: [25.0, 60.18],
      half: 0.04,
      level: 'neighbourhood',
      parentId: town,
      name: 'East',
    });
    const busy = await fixtures.aDriver({ name: 'Busy' });
    const light = await fixtures.aDriver({ name: 'Light' });
    await fixtures.db.query(`UPDATE members SET declared_hours_per_week = 10 WHERE id = ANY($1)`, [
      [busy.id, light.id],
    ]);
    const served = (driver: typeof busy) => ({ ...driver, territoryId: west, reach: 'local' as const });
    for (let i = 0; i < 3; i++)
      await aDecidedRide(fixtures, {
        zone: west,
        at: [24.9, 60.18],
        status: 'completed',
        driver: served(busy),
      });
    await aDecidedRide(fixtures, { zone: west, at: [24.9, 60.18], status: 'unserved' });
    await aDecidedRide(fixtures, {
      zone: east,
      at: [25.0, 60.18],
      status: 'completed',
      driver: served(light),
    });
    for (let i = 0; i < 3; i++)
      await aDecidedRide(fixtures, { zone: east, at: [25.0, 60.18], status: 'unserved' });
    cora = await fixtures.aMember('coordinator', { name: 'Cora', coordinates: [town] });
  }, 120_000);

  afterAll(async () => {
    await harness?.close();
  }, 60_000);

  it.each(Object.keys(VIEWPORTS) as ViewportName[])(
    'shows the API’s numbers beside charts, and CSV files equal to the tables (%s)',
    async (viewport) => {
      const { context, page, errors } = await openConsole(
        browser,
        stack.baseUrl,
        viewport,
        cora,
        'Harbour town',
        'fairness',
      );
      await page.locator('[data-testid=section-fairness][data-state=ready]').waitFor(WAIT);
      const period = await page.evaluate(() => ({
        from: (document.getElementById('fairness-period-from') as HTMLInputElement).value,
        last: (document.getElementById('fairness-period-to') as HTMLInputElement).value,
      }));
      const to = new Date(Date.parse(period.last) + 86_400_000).toISOString().slice(0, 10);
      const http = client(stack.baseUrl, (await login(stack.baseUrl, cora.email, cora.password)).token);
      const { body: report } = await http.get<FairnessReport>(
        `/api/territories/${town}/fairness?from=${period.from}&to=${to}`,
      );
      expect(report.zones.length).toBe(2);

      const zones = await tableOf(page, 'zones');
      expect(zones.texts).toEqual(
        report.zones.map((z) => [
          z.name,
          String(z.requests),
          String(z.served),
          String(z.refused),
          String(z.cancelled),
          percent(z.serviceRate),
          percent(z.refusalRate),
          String(z.declinedOffers),
        ]),
      );
      const waits = await tableOf(page, 'waits');
      expect(waits.texts).toEqual(
        report.zones.map((z) => [z.name, minutes(z.waitP50Seconds), minutes(z.waitP90Seconds)]),
      );
      const drivers = await tableOf(page, 'drivers');
      expect(drivers.texts).toEqual(
        report.drivers.map((d) => [
          d.name,
          String(d.trips),
          String(d.declaredHoursPerWeek),
          percent(d.loadShare),
          percent(d.availabilityShare),
        ]),
      );
      const lending = await tableOf(page, 'lending');
      expect(lending.texts.map((row) => row[1])).toEqual([
        String(report.lending.lent),
        String(report.lending.borrowed),
      ]);
      expect(await page.getByTestId('fairness-gini').getAttribute('data-value')).toBe(
        String(report.refusalGini),
      );
      expect(await page.getByTestId('fairness-overall').textContent()).toBe(
        percent(report.overallServiceRate),
      );

      // Each chart is drawn (a canvas) and named for screen readers.
      for (const block of ['zones', 'waits', 'drivers', 'lending']) {
        const chart = page.getByTestId(`fairness-chart-${block}`);
        expect(await chart.getAttribute('role')).toBe('img');
        expect(await chart.getAttribute('aria-label')).toMatch(/Bar chart/);
        expect(await chart.locator('canvas').count()).toBeGreaterThan(0);
      }
      expect(await seriousAxeViolations(page)).toEqual([]);
      await keepScreenshot(page, `console-fairness-${viewport}`);

      for (const [block, table] of [
        ['zones', zones],
        ['drivers', drivers],
      ] as const) {
        const file = await downloaded(page, () => page.getByTestId(`fairness-csv-${block}`).click());
        expect(file.name).toBe(`fairness-${block}-${period.from}_${to}.csv`);
        expect(parseCsv(file.bytes.toString('utf8'))).toEqual([table.headers, ...table.values]);
      }
      expect(zones.values[0]?.[5]).toBe(String(report.zones[0]!.serviceRate));
      expect(errors).toEqual([]);
      await context.close();
    },
    180_000,
  );
});
