import type { LngLat, RideView } from '@navette/contracts';
import { client, eventually, login } from '../../api/test/stack.js';
import { openBrowserHarness, WAIT, type BrowserHarness } from './browser-harness.js';
import { aDevice, signInAndStart } from './driver-harness.js';

/** Issue 9: a shift hour's data for the driver, tiles aside, at most 1 MB. */
const HOUR_BUDGET_BYTES = 1_000_000;
/** One simulated hour: the most reports the throttle allows (one per 5 s) while always moving. */
const SIMULATED_SECONDS = 3600;
const REPORT_EVERY_SECONDS = 5;
/** The test plays each 5 s of the hour in this many real ms (`?reportEveryMs=`). */
const STEP_MS = 100;
/** engine.io's ping interval (socket.io's default, the API's): one ping and one pong each. */
const PING_INTERVAL_SECONDS = 25;
/** A WebSocket frame's header, client → server (masked) at most for these sizes, bytes. */
const FRAME_HEADER_BYTES = 6;

/**
 * Plays a shift hour fast: the page reports a position at every step (the throttle's worst case: a
 * driver always moving, one report per 5 s), and a ride comes, is accepted, picked up and dropped
 * off in the middle. Counts every byte the page sends and receives by the DevTools protocol — page,
 * scripts, style, glyphs, API calls, socket frames — except the map tiles, and adds the engine.io
 * pings a real hour holds beyond those the fast run saw.
 */
describe('driver app: a shift hour of data', () => {
  let harness: BrowserHarness | undefined;

  beforeAll(async () => {
    harness = await openBrowserHarness({
      rateLimits: {
        positionsPerMinute: 100_000,
        socketCommandsPerMinute: 100_000,
        memberCommandsPerMinute: 100_000,
      },
    });
    await harness.fixtures.aTerritory({ centre: [24.95, 60.18], half: 0.05 });
  }, 120_000);

  afterAll(async () => {
    await harness?.close();
  }, 60_000);

  it('stays within 1 MB, tiles aside', async () => {
    const { stack, fixtures, browser } = harness!;
    const driver = await fixtures.aDriver();
    const rider = await fixtures.aMember('rider');
    const start: LngLat = [24.93, 60.17];
    const context = await aDevice(browser, 'phone', start);
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    const urls = new Map<string, string>();
    const bytes = { http: 0, sent: 0, socket: 0, tiles: 0 };
    let pings = 0;
    let reports = 0;
    const isTiles = (url: string) => url.includes('/map/tiles.pmtiles');
    cdp.on('Network.requestWillBeSent', ({ requestId, request }) => {
      urls.set(requestId, request.url);
      if (isTiles(request.url)) return;
      // The request line, its headers and body, as they go on the wire (HTTP/1.1).
      const headers = Object.entries(request.headers).reduce(
        (n, [k, v]) => n + k.length + String(v).length + 4,
        0,
      );
      bytes.sent +=
        request.method.length + request.url.length + 12 + headers + (request.postData?.length ?? 0);
    });
    cdp.on('Network.loadingFinished', ({ requestId, encodedDataLength }) => {
      if (isTiles(urls.get(requestId) ?? '')) bytes.tiles += encodedDataLength;
      else bytes.http += encodedDataLength;
    });
    const frame = (payload: string) => {
      bytes.socket += payload.length + FRAME_HEADER_BYTES;
      if (payload === '2' || payload === '3') pings++;
      if (payload.includes('"position:report"')) reports++;
    };
    cdp.on('Network.webSocketFrameSent', ({ response }) => frame(response.payloadData));
    cdp.on('Network.webSocketFrameReceived', ({ response }) => frame(response.payloadData));

    await page.goto(`${stack.baseUrl}/driver/?reportEveryMs=${STEP_MS}`);
    await signInAndStart(page, driver);
    await page.locator('[data-testid=map][data-state=ready]').waitFor(WAIT);

    const steps = SIMULATED_SECONDS / REPORT_EVERY_SECONDS;
    const { token } = await login(stack.baseUrl, rider.email, rider.password);
    let rideId = '';
    // Steps until the page has sent the hour's reports (a step may fall between two ticks).
    for (let step = 1; reports < steps && step <= steps * 2; step++) {
      // Back and forth along a street, 60 m a step: every step is worth a report.
      const leg = step % 40 < 20 ? step % 20 : 20 - (step % 20);
      await context.setGeolocation({ longitude: start[0], latitude: start[1] + leg * 0.00055, accuracy: 10 });
      await page.waitForTimeout(STEP_MS);
      if (step === steps / 2) {
        const asked = await client(stack.baseUrl, token).post<RideView>('/api/rides', {
          pickup: { type: 'Point', coordinates: [24.9507, 60.1843] },
          dropoff: { type: 'Point', coordinates: [24.932, 60.169] },
        });
        rideId = asked.body.id;
        await page.getByTestId('offer-accept').click(WAIT);
        for (const mark of ['trip-picked-up', 'trip-dropped-off']) {
          await page.getByTestId(mark).click(WAIT);
          if (await page.getByTestId('mark-far').isVisible()) await page.getByTestId('mark-confirm').click();
          await page.getByTestId(mark).waitFor({ state: 'detached', ...WAIT });
        }
      }
    }
    await eventually(async () => {
      const done = await fixtures.db.query(`SELECT 1 FROM rides WHERE id = $1 AND status = 'completed'`, [
        rideId,
      ]);
      return done.rowCount ? true : undefined;
    });

    const hourPings = 2 * Math.ceil(SIMULATED_SECONDS / PING_INTERVAL_SECONDS);
    const missingPings = Math.max(0, hourPings - pings);
    const pingBytes = missingPings * (1 + FRAME_HEADER_BYTES);
    const total = bytes.http + bytes.sent + bytes.socket + pingBytes;
    process.stdout.write(
      `driver shift hour: ${total} bytes (${(total / 1e6).toFixed(3)} MB) = received over HTTP ${bytes.http}` +
        ` + sent over HTTP ${bytes.sent} + socket frames ${bytes.socket} (${reports} position reports)` +
        ` + ${missingPings} pings not seen in the fast run ${pingBytes}; tiles apart ${bytes.tiles}\n`,
    );
    expect(reports).toBeGreaterThanOrEqual(steps);
    expect(total).toBeLessThanOrEqual(HOUR_BUDGET_BYTES);
    await context.close();
  }, 600_000);
});
