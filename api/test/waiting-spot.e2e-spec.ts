import type { MemberSettings, WaitingSpotView } from '@navette/contracts';
import { aDecidedRide, aTownOfTwoZones } from './fairness-fixtures.js';
import { Fixtures } from './fixtures.js';
import { client, connectSocket, login, nextEvent, startStack, type Stack } from './stack.js';

// Rebalancing idle drivers (issue 13, ADR 0034): the suggestion an idle driver's app asks for, on
// the real API and PostgreSQL, from the rota's forecast and the fairness report's service rates.
describe('waiting spots for idle drivers', () => {
  let stack: Stack;
  let fixtures: Fixtures;
  let west: string;
  let east: string;

  beforeAll(async () => {
    // The push checks every 200 ms here (a minute by default), so its test waits little.
    stack = await startStack({ dispatcher: false, waitingSpotPushMs: 200 });
    fixtures = Fixtures.open(stack.databaseUrl);
    ({ west, east } = await aTownOfTwoZones(fixtures, [24.95, 60.18], {
      town: 'Town',
      west: 'West',
      east: 'East',
    }));
    await fixtures.db.query(
      `INSERT INTO places (territory_id, name, kind, position) VALUES
         ($1, 'East Library', 'library', ST_SetSRID(ST_MakePoint(25.001, 60.181), 4326)),
         ($1, 'Far corner', 'other', ST_SetSRID(ST_MakePoint(25.03, 60.21), 4326))`,
      [east],
    );
    // Served today: West three in four, East one in four.
    for (let i = 0; i < 3; i++)
      await aDecidedRide(fixtures, { zone: west, at: [24.9, 60.18], status: 'completed' });
    await aDecidedRide(fixtures, { zone: west, at: [24.9, 60.18], status: 'unserved' });
    await aDecidedRide(fixtures, { zone: east, at: [25.0, 60.18], status: 'completed' });
    for (let i = 0; i < 3; i++)
      await aDecidedRide(fixtures, { zone: east, at: [25.0, 60.18], status: 'unserved' });
    // The rota's forecast: as many rides in both zones this weekday and hour, a week ago (and the
    // next hour too, so that a run across the hour sees the same forecast).
    for (const [zone, lng] of [
      [west, 24.9],
      [east, 25.0],
    ] as const) {
      await fixtures.db.query(
        `INSERT INTO rides (rider_id, pickup, dropoff, territory_id, status, requested_at)
         SELECT $1, ST_SetSRID(ST_MakePoint($2, 60.18), 4326), ST_SetSRID(ST_MakePoint($2, 60.19), 4326), $3,
                'cancelled', date_trunc('hour', now()) - interval '7 days' + interval '10 minutes' + h * interval '1 hour'
           FROM generate_series(0, 1) h`,
        [(await fixtures.aMember('rider')).id, lng, zone],
      );
    }
  });

  afterAll(async () => {
    await fixtures.close();
    await stack.stop();
  });

  /** A driver living in West, on shift there, idle at `at`. */
  const idleDriverInWest = async (at: [number, number]) => {
    const driver = await fixtures.aDriver();
    await fixtures.db.query(`UPDATE members SET home_territory_id = $2 WHERE id = $1`, [driver.id, west]);
    const { token } = await login(stack.baseUrl, driver.email, driver.password);
    const http = client(stack.baseUrl, token);
    expect((await http.post('/api/shifts/start', { position: at })).status).toBe(200);
    return { ...driver, token, http };
  };

  it('sends an idle driver toward the worse-served zone, to a named place, until they say "Not now"', async () => {
    const first = await idleDriverInWest([24.9, 60.18]);
    const shown = await first.http.get<WaitingSpotView>('/api/drivers/me/waiting-spot');
    expect(shown.status).toBe(200);
    expect(shown.body.reason).toBeNull();
    const spot = shown.body.suggestion!;
    expect([spot.zoneName, spot.placeName, spot.position]).toEqual([
      'East',
      'East Library',
      [25.001, 60.181],
    ]);
    expect(spot.zoneServiceRate).toBe(0.25);
    expect(spot.forecastRidesPerHour).toBe(0.25);
    // ~5.6 km as the crow flies, × 1.3 at 30 km/h: about 14.5 min.
    expect(spot.travelSeconds).toBeGreaterThan(800);
    expect(spot.travelSeconds).toBeLessThan(950);
    // Asked again, the same suggestion (not a new one each time the app polls).
    expect((await first.http.get<WaitingSpotView>('/api/drivers/me/waiting-spot')).body.suggestion?.id).toBe(
      spot.id,
    );

    const declined = await first.http.post<WaitingSpotView>('/api/drivers/me/waiting-spot/answer', {
      suggestionId: spot.id,
      answer: 'declined',
    });
    expect(declined.status).toBe(200);
    expect(declined.body).toEqual({ suggestion: null, reason: 'declined-lately' });
    const recorded = await fixtures.db.query<{ answer: string }>(
      `SELECT answer FROM waiting_spot_suggestions WHERE id = $1`,
      [spot.id],
    );
    expect(recorded.rows[0]?.answer).toBe('declined');
    // No penalty: it is not a missed offer (those rest the driver, ADR 0013).
    const missed = await fixtures.db.query(`SELECT 1 FROM offers WHERE driver_id = $1`, [first.id]);
    expect(missed.rowCount).toBe(0);
    // A second answer to the same suggestion finds nothing to answer.
    expect(
      (
        await first.http.post('/api/drivers/me/waiting-spot/answer', {
          suggestionId: spot.id,
          answer: 'followed',
        })
      ).status,
    ).toBe(404);
  });

  it('leaves a driver who opted out to wait at home, and says why', async () => {
    const driver = await idleDriverInWest([24.91, 60.18]);
    const settings = await driver.http.request<MemberSettings>('PATCH', '/api/me/settings', {
      waitingSpotSuggestions: false,
    });
    expect(settings.body.waitingSpotSuggestions).toBe(false);
    expect((await driver.http.get<WaitingSpotView>('/api/drivers/me/waiting-spot')).body).toEqual({
      suggestion: null,
      reason: 'opted-out',
    });
  });

  it('pushes a new suggestion on the driver’s socket, unasked, and its withdrawal', async () => {
    const driver = await idleDriverInWest([24.905, 60.18]);
    const socket = await connectSocket(stack.baseUrl, driver.token, { asDriverOnShift: true });
    try {
      const pushed = await nextEvent<WaitingSpotView>(socket, 'waiting-spot:changed');
      expect(pushed.reason).toBeNull();
      expect([pushed.suggestion?.zoneName, pushed.suggestion?.placeName]).toEqual(['East', 'East Library']);
      // The very suggestion the HTTP route shows (one row, not one per check).
      const asked = await driver.http.get<WaitingSpotView>('/api/drivers/me/waiting-spot');
      expect(asked.body.suggestion?.id).toBe(pushed.suggestion?.id);
      const rows = await fixtures.db.query(`SELECT 1 FROM waiting_spot_suggestions WHERE driver_id = $1`, [
        driver.id,
      ]);
      expect(rows.rowCount).toBe(1);

      // Withdrawn: the driver turns suggestions off (from another device, say); the socket hears it.
      const withdrawn = nextEvent<WaitingSpotView>(socket, 'waiting-spot:changed');
      await driver.http.request('PATCH', '/api/me/settings', { waitingSpotSuggestions: false });
      expect(await withdrawn).toEqual({ suggestion: null, reason: 'opted-out' });
      // Back on: the suggestion still holds, and is pushed again.
      const again = nextEvent<WaitingSpotView>(socket, 'waiting-spot:changed');
      await driver.http.request('PATCH', '/api/me/settings', { waitingSpotSuggestions: true });
      expect((await again).suggestion?.id).toBe(pushed.suggestion?.id);
    } finally {
      socket.close();
    }
  });

  it('suggests nothing off shift, and only to drivers', async () => {
    const driver = await fixtures.aDriver();
    const http = client(stack.baseUrl, (await login(stack.baseUrl, driver.email, driver.password)).token);
    expect((await http.get<WaitingSpotView>('/api/drivers/me/waiting-spot')).body).toEqual({
      suggestion: null,
      reason: 'off-shift',
    });
    const rider = await fixtures.aMember('rider');
    const riderHttp = client(stack.baseUrl, (await login(stack.baseUrl, rider.email, rider.password)).token);
    expect((await riderHttp.get('/api/drivers/me/waiting-spot')).status).toBe(403);
  });
});
