import type { TerritoryTimeBank } from '@navette/contracts';
import type { Browser } from 'playwright-core';
import { aDecidedRide } from '../../api/test/fairness-fixtures.js';
import type { Fixtures } from '../../api/test/fixtures.js';
import { client, login, type Stack } from '../../api/test/stack.js';
import { openBrowserHarness, type BrowserHarness } from './browser-harness.js';
import { downloaded, openConsole, parseCsv, WAIT } from './console-harness.js';
import { keepScreenshot, seriousAxeViolations, VIEWPORTS, type ViewportName } from './page-checks.js';

/**
 * Exports in the console (`#exports`): the GTFS-Flex feed, the ValueFlows accounts and the time
 * bank of the chosen period come down as files of the right type, not empty.
 */
describe('the console: exports', () => {
  let stack: Stack;
  let fixtures: Fixtures;
  let browser: Browser;
  let harness: BrowserHarness | undefined;
  let cora: { email: string; password: string };
  let danaId: string;
  let town: string;

  beforeAll(async () => {
    harness = await openBrowserHarness({ dispatcher: false });
    ({ stack, fixtures, browser } = harness);
    town = await fixtures.aTerritory({ centre: [24.95, 60.18], half: 0.1, name: 'Harbour town' });
    const dana = await fixtures.aDriver({ name: 'Dana' });
    danaId = dana.id;
    await aDecidedRide(fixtures, {
      zone: town,
      at: [24.95, 60.18],
      status: 'completed',
      driver: { ...dana, territoryId: town, reach: 'local' },
    });
    cora = await fixtures.aMember('coordinator', { name: 'Cora', coordinates: [town] });
  }, 120_000);

  afterAll(async () => {
    await harness?.close();
  }, 60_000);

  it.each(Object.keys(VIEWPORTS) as ViewportName[])(
    'downloads GTFS-Flex, ValueFlows and the time bank of the period (%s)',
    async (viewport) => {
      const { context, page, errors } = await openConsole(
        browser,
        stack.baseUrl,
        viewport,
        cora,
        'Harbour town',
        'exports',
      );
      const section = page.getByTestId('section-exports');
      expect(await seriousAxeViolations(page)).toEqual([]);
      const from = await page.locator('#exports-period-from').inputValue();

      const gtfs = await downloaded(page, () => section.getByTestId('export-gtfs-flex').click());
      expect(gtfs.name).toBe('harbour-town-gtfs-flex.zip');
      expect(gtfs.bytes.subarray(0, 4).toString('latin1')).toBe('PK\u0003\u0004');
      expect(gtfs.bytes.toString('latin1')).toContain('locations.geojson');

      const flows = await downloaded(page, () => section.getByTestId('export-valueflows').click());
      expect(flows.name).toMatch(
        new RegExp(`^harbour-town-valueflows-${from}_\\d{4}-\\d{2}-\\d{2}\\.jsonld$`),
      );
      const document = JSON.parse(flows.bytes.toString('utf8')) as Record<string, unknown>;
      expect(document['@context']).toBeDefined();
      expect(JSON.stringify(document)).toContain(`urn:navette:member:${danaId}`);

      const bank = await downloaded(page, () => section.getByTestId('export-time-bank').click());
      expect(bank.name).toMatch(/^harbour-town-time-bank-.*\.csv$/);
      const rows = parseCsv(bank.bytes.toString('utf8'));
      expect(rows[0]).toEqual(['Member', 'Hours given', 'Trips driven', 'Hours received', 'Rides received']);
      // The same as the API's time bank of that period, member by member, then the totals.
      const to = /_(\d{4}-\d{2}-\d{2})\.csv$/.exec(bank.name)![1]!;
      const http = client(stack.baseUrl, (await login(stack.baseUrl, cora.email, cora.password)).token);
      const api = await http.get<TerritoryTimeBank>(
        `/api/territories/${town}/time-bank?from=${from}&to=${to}`,
      );
      const line = (name: string, e: TerritoryTimeBank['totals']) =>
        [name, e.hoursGiven, e.tripsGiven, e.hoursReceived, e.ridesReceived].map(String);
      expect(rows.slice(1)).toEqual([
        ...api.body.members.map((m) => line(m.displayName, m)),
        line('Total', api.body.totals),
      ]);
      await section.getByTestId('exports-status').filter({ hasText: bank.name }).waitFor(WAIT);
      expect(await seriousAxeViolations(page)).toEqual([]);
      await keepScreenshot(page, `console-exports-${viewport}`);
      expect(errors).toEqual([]);
      await context.close();
    },
    180_000,
  );
});
