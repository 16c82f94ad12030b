import type { LngLat, TerritoryCollection } from '@navette/contracts';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startStack, type Stack } from '../../api/test/stack.js';
import {
  CHROMIUM_ARGS,
  colourAt,
  ensureFrontEndsBuilt,
  inside,
  projected,
  throughTerritories,
} from './browser-test-kit.js';
import { buildManifest } from './front-end-build.js';

/**
 * One ride through both front ends in headless Chromium (software WebGL), on the real API and
 * dispatcher with the demo data: the driver starts a shift, the rider picks pickup and drop-off
 * on the map and requests, the driver accepts the offer and drives, the rider follows it live.
 * Also: the map really drew the territories, and neither page called any other host.
 */

const DEMO_PASSWORD = 'navette-demo';
const RIDER = 'alice@demo.navette.org';
const DRIVER = 'dan@demo.navette.org';
const COORDINATOR = 'cora@demo.navette.org';
const WAIT = { timeout: 60_000 };
/** The driver app must stay light for old phones on weak networks (its own JS, gzip; the build checks it too). */
const DRIVER_BUNDLE_BUDGET_BYTES = 60_000;

function bbox(geometry: TerritoryCollection['features'][number]['geometry']) {
  const points = (geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates).flat(2);
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]);
  return { west: Math.min(...xs), east: Math.max(...xs), south: Math.min(...ys), north: Math.max(...ys) };
}

/** A pickup well inside the smallest territory and a drop-off some way off, still inside it. */
function choosePoints(territories: TerritoryCollection): { pickup: LngLat; dropoff: LngLat } {
  const area = (f: TerritoryCollection['features'][number]) => {
    const b = bbox(f.geometry);
    return (b.east - b.west) * (b.north - b.south);
  };
  const smallest = [...territories.features].sort((a, b) => area(a) - area(b))[0];
  if (!smallest) throw new Error('the demo data has no territory');
  const b = bbox(smallest.geometry);
  const grid: LngLat[] = [];
  for (let i = 1; i < 10; i++)
    for (let j = 1; j < 10; j++)
      grid.push([b.west + ((b.east - b.west) * i) / 10, b.south + ((b.north - b.south) * j) / 10]);
  const within = grid.filter((p) => inside(p, smallest.geometry));
  const centre: LngLat = [(b.west + b.east) / 2, (b.south + b.north) / 2];
  const distance = (p: LngLat, q: LngLat) => Math.hypot(p[0] - q[0], p[1] - q[1]);
  const pickup = [...within].sort((p, q) => distance(p, centre) - distance(q, centre))[0];
  const dropoff = [...within].sort((p, q) => distance(q, centre) - distance(p, centre))[0];
  if (!pickup || !dropoff) throw new Error(`no point found inside ${smallest.properties.name}`);
  return { pickup, dropoff };
}

interface CanvasReading {
  width: number;
  height: number;
  distinctColours: number;
  /** Share of bluish pixels: the territory fills (and the sea) are blue. */
  tintedShare: number;
}

describe('a ride requested on the map and driven, in the two front ends', () => {
  let stack: Stack | undefined;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  const pages: Page[] = [];
  const requested: string[] = [];
  const pageErrors: string[] = [];
  /** What the content security policy blocked (the map's blob: worker must not be among them). */
  const blocked: string[] = [];

  beforeAll(async () => {
    ensureFrontEndsBuilt();
    const sizes = (['web-map', 'driver-app'] as const).map(
      (front) => `${front} ${(buildManifest(front).ownJsGzipBytes / 1000).toFixed(1)} kB`,
    );
    process.stdout.write(`own JS (gzip): ${sizes.join(', ')}\n`);
    stack = await startStack({ demo: true });
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  }, 120_000);

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await stack?.stop();
  }, 60_000);

  async function openPage(
    path: string,
    viewport: { width: number; height: number },
    at?: LngLat,
  ): Promise<Page> {
    const context = await browser!.newContext({
      locale: 'en-GB',
      viewport,
      timezoneId: 'Europe/Helsinki',
      // The driver's phone: the page follows its location.
      ...(at ? { geolocation: { longitude: at[0], latitude: at[1] }, permissions: ['geolocation'] } : {}),
    });
    contexts.push(context);
    const page = await context.newPage();
    pages.push(page);
    page.on('request', (request) => requested.push(request.url()));
    page.on('websocket', (socket) => requested.push(socket.url()));
    page.on('pageerror', (error) => pageErrors.push(`${path}: ${error.message}`));
    await page.exposeFunction('__navetteBlocked', (what: string) => blocked.push(`${path}: ${what}`));
    await page.addInitScript(() =>
      document.addEventListener('securitypolicyviolation', (event) => {
        const report = (window as unknown as { __navetteBlocked(what: string): void }).__navetteBlocked;
        report(`${event.effectiveDirective} ${event.blockedURI}`);
      }),
    );
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) blocked.push(`${path}: ${message.text()}`);
    });
    await page.goto(`${stack!.baseUrl}${path}`);
    return page;
  }

  async function signIn(page: Page, email: string): Promise<void> {
    await page.getByTestId('login-email').fill(email);
    await page.getByTestId('login-password').fill(DEMO_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('login-form').waitFor({ state: 'detached', ...WAIT });
  }

  /** Clicks the map where `point` is drawn. */
  async function clickMap(page: Page, point: LngLat): Promise<void> {
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

  function rideStatus(page: Page, status: string) {
    return page.locator(`[data-testid=ride-status][data-status=${status}]`).waitFor(WAIT);
  }

  /** On failure, screenshots of every page (in the temp directory) say where the flow stopped. */
  async function withScreenshotsOnFailure(flow: () => Promise<void>): Promise<void> {
    try {
      await flow();
    } catch (error) {
      const shots = await Promise.all(
        pages.map(async (page, i) => {
          const path = join(tmpdir(), `navette-request-flow-${i}.png`);
          await page.screenshot({ path }).catch(() => undefined);
          return path;
        }),
      );
      process.stdout.write(`request-flow failed; screenshots: ${shots.join(', ')}\n`);
      throw error;
    }
  }

  it(
    'goes from request to drop-off, with the map drawn and no call to any other host',
    () => withScreenshotsOnFailure(flow),
    180_000,
  );

  async function flow(): Promise<void> {
    const base = stack!.baseUrl;
    const territories = (await (await fetch(`${base}/api/territories`)).json()) as TerritoryCollection;
    const { pickup, dropoff } = choosePoints(territories);
    const driverAt: LngLat = [pickup[0] + 0.001, pickup[1] + 0.0005];

    // The driver starts a shift near the pickup (the phone's location).
    const driver = await openPage('/driver/', { width: 420, height: 800 }, driverAt);
    await signIn(driver, DRIVER);
    await driver.getByTestId('shift-start').click();
    await driver.locator('[data-testid=shift-status][data-state=on]').waitFor(WAIT);
    await driver.locator('body[data-socket=connected]').waitFor(WAIT);

    // A coordinator of the territory sees the driver on the live map once the driver moves.
    const coordinator = await openPage('/', { width: 900, height: 700 });
    await signIn(coordinator, COORDINATOR);
    await coordinator.getByTestId('live-drivers').waitFor(WAIT);
    await coordinator.locator('body[data-socket=connected]').waitFor(WAIT);
    const movedTo: LngLat = [driverAt[0], driverAt[1] + 0.0006];
    await driver.context().setGeolocation({ longitude: movedTo[0], latitude: movedTo[1] });
    await coordinator.locator('[data-testid=live-driver-marker]').waitFor(WAIT);
    expect(await coordinator.getByTestId('live-drivers').textContent()).toBe('Drivers on the map: 1');

    // The rider signs in, picks pickup and drop-off on the map, and requests.
    const rider = await openPage('/', { width: 1100, height: 760 });
    await signIn(rider, RIDER);
    await rider.locator('[data-testid=map][data-state=ready]').waitFor(WAIT);
    await rider.getByTestId('request-form').waitFor(WAIT);
    expect(await rider.getByTestId('request-submit').isDisabled()).toBe(true);
    await clickMap(rider, pickup);
    await rider.locator('[data-testid=pickup-marker]').waitFor(WAIT);
    await clickMap(rider, dropoff);
    await rider.locator('[data-testid=dropoff-marker]').waitFor(WAIT);
    await rider.getByTestId('request-seats').fill('1');
    await rider.getByTestId('request-submit').click();
    await rider
      .locator(
        '[data-testid=ride-status]:is([data-status=requested],[data-status=offered],[data-status=assigned])',
      )
      .waitFor(WAIT);
    expect(await rider.getByTestId('request-error').textContent()).toBe('');

    // The driver sees the offer (an area, a countdown) and accepts it.
    const offer = driver.getByTestId('offer-card');
    await offer.waitFor(WAIT);
    expect(await offer.getByTestId('offer-countdown').textContent()).toMatch(/\d+:\d\d/);
    await offer.getByTestId('offer-accept').click();
    const trip = driver.locator('[data-testid=stop-card][data-kind=pickup]');
    await trip.waitFor(WAIT);
    await offer.waitFor({ state: 'detached', ...WAIT });

    // The rider sees the assignment, the expected pickup time and the driver's marker.
    await rideStatus(rider, 'assigned');
    await rider.locator('[data-testid=driver-marker]').waitFor(WAIT);
    expect(await rider.getByTestId('ride-pickup-time').textContent()).toMatch(/\d\d:\d\d/);

    // The driver picks up, then drops off; the rider follows.
    await trip.getByTestId('trip-picked-up').click();
    await rideStatus(rider, 'picked_up');
    await rider.locator('[data-testid=driver-marker]').waitFor({ state: 'detached', ...WAIT });
    // Still near the pickup, far from the drop-off: the driver confirms, the distance is recorded.
    await driver.getByTestId('trip-dropped-off').click();
    await driver.getByTestId('mark-confirm').click();
    await rideStatus(rider, 'completed');
    await driver
      .getByTestId('stop-card')
      .first()
      .waitFor({ state: 'detached', ...WAIT });
    expect(await rider.getByTestId('ride-status').textContent()).toBe('Completed');

    // The map was really drawn by WebGL: territory colours, the right one under the pickup.
    const reading = await rider.evaluate((): CanvasReading => {
      const map = (
        window as unknown as {
          __navetteMap: { getCanvas(): HTMLCanvasElement };
        }
      ).__navetteMap;
      const canvas = map.getCanvas();
      const copy = document.createElement('canvas');
      copy.width = canvas.width;
      copy.height = canvas.height;
      const context = copy.getContext('2d')!;
      context.drawImage(canvas, 0, 0);
      const { data } = context.getImageData(0, 0, copy.width, copy.height);
      const colours = new Set<number>();
      let tinted = 0;
      for (let i = 0; i < data.length; i += 4) {
        colours.add((data[i]! << 16) | (data[i + 1]! << 8) | data[i + 2]!);
        if (data[i + 2]! - data[i]! > 8) tinted++;
      }
      return {
        width: copy.width,
        height: copy.height,
        distinctColours: colours.size,
        tintedShare: tinted / (data.length / 4),
      };
    });
    expect(reading.width).toBeGreaterThan(0);
    expect(reading.distinctColours).toBeGreaterThan(2);
    expect(reading.tintedShare).toBeGreaterThan(0.05);
    // Under the pickup, the basemap (read with the territories switched off) is seen tinted by each
    // territory there. Labels are drawn above the territories, so both readings leave them out.
    const labels = await rider.evaluate(() =>
      (
        window as unknown as { __navetteMap: { getStyle(): { layers: { id: string; type: string }[] } } }
      ).__navetteMap
        .getStyle()
        .layers.filter((layer) => layer.type === 'symbol')
        .map((layer) => layer.id),
    );
    const at = await projected(rider, pickup);
    const tinted = await colourAt(rider, at, labels);
    const basemap = await colourAt(rider, at, [...labels, 'territories-fill', 'territories-line']);
    const expected = throughTerritories(basemap, pickup, territories);
    tinted.forEach((channel, k) => expect(Math.abs(channel - expected[k]!)).toBeLessThanOrEqual(6));

    // Nothing left this machine: every request and socket went to the local server.
    const origin = new URL(base).origin;
    const foreign = requested.filter((url) => {
      if (url.startsWith('data:')) return false;
      const parsed = new URL(url.replace(/^ws/, 'http'));
      return parsed.origin !== origin;
    });
    expect(requested.length).toBeGreaterThan(5);
    expect(foreign).toEqual([]);
    expect(pageErrors).toEqual([]);
    expect(blocked).toEqual([]);

    expect(buildManifest('driver-app').ownJsGzipBytes).toBeLessThan(DRIVER_BUNDLE_BUDGET_BYTES);
  }
});
