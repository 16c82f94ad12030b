import type { LngLat, PlaceView, TerritoryCollection, TerritoryDetail } from '@navette/contracts';
import type { Browser, Page } from 'playwright-core';
import type { Fixtures } from '../../api/test/fixtures.js';
import { client, login, type Stack } from '../../api/test/stack.js';
import { projected } from './browser-test-kit.js';
import { openBrowserHarness, type BrowserHarness } from './browser-harness.js';
import { openConsole, WAIT } from './console-harness.js';
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
    cora = await fixtures.aMember('coordinator', { name: 'Cora', coordinates: [town] });
  }, 120_000);

  afterAll(async () => {
    await harness?.close();
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
  it.each(Object.keys(VIEWPORTS) as ViewportName[])(
    'edits the outline, sets the rules, asks and agrees to lend, manages named places (%s)',
    async (viewport) => {
      const mill = await fixtures.aTerritory({
        centre: [25.6, 60.4],
        half: 0.05,
        name: `Mill town ${viewport}`,
      });
      const lake = await fixtures.aTerritory({
        centre: [25.8, 60.4],
        half: 0.05,
        name: `Lakeside ${viewport}`,
      });
      const mo = await fixtures.aMember('coordinator', { name: 'Mo', coordinates: [mill] });
      const leaToken = async () => {
        const m = await fixtures.aMember('coordinator', { coordinates: [lake] });
        return (await login(stack.baseUrl, m.email, m.password)).token;
      };
      const lea = client(stack.baseUrl, await leaToken());
      const http = client(stack.baseUrl, (await login(stack.baseUrl, mo.email, mo.password)).token);
      // Lakeside asks Mill town for drivers; Mill town's coordinator will agree in the page.
      expect(
        (
          await lea.request('PUT', `/api/territories/${lake}/lending`, {
            lenders: [{ territoryId: mill, afterSeconds: 300 }],
          })
        ).status,
      ).toBe(200);
      const { context, page, errors } = await openConsole(
        browser,
        stack.baseUrl,
        viewport,
        mo,
        `Mill town ${viewport}`,
        'territories',
      );
      const section = page.getByTestId('section-territories');
      await page.locator('[data-testid=section-territories][data-state=ready]').waitFor(WAIT);
      const detail = async () =>
        (await http.get<TerritoryDetail>(`/api/territories/${mill}`)).body.properties;

      // Rules: a wrong one is refused and its field marked; then a good set is saved.
      await section.getByTestId('rules-offerTimeoutSeconds').fill('1');
      await section.getByTestId('rules-save').click();
      await section.getByTestId('territories-error').filter({ hasText: 'offerTimeoutSeconds' }).waitFor(WAIT);
      expect(await section.getByTestId('rules-offerTimeoutSeconds').getAttribute('aria-invalid')).toBe(
        'true',
      );
      expect(await seriousAxeViolations(page)).toEqual([]);
      await section.getByTestId('rules-offerTimeoutSeconds').fill('45');
      await section.getByTestId('rules-maxWaitSeconds').fill('10');
      await section.getByTestId('rules-all-day').uncheck();
      await section.getByTestId('rules-opens').fill('07:00');
      await section.getByTestId('rules-closes').fill('22:00');
      await section.getByTestId('rules-timezone').selectOption('Europe/Helsinki');
      await section.getByTestId('rules-snapPickupToStopMeters').fill('150');
      await section.getByTestId('rules-save').click();
      await section.getByTestId('territories-status').filter({ hasText: 'Rules saved.' }).waitFor(WAIT);
      expect(await detail()).toMatchObject({
        offerTimeoutSeconds: 45,
        maxWaitSeconds: 600,
        serviceHours: [420, 1320],
        timezone: 'Europe/Helsinki',
        snapPickupToStopMeters: 150,
        defaultTrustDistance: null,
      });

      // Without a mouse: a new area given as GeoJSON, then created.
      await section.getByTestId('outline-new').click();
      await section.getByTestId('new-area-name').fill(`Weir ${viewport}`);
      await section.locator('.outline-typed summary').click();
      const weir = {
        type: 'Polygon',
        coordinates: [
          [
            [25.58, 60.38],
            [25.62, 60.38],
            [25.62, 60.42],
            [25.58, 60.42],
            [25.58, 60.38],
          ],
        ],
      };
      await section.getByTestId('outline-geojson').fill(JSON.stringify(weir));
      await section.getByTestId('outline-use-geojson').click();
      await section.getByTestId('new-area-save').click();
      await section
        .getByTestId('territories-status')
        .filter({ hasText: `Weir ${viewport} is created` })
        .waitFor(WAIT);
      const withWeir = await client(stack.baseUrl).get<TerritoryCollection>('/api/territories');
      expect(
        withWeir.body.features.find((f) => f.properties.name === `Weir ${viewport}`)?.properties.parentId,
      ).toBe(mill);

      // Its own outline, edited: a corner dragged further out, then saved.
      await section.getByTestId('outline-edit').click();
      await section.getByTestId('outline-hint').filter({ hasText: 'Drag a corner' }).waitFor(WAIT);
      await page.getByTestId('territory-map').scrollIntoViewIfNeeded();
      const from = await onPage(page, [25.65, 60.45]);
      const to = await onPage(page, [25.66, 60.455]);
      await page.mouse.move(from.x, from.y);
      await page.mouse.down();
      await page.mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2, { steps: 5 });
      await page.mouse.move(to.x, to.y, { steps: 5 });
      await page.mouse.up();
      await section.getByTestId('outline-save').click();
      await section.getByTestId('territories-status').filter({ hasText: 'Outline saved.' }).waitFor(WAIT);
      const edited = (await http.get<TerritoryDetail>(`/api/territories/${mill}`)).body.geometry;
      const corners = edited.type === 'MultiPolygon' ? edited.coordinates[0]![0]! : [];
      expect(
        corners.some(([lng, lat]) => Math.abs(lng - 25.66) < 0.002 && Math.abs(lat - 60.455) < 0.002),
      ).toBe(true);
      expect(
        corners.some(([lng, lat]) => Math.abs(lng - 25.65) < 0.0005 && Math.abs(lat - 60.45) < 0.0005),
      ).toBe(false);

      // Lending: ask Lakeside (not nested with us) after 5 minutes; agree to lend to it.
      expect(await section.getByTestId('lending-neighbour').locator('option').allTextContents()).toContain(
        `Lakeside ${viewport}`,
      );
      await section.getByTestId('lending-neighbour').selectOption({ label: `Lakeside ${viewport}` });
      await section.getByTestId('lending-after').fill('5');
      await section.getByTestId('lending-add').click();
      await section.getByTestId('lender').filter({ hasText: 'Waiting for their agreement' }).waitFor(WAIT);
      await section.getByTestId('borrower').getByTestId('borrower-toggle').click();
      await section.getByTestId('borrower').filter({ hasText: 'We lend.' }).waitFor(WAIT);
      const lending = await detail();
      expect(lending.lenders).toEqual([{ territoryId: lake, afterSeconds: 300, agreed: false }]);
      expect(lending.borrowers).toEqual([{ territoryId: lake, afterSeconds: 300, agreed: true }]);

      // Named places: add one where the map is clicked, rename it, retire it.
      await section.getByTestId('place-name').fill('Market square');
      await section.getByTestId('place-kind').selectOption('stop');
      await section.getByTestId('place-add').click();
      await page.getByTestId('territory-map').scrollIntoViewIfNeeded();
      const spot = await onPage(page, [25.61, 60.41]);
      await page.mouse.click(spot.x, spot.y);
      await section
        .getByTestId('territories-status')
        .filter({ hasText: '“Market square” added.' })
        .waitFor(WAIT);
      const places = async () => (await http.get<PlaceView[]>(`/api/territories/${mill}/places`)).body;
      const [added] = await places();
      expect(added).toMatchObject({ name: 'Market square', kind: 'stop', retiredAt: null });
      // Where the map was clicked, within a pixel or two.
      expect(Math.abs(added!.position[0] - 25.61)).toBeLessThan(0.002);
      expect(Math.abs(added!.position[1] - 60.41)).toBeLessThan(0.002);
      expect(await page.getByTestId('place-marker').count()).toBe(1);
      expect(await seriousAxeViolations(page)).toEqual([]);
      await keepScreenshot(page, `console-territories-rules-${viewport}`);
      await section.getByTestId('place').getByTestId('place-rename-name').fill('Market hall');
      await section.getByTestId('place').getByTestId('place-rename').click();
      await section
        .getByTestId('territories-status')
        .filter({ hasText: '“Market hall” saved.' })
        .waitFor(WAIT);
      expect((await places())[0]?.name).toBe('Market hall');
      await section.getByTestId('place').getByTestId('place-retire').click();
      await section.getByTestId('places').filter({ hasText: 'No named place yet.' }).waitFor(WAIT);
      expect((await places())[0]?.retiredAt).not.toBeNull();
      expect(await page.getByTestId('place-marker').count()).toBe(0);
      expect(errors).toEqual([]);
      await context.close();
    },
    180_000,
  );
});
