import type { LngLat, TerritoryCollection, TerritoryDetail } from '@navette/contracts';
import { chromium, type Browser, type Page } from 'playwright-core';
import { Fixtures } from '../../api/test/fixtures.js';
import { client, startStack, type Stack } from '../../api/test/stack.js';
import { projected } from './browser-test-kit.js';
import { CHROMIUM_ARGS } from './chromium.js';
import { openConsole, WAIT } from './console-harness.js';
import { ensureFrontEndsBuilt } from './front-end-build.js';
import { keepScreenshot, seriousAxeViolations, VIEWPORTS, type ViewportName } from './page-checks.js';

/** Where a point of the map is in the page, in CSS pixels (for the mouse). */
async function onPage(page: Page, point: LngLat): Promise<{ x: number; y: number }> {
  const box = (await page.getByTestId('territory-map').boundingBox())!;
  const at = await projected(page, point);
  return { x: box.x + at.x, y: box.y + at.y };
}

/** Clicks each corner on the map, then the first again to close the outline (Terra Draw). */
async function drawOutline(page: Page, corners: LngLat[]): Promise<void> {
  await page.getByTestId('territory-map').scrollIntoViewIfNeeded();
  for (const corner of [...corners, corners[0]!]) {
    const { x, y } = await onPage(page, corner);
    await page.mouse.click(x, y);
  }
}

/**
 * Territories in the console (`#territories`): a coordinator draws a new neighbourhood on the map
 * and saves it; a self-intersecting outline is refused by the server and marked on the map at the
 * point where it crosses itself.
 */
describe('the console: territories', () => {
  let stack: Stack;
  let fixtures: Fixtures;
  let browser: Browser;
  let cora: { email: string; password: string };
  let town: string;

  beforeAll(async () => {
    ensureFrontEndsBuilt();
    stack = await startStack({ dispatcher: false });
    fixtures = Fixtures.open(stack.databaseUrl);
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
    town = await fixtures.aTerritory({
      centre: [24.95, 60.18],
      half: 0.1,
      level: 'town',
      name: 'Harbour town',
    });
    cora = await fixtures.aMember('coordinator', { name: 'Cora', coordinates: [town] });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await fixtures?.close();
    await stack?.stop();
  }, 60_000);

  it.each(Object.keys(VIEWPORTS) as ViewportName[])(
    'draws a new neighbourhood and saves it; a crossed outline is refused where it crosses (%s)',
    async (viewport) => {
      const { context, page, errors } = await openConsole(
        browser,
        stack.baseUrl,
        viewport,
        cora,
        'Harbour town',
        'territories',
      );
      const section = page.getByTestId('section-territories');
      await page.locator('[data-testid=section-territories][data-state=ready]').waitFor(WAIT);
      expect(await seriousAxeViolations(page)).toEqual([]);

      const name = `Quayside ${viewport}`;
      const square: LngLat[] = [
        [24.9, 60.15],
        [25.0, 60.15],
        [25.0, 60.21],
        [24.9, 60.21],
      ];
      await section.getByTestId('outline-new').click();
      await section.getByTestId('new-area-name').fill(name);
      expect(await section.getByTestId('new-area-level').inputValue()).toBe('neighbourhood');
      await drawOutline(page, square);
      await section.getByTestId('outline-hint').filter({ hasText: 'Drag a corner' }).waitFor(WAIT);
      expect(await seriousAxeViolations(page)).toEqual([]);
      await keepScreenshot(page, `console-territories-drawn-${viewport}`);
      await section.getByTestId('new-area-save').click();
      await section
        .getByTestId('territories-status')
        .filter({ hasText: `${name} is created` })
        .waitFor(WAIT);

      const all = await client(stack.baseUrl).get<TerritoryCollection>('/api/territories');
      const created = all.body.features.find((f) => f.properties.name === name)!;
      expect(created.properties).toMatchObject({ level: 'neighbourhood', parentId: town });
      const detail = await client(stack.baseUrl).get<TerritoryDetail>(
        `/api/territories/${created.properties.id}`,
      );
      const ring =
        detail.body.geometry.type === 'MultiPolygon' ? detail.body.geometry.coordinates[0]![0]! : [];
      // Each corner clicked is a corner stored, within a pixel or two of the map.
      for (const corner of square)
        expect(
          ring.some(([lng, lat]) => Math.abs(lng - corner[0]) < 0.002 && Math.abs(lat - corner[1]) < 0.002),
        ).toBe(true);

      // A bow tie: its two long sides cross at the centre.
      await section.getByTestId('outline-new').click();
      await section.getByTestId('new-area-name').fill(`Bow tie ${viewport}`);
      await drawOutline(page, [
        [24.9, 60.15],
        [25.0, 60.21],
        [25.0, 60.15],
        [24.9, 60.21],
      ]);
      await section.getByTestId('new-area-save').click();
      const alert = section.getByTestId('territories-error');
      await alert.filter({ hasText: 'The red mark on the map shows where' }).waitFor(WAIT);
      expect(await alert.textContent()).toMatch(/Self-intersection/);
      const marker = page.getByTestId('problem-marker');
      await marker.waitFor(WAIT);
      const box = (await marker.boundingBox())!;
      const crossing = await onPage(page, [24.95, 60.18]);
      expect(Math.abs(box.x + box.width / 2 - crossing.x)).toBeLessThan(6);
      expect(Math.abs(box.y + box.height / 2 - crossing.y)).toBeLessThan(6);
      expect(await seriousAxeViolations(page)).toEqual([]);
      await keepScreenshot(page, `console-territories-refused-${viewport}`);
      const after = await client(stack.baseUrl).get<TerritoryCollection>('/api/territories');
      expect(after.body.features.some((f) => f.properties.name === `Bow tie ${viewport}`)).toBe(false);

      await section.getByTestId('outline-cancel').click();
      expect(await marker.count()).toBe(0);
      expect(errors).toEqual([]);
      await context.close();
    },
    180_000,
  );
});
