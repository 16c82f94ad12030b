import type { LngLat, TerritoryCollection } from '@navette/contracts';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startStack, type Stack } from '../../api/test/stack.js';
import {
  CHROMIUM_ARGS,
  colourAt,
  ensureFrontEndsBuilt,
  hexToRgb,
  pixelsDrawnNear,
  projected,
  root,
  throughTerritories,
  type Rgb,
} from './browser-test-kit.js';

/**
 * The demo basemap as a person sees it, in headless Chromium (software WebGL) on the real API:
 * the sea is painted in the style's water colour, street names are drawn along their streets, the
 * dark style follows the system, the attribution is shown, and no request leaves the origin.
 * Screenshots go to test-artefacts/ (git-ignored) for a human look.
 */

const WAIT = { timeout: 120_000 };
/** The heart of the demo town: Aleksanterinkatu, Kaivokatu, Mannerheimintie, the Esplanadi. */
const STREETS_VIEW = { center: [24.9465, 60.1685] as LngLat, zoom: 15 };
/** The South Harbour basin, away from its label: sea. */
const SEA: LngLat = [24.9585, 60.166];
const SEA_VIEW = { center: SEA, zoom: 14 };
const LABEL_LAYERS = ['roads_labels_major', 'roads_labels_minor'];
const artefacts = join(root, 'test-artefacts');

interface StyleJson {
  layers: { id: string; paint?: Record<string, unknown> }[];
}

/** The named streets of the demo data, as drawn (their lines carry the labels). */
function demoStreets(): Map<string, LngLat[]> {
  const data = JSON.parse(readFileSync(join(root, 'infra', 'basemap', 'helsinki-demo.geojson'), 'utf8')) as {
    features: {
      properties: { layer: string; name?: string };
      geometry: { type: string; coordinates: unknown };
    }[];
  };
  const streets = new Map<string, LngLat[]>();
  for (const { properties, geometry } of data.features)
    if (properties.layer === 'roads' && properties.name && geometry.type === 'LineString')
      streets.set(properties.name, geometry.coordinates as LngLat[]);
  return streets;
}

describe('the demo basemap in the browser', () => {
  let stack: Stack | undefined;
  let browser: Browser | undefined;
  let territories: TerritoryCollection;
  const requested: string[] = [];
  const pageErrors: string[] = [];
  const streets = demoStreets();

  beforeAll(async () => {
    ensureFrontEndsBuilt();
    mkdirSync(artefacts, { recursive: true });
    stack = await startStack({ demo: true, dispatcher: false });
    territories = (await (await fetch(`${stack.baseUrl}/api/territories`)).json()) as TerritoryCollection;
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  }, 60_000);

  /** The rider map at `viewport`, idle. */
  async function openMap(
    viewport: { width: number; height: number },
    colorScheme: 'light' | 'dark',
  ): Promise<Page> {
    const context = await browser!.newContext({ locale: 'en-GB', viewport, colorScheme });
    const page = await context.newPage();
    page.on('request', (request) => requested.push(request.url()));
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(`${stack!.baseUrl}/`);
    await page.locator('[data-testid=map][data-state=ready]').waitFor(WAIT);
    return page;
  }

  /** Moves the map and waits until everything in view is drawn. */
  function jumpTo(page: Page, view: { center: LngLat; zoom: number }): Promise<void> {
    return page.evaluate(
      (v) =>
        new Promise<void>((resolve) => {
          const map = (
            window as unknown as {
              __navetteMap: { jumpTo(v: unknown): void; once(e: 'idle', f: () => void): void };
            }
          ).__navetteMap;
          map.once('idle', resolve);
          map.jumpTo(v);
        }),
      view,
    );
  }

  async function waterColour(url: string): Promise<Rgb> {
    const style = (await (await fetch(`${stack!.baseUrl}${url}`)).json()) as StyleJson;
    return hexToRgb(String(style.layers.find((layer) => layer.id === 'water')?.paint?.['fill-color']));
  }

  for (const viewport of [
    { width: 390, height: 844 },
    { width: 1280, height: 800 },
  ])
    it(`paints the sea and draws street names at ${viewport.width}×${viewport.height}, from this origin only`, async () => {
      const page = await openMap(viewport, 'light');
      // What a rider first sees: the map fitted to the demo territories.
      await page.screenshot({
        path: join(artefacts, `basemap-${viewport.width}x${viewport.height}-start.png`),
      });
      expect(await page.locator('[data-testid=map]').getAttribute('data-scheme')).toBe('light');

      // The sea, seen through the territories over it, is the style's water colour.
      await jumpTo(page, SEA_VIEW);
      const sea = await colourAt(page, await projected(page, SEA));
      const expected = throughTerritories(await waterColour('/map-style.json'), SEA, territories);
      sea.forEach((channel, k) => expect(Math.abs(channel - expected[k]!)).toBeLessThanOrEqual(8));

      // Street names are drawn: the label layers place known streets' names…
      await jumpTo(page, STREETS_VIEW);
      await page.screenshot({ path: join(artefacts, `basemap-${viewport.width}x${viewport.height}.png`) });
      const placed = await page.evaluate((layers) => {
        const map = (
          window as unknown as {
            __navetteMap: { queryRenderedFeatures(o: unknown): { properties: { name?: string } }[] };
          }
        ).__navetteMap;
        return map.queryRenderedFeatures({ layers }).map((f) => f.properties.name ?? '');
      }, LABEL_LAYERS);
      const named = [...streets.keys()].filter((name) => placed.includes(name));
      expect(named.length).toBeGreaterThan(0);

      // …and their letters are real pixels along those streets: there, the picture changes when the
      // road labels are switched off.
      const drawn = await pixelsDrawnNear(
        page,
        named.map((name) => streets.get(name)!),
        LABEL_LAYERS,
        12,
      );
      expect(Math.max(...drawn)).toBeGreaterThan(40);

      // The data's licence asks for its attribution, on the map.
      expect(await page.locator('.maplibregl-ctrl-attrib').textContent()).toContain('OpenStreetMap');

      const origin = new URL(stack!.baseUrl).origin;
      const foreign = requested.filter(
        (url) => !url.startsWith('data:') && !url.startsWith('blob:') && new URL(url).origin !== origin,
      );
      expect(requested.some((url) => url.endsWith('/map/tiles.pmtiles'))).toBe(true);
      expect(requested.some((url) => url.includes('/map/fonts/'))).toBe(true);
      expect(foreign).toEqual([]);
      expect(pageErrors).toEqual([]);
      await page.context().close();
    }, 240_000);

  it('follows a dark system colour scheme with the dark style', async () => {
    const page = await openMap({ width: 390, height: 844 }, 'dark');
    await jumpTo(page, SEA_VIEW);
    expect(await page.locator('[data-testid=map]').getAttribute('data-scheme')).toBe('dark');
    const sea = await colourAt(page, await projected(page, SEA));
    const expected = throughTerritories(await waterColour('/map-style-dark.json'), SEA, territories);
    sea.forEach((channel, k) => expect(Math.abs(channel - expected[k]!)).toBeLessThanOrEqual(8));
    await jumpTo(page, STREETS_VIEW);
    await page.screenshot({ path: join(artefacts, 'basemap-390x844-dark.png') });
    expect(pageErrors).toEqual([]);
    await page.context().close();
  }, 240_000);
});
