import type { CalendarFeedView } from '@navette/contracts';
import ical, { type VEvent } from 'node-ical';
import { Fixtures } from './fixtures.js';
import { client, login, STACK_PUBLIC_URL, startStack, type Stack } from './stack.js';

const centre: [number, number] = [24.95, 60.18];

/**
 * A driver subscribes their calendar to their shifts: a secret address, revocable, read by any
 * iCalendar client — here node-ical, an independent parser.
 */
describe("a driver's shifts as an iCalendar feed", () => {
  let stack: Stack;
  /** The feed's address on the configured public origin, reached on this test's own port. */
  const onThisStack = (url: string) => `${stack.baseUrl}/${url.slice(STACK_PUBLIC_URL.length)}`;
  let fixtures: Fixtures;

  beforeAll(async () => {
    stack = await startStack({ dispatcher: false });
    fixtures = Fixtures.open(stack.databaseUrl);
  });

  afterAll(async () => {
    await fixtures.close();
    await stack.stop();
  });

  const events = (text: string) =>
    Object.values(ical.sync.parseICS(text))
      .filter((c): c is VEvent => c?.type === 'VEVENT')
      .sort((a, b) => a.start.getTime() - b.start.getTime());

  it('lists past and current shifts; a new address or a revocation ends the old one', async () => {
    const territoryId = await fixtures.aTerritory({ name: 'Kallio', centre, half: 0.1 });
    const driver = await fixtures.aDriver();
    // Three days ago, for four and a half hours (whole seconds: iCalendar has no milliseconds).
    const startedAt = new Date(Math.floor(Date.now() / 1000 - 3 * 86_400) * 1000);
    const endedAt = new Date(startedAt.getTime() + 4.5 * 3_600_000);
    await fixtures.db.query(
      `INSERT INTO shifts (driver_id, vehicle_id, territory_id, started_at, ended_at) VALUES ($1, $2, $3, $4, $5)`,
      [driver.id, driver.vehicleId, territoryId, startedAt, endedAt],
    );
    // Another driver's shift never shows.
    const other = await fixtures.aDriver();
    await fixtures.db.query(
      `INSERT INTO shifts (driver_id, vehicle_id, territory_id, started_at, ended_at) VALUES ($1, $2, $3, $4, $5)`,
      [other.id, other.vehicleId, territoryId, startedAt, endedAt],
    );
    const { token } = await login(stack.baseUrl, driver.email, driver.password);
    const http = client(stack.baseUrl, token);
    expect((await http.post('/api/shifts/start', { position: centre })).status).toBe(200);

    const issued = await http.post<CalendarFeedView>('/api/me/calendar-feed');
    expect(issued.status).toBe(201);
    // On the configured public address, not the request's Host (the test reaches it on its own port).
    expect(issued.body.url).toMatch(new RegExp(`^${STACK_PUBLIC_URL}api/calendar/[\\w-]{43}\\.ics$`));
    const url = onThisStack(issued.body.url);

    const feed = await fetch(url); // no login: the address is the credential
    expect(feed.status).toBe(200);
    expect(feed.headers.get('content-type')).toMatch(/^text\/calendar/);
    const [past, current] = events(await feed.text());
    expect(past?.start.toISOString()).toBe(startedAt.toISOString());
    expect(past?.end?.toISOString()).toBe(endedAt.toISOString());
    expect(past?.summary).toBe('Shift (Kallio)');
    expect(current?.summary).toBe('On shift (Kallio, under way)');
    expect(current?.end?.getTime()).toBeGreaterThan(Date.now());

    const reissued = await http.post<CalendarFeedView>('/api/me/calendar-feed');
    const reissuedUrl = onThisStack(reissued.body.url);
    expect(reissuedUrl).not.toBe(url);
    expect((await fetch(url)).status).toBe(404);
    expect((await fetch(reissuedUrl)).status).toBe(200);

    expect((await http.request('DELETE', '/api/me/calendar-feed')).status).toBe(204);
    expect((await fetch(reissuedUrl)).status).toBe(404);
    expect((await http.request('DELETE', '/api/me/calendar-feed')).status).toBe(404);
  });

  it('is for drivers; a made-up address finds nothing', async () => {
    const rider = await fixtures.aMember('rider');
    const { token } = await login(stack.baseUrl, rider.email, rider.password);
    expect((await client(stack.baseUrl, token).post('/api/me/calendar-feed')).status).toBe(403);
    const guess = await fetch(`${stack.baseUrl}/api/calendar/${'A'.repeat(43)}.ics`);
    expect(guess.status).toBe(404);
    expect((await fetch(`${stack.baseUrl}/api/calendar/short.ics`)).status).toBe(404);
  });
});
