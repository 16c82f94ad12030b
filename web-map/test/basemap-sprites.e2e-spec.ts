import { openBrowserHarness, WAIT, type BrowserHarness } from './browser-harness.js';
import { aDevice, signInAndStart } from './driver-harness.js';
import { keepScreenshot, pageFaults, seriousAxeViolations, type ViewportName } from './page-checks.js';

interface PageMap {
  listImages(): string[];
  jumpTo(options: { center: [number, number]; zoom: number }): void;
  once(event: 'idle', handler: () => void): void;
}

/**
 * The basemap's icons (one-way arrows, places, points of interest, shields) come from a sprite
 * sheet the build draws and the API serves beside the tiles and glyphs: the styles name it, it
 * answers at 1x and 2x, and the map shows no "missing image" warning at any zoom of the demo town.
 */
describe('basemap sprites', () => {
  let harness: BrowserHarness | undefined;

  beforeAll(async () => {
    harness = await openBrowserHarness({ dispatcher: false });
    await harness.fixtures.aTerritory({ centre: [24.95, 60.18], half: 0.05 });
  }, 120_000);

  afterAll(async () => {
    await harness?.close();
  }, 60_000);

  it('are named by both styles and served as JSON and PNG, at 1x and 2x', async () => {
    const base = harness!.stack.baseUrl;
    for (const style of ['/map-style.json', '/map-style-dark.json']) {
      const body = (await (await fetch(`${base}${style}`)).json()) as { sprite: string };
      expect(body.sprite).toBe('/map/sprites/basemap');
    }
    for (const suffix of ['', '@2x']) {
      const index = await fetch(`${base}/map/sprites/basemap${suffix}.json`);
      expect(index.status).toBe(200);
      expect(index.headers.get('content-type')).toMatch(/^application\/json/);
      const entries = (await index.json()) as Record<string, { pixelRatio: number }>;
      expect(entries.arrow?.pixelRatio).toBe(suffix ? 2 : 1);
      const png = await fetch(`${base}/map/sprites/basemap${suffix}.png`);
      expect(png.status).toBe(200);
      expect(png.headers.get('content-type')).toBe('image/png');
      expect(
        Buffer.from(await png.arrayBuffer())
          .subarray(1, 4)
          .toString('latin1'),
      ).toBe('PNG');
    }
    expect((await fetch(`${base}/map/sprites/other.png`)).status).toBe(404);
  });

  it.each<ViewportName>(['phone', 'desktop'])(
    'draws the map without a missing image (%s)',
    async (viewport) => {
      const { stack, fixtures, browser } = harness!;
      const driver = await fixtures.aDriver();
      const context = await aDevice(browser, viewport, [24.945, 60.175]);
      const page = await context.newPage();
      const faults = pageFaults(page);
      const missing: string[] = [];
      page.on('console', (message) => {
        if (/could not be loaded|missing/i.test(message.text())) missing.push(message.text());
      });
      await page.goto(`${stack.baseUrl}/driver/`);
      await signInAndStart(page, driver);
      await page.locator('[data-testid=map][data-state=ready]').waitFor(WAIT);
      // Low zooms show the town spots, high ones the streets (arrows, shields, points of interest).
      for (const zoom of [6, 11, 13, 15, 17]) {
        await page.evaluate(
          (z) =>
            new Promise<void>((resolve) => {
              const map = (window as unknown as { __navetteMap: PageMap }).__navetteMap;
              map.once('idle', () => resolve());
              map.jumpTo({ center: [24.945, 60.172], zoom: z });
            }),
          zoom,
        );
      }
      const images = await page.evaluate(() =>
        (window as unknown as { __navetteMap: PageMap }).__navetteMap.listImages(),
      );
      expect(images).toEqual(expect.arrayContaining(['arrow', 'townspot', 'poi']));
      expect(missing).toEqual([]);
      await keepScreenshot(page, `basemap-sprites-${viewport}`);
      expect(await seriousAxeViolations(page)).toEqual([]);
      expect(faults).toEqual([]);
      await context.close();
    },
    120_000,
  );
});
