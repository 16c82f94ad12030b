import type {
  CalendarFeedView,
  ErrorBody,
  MemberDataExport,
  RotaNoShow,
  RotaOccurrenceView,
  RotaPromoted,
  RotaReminder,
  RotaSignupView,
  RotaSlotView,
  RotaSwapView,
  RotaWeekView,
  ShiftView,
} from '@navette/contracts';
import { Fixtures } from './fixtures.js';
import { client, connectSocket, login, nextEvent, startStack, type Socket, type Stack } from './stack.js';

type Http = ReturnType<typeof client>;

/** The local date and HH:MM (UTC territory) of an instant `minutes` from now, on a whole minute. */
function inMinutes(minutes: number): { date: string; time: string } {
  const at = new Date(Math.ceil((Date.now() + minutes * 60_000) / 60_000) * 60_000).toISOString();
  return { date: at.slice(0, 10), time: at.slice(11, 16) };
}

describe('the rota: slots, sign-ups, waiting lists, swaps and limits', () => {
  let stack: Stack;
  let fixtures: Fixtures;
  let town: string;
  let cora: Http;
  let coraToken: string;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    stack = await startStack({ rotaSweepEveryMs: 300 });
    fixtures = Fixtures.open(stack.databaseUrl);
    town = await fixtures.aTerritory({ centre: [24.95, 60.18], half: 0.05 });
    const c = await fixtures.aMember('coordinator', { coordinates: [town] });
    coraToken = (await login(stack.baseUrl, c.email, c.password)).token;
    cora = client(stack.baseUrl, coraToken);
  });

  afterAll(async () => {
    for (const s of sockets) s.close();
    await fixtures.close();
    await stack.stop();
  });

  /** A driver at home in `territory` who declared `hours` a week; logged in. */
  async function aRotaDriver(
    territory = town,
    settings: { hours?: number; weeklyTripLimit?: number; quiet?: [number, number] } = {},
  ) {
    const d = await fixtures.aDriver();
    await fixtures.db.query(
      `UPDATE members SET home_territory_id = $2, declared_hours_per_week = $3, weekly_trip_limit = $4,
              quiet_hours = CASE WHEN $5::int IS NULL THEN NULL ELSE int4range($5::int, $6::int) END WHERE id = $1`,
      [
        d.id,
        territory,
        settings.hours ?? 20,
        settings.weeklyTripLimit ?? null,
        settings.quiet?.[0] ?? null,
        settings.quiet?.[1] ?? null,
      ],
    );
    const token = (await login(stack.baseUrl, d.email, d.password)).token;
    return { ...d, token, http: client(stack.baseUrl, token) };
  }

  async function aSlot(
    body: Partial<RotaSlotView> & { firstDate: string; startTime: string },
    territory = town,
  ) {
    const { status, body: slot } = await cora.post<RotaSlotView>(`/api/territories/${territory}/rota/slots`, {
      repeat: 'once',
      durationMinutes: 120,
      driversNeeded: 1,
      ...body,
    });
    expect(status).toBe(201);
    return slot;
  }

  const signUp = (http: Http, slot: RotaSlotView, date = slot.firstDate, waitlist?: boolean) =>
    http.post<RotaSignupView & ErrorBody>(
      `/api/rota/slots/${slot.id}/dates/${date}/signups`,
      waitlist === undefined ? {} : { waitlist },
    );

  it('repeats a weekly slot at the same local time across both daylight-saving changes (Europe/Helsinki)', async () => {
    const helsinki = await fixtures.aTerritory({ centre: [24.95, 60.18], half: 0.05 });
    await fixtures.db.query(`UPDATE territories SET timezone = 'Europe/Helsinki' WHERE id = $1`, [helsinki]);
    const coordinator = await fixtures.aMember('coordinator', { coordinates: [helsinki] });
    const http = client(
      stack.baseUrl,
      (await login(stack.baseUrl, coordinator.email, coordinator.password)).token,
    );
    // Thursdays 08:00 local; Helsinki moves to summer time on Sunday 28 March 2027 and back on 31 October.
    const created = await http.post<RotaSlotView>(`/api/territories/${helsinki}/rota/slots`, {
      repeat: 'weekly',
      firstDate: '2027-03-18',
      startTime: '08:00',
      durationMinutes: 240,
      driversNeeded: 2,
      note: 'Market day',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      repeat: 'weekly',
      startTime: '08:00',
      untilDate: null,
      note: 'Market day',
    });
    const week = async (from: string) =>
      (
        await http.get<RotaWeekView>(`/api/territories/${helsinki}/rota/week?from=${from}`)
      ).body.occurrences.map((o) => [o.date, o.startsAt, o.endsAt]);
    expect(await week('2027-03-22')).toEqual([
      ['2027-03-25', '2027-03-25T06:00:00.000Z', '2027-03-25T10:00:00.000Z'],
    ]);
    expect(await week('2027-03-29')).toEqual([
      ['2027-04-01', '2027-04-01T05:00:00.000Z', '2027-04-01T09:00:00.000Z'],
    ]);
    expect(await week('2027-10-25')).toEqual([
      ['2027-10-28', '2027-10-28T05:00:00.000Z', '2027-10-28T09:00:00.000Z'],
    ]);
    expect(await week('2027-11-01')).toEqual([
      ['2027-11-04', '2027-11-04T06:00:00.000Z', '2027-11-04T10:00:00.000Z'],
    ]);
    // A driver of Helsinki signs up on the day after the change: the stored occurrence keeps the local time.
    const driver = await aRotaDriver(helsinki);
    const signed = await signUp(driver.http, created.body, '2027-04-01');
    expect(signed.status).toBe(201);
    const list = await driver.http.get<RotaOccurrenceView[]>('/api/rota/shifts?from=2027-03-29&days=7');
    expect(list.body).toEqual([
      expect.objectContaining({
        date: '2027-04-01',
        startsAt: '2027-04-01T05:00:00.000Z',
        gap: 1,
        mine: expect.objectContaining({ status: 'signed' }),
      }),
    ]);
    // Not on a date the slot does not happen.
    expect((await signUp(driver.http, created.body, '2027-03-31')).body).toMatchObject({
      code: 'NOT_FOUND',
      field: 'date',
    });
  });

  it('refuses a sign-up beyond the driver’s quiet hours, declared hours or weekly trip limit, with the reason', async () => {
    const slot = await aSlot({
      firstDate: '2027-05-03',
      startTime: '08:00',
      durationMinutes: 300,
      driversNeeded: 5,
    });
    const quiet = await aRotaDriver(town, { quiet: [6 * 60, 9 * 60] });
    expect(await signUp(quiet.http, slot)).toMatchObject({
      status: 422,
      body: {
        code: 'VOLUNTEER_LIMIT',
        field: 'quietHours',
        message: 'the shift falls in your quiet hours (06:00–09:00)',
      },
    });
    const fourHours = await aRotaDriver(town, { hours: 4 });
    expect(await signUp(fourHours.http, slot)).toMatchObject({
      status: 422,
      body: { code: 'VOLUNTEER_LIMIT', field: 'declaredHoursPerWeek' },
    });
    const oneTrip = await aRotaDriver(town, { weeklyTripLimit: 1 });
    const tuesday = await aSlot({ firstDate: '2027-05-04', startTime: '08:00', durationMinutes: 60 });
    expect((await signUp(oneTrip.http, tuesday)).status).toBe(201);
    expect(await signUp(oneTrip.http, slot)).toMatchObject({
      status: 422,
      body: { code: 'VOLUNTEER_LIMIT', field: 'weeklyTripLimit' },
    });
    // Nothing was written for the refusals.
    const week = await cora.get<RotaWeekView>(`/api/territories/${town}/rota/week?from=2027-05-03`);
    expect(week.body.occurrences.find((o) => o.slotId === slot.id)).toMatchObject({
      signed: [],
      waiting: [],
      gap: 5,
    });
  });

  it('keeps a waiting list that moves up on a withdrawal; a withdrawal within the cut-off is late and counted', async () => {
    const soon = inMinutes(180); // well inside the default 12 h cut-off
    const slot = await aSlot({ firstDate: soon.date, startTime: soon.time });
    const first = await aRotaDriver();
    const second = await aRotaDriver();
    expect((await signUp(first.http, slot)).body).toMatchObject({ status: 'signed', late: false });
    expect(await signUp(second.http, slot)).toMatchObject({ status: 409, body: { field: 'waitlist' } });
    const waiting = await signUp(second.http, slot, slot.firstDate, true);
    expect(waiting.body).toMatchObject({ status: 'waiting' });
    const socket = await connectSocket(stack.baseUrl, second.token);
    sockets.push(socket);
    const promoted = nextEvent<RotaPromoted>(socket, 'rota:promoted');
    const mine = (await first.http.get<RotaOccurrenceView[]>('/api/rota/shifts?days=2')).body.find(
      (o) => o.slotId === slot.id,
    )!.mine!;
    const withdrawn = await first.http.post<RotaSignupView>(`/api/rota/signups/${mine.id}/withdrawal`);
    expect(withdrawn).toMatchObject({ status: 200, body: { status: 'withdrawn', late: true } });
    expect(await promoted).toMatchObject({ signupId: waiting.body.id, slotId: slot.id });
    const week = await cora.get<RotaWeekView>(`/api/territories/${town}/rota/week?from=${soon.date}`);
    expect(week.body.occurrences.find((o) => o.slotId === slot.id)).toMatchObject({
      signed: [expect.objectContaining({ driverId: second.id, status: 'signed' })],
      waiting: [],
      gap: 0,
    });
    expect(week.body.fairness.find((f) => f.driverId === first.id)).toMatchObject({
      shifts: 0,
      lateWithdrawals: 1,
    });
    // Withdrawing again is refused; a withdrawal well before the cut-off is not late.
    expect((await first.http.post(`/api/rota/signups/${mine.id}/withdrawal`)).status).toBe(409);
    const later = await aSlot({ firstDate: '2027-06-01', startTime: '10:00' });
    const early = await signUp(first.http, later);
    expect(
      (await first.http.post<RotaSignupView>(`/api/rota/signups/${early.body.id}/withdrawal`)).body,
    ).toMatchObject({
      status: 'withdrawn',
      late: false,
    });
    // Three late withdrawals raise a late-cancellation report for coordinators to look at.
    for (const minutes of [200, 220]) {
      const at = inMinutes(minutes);
      const s = await aSlot({ firstDate: at.date, startTime: at.time });
      const signed = await signUp(first.http, s);
      await first.http.post(`/api/rota/signups/${signed.body.id}/withdrawal`);
    }
    const reports = await fixtures.db.query(
      `SELECT kind FROM abuse_reports WHERE subject_id = $1 AND kind = 'late-cancellations'`,
      [first.id],
    );
    expect(reports.rows).toHaveLength(1);
  });

  it('gives the one place to one of three drivers asking at once; the others are told it is full', async () => {
    const slot = await aSlot({ firstDate: '2027-06-14', startTime: '09:00' });
    const racers = [await aRotaDriver(), await aRotaDriver(), await aRotaDriver()];
    const answers = await Promise.all(racers.map((r) => signUp(r.http, slot)));
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409, 409]);
    const week = await cora.get<RotaWeekView>(`/api/territories/${town}/rota/week?from=2027-06-14`);
    expect(week.body.occurrences.find((o) => o.slotId === slot.id)!.signed).toHaveLength(1);
    // The schema holds it too: a second signed row is refused whatever writes it.
    const occurrence = await fixtures.db.query<{ id: string }>(
      `SELECT id FROM rota_occurrences WHERE slot_id = $1`,
      [slot.id],
    );
    const extra = await aRotaDriver();
    await expect(
      fixtures.db.query(
        `INSERT INTO rota_signups (occurrence_id, driver_id, status) VALUES ($1, $2, 'signed')`,
        [occurrence.rows[0]!.id, extra.id],
      ),
    ).rejects.toThrow(/all the drivers it needs/);
  });

  it('swaps a place: offered to one driver only they can take it; offered to anyone, any driver can', async () => {
    const slot = await aSlot({ firstDate: '2027-06-07', startTime: '09:00', driversNeeded: 2 });
    const anna = await aRotaDriver();
    const ben = await aRotaDriver();
    const carl = await aRotaDriver();
    const annaSignup = (await signUp(anna.http, slot)).body;
    const offered = await anna.http.post<RotaSwapView>(`/api/rota/signups/${annaSignup.id}/swaps`, {
      toDriverId: ben.id,
    });
    expect(offered).toMatchObject({ status: 201, body: { toDriverId: ben.id } });
    expect((await carl.http.post(`/api/rota/swaps/${offered.body.id}/acceptance`)).status).toBe(404);
    const taken = await ben.http.post<RotaSignupView>(`/api/rota/swaps/${offered.body.id}/acceptance`);
    expect(taken).toMatchObject({ status: 200, body: { driverId: ben.id, status: 'signed' } });
    expect((await ben.http.post(`/api/rota/swaps/${offered.body.id}/acceptance`)).status).toBe(409);
    // Ben offers it on to anyone; Carl takes it.
    const open = await ben.http.post<RotaSwapView>(`/api/rota/signups/${taken.body.id}/swaps`, {});
    const shown = await carl.http.get<RotaOccurrenceView[]>('/api/rota/shifts?from=2027-06-07&days=1');
    expect(shown.body[0]!.swaps).toEqual([expect.objectContaining({ id: open.body.id, toDriverId: null })]);
    expect((await carl.http.post(`/api/rota/swaps/${open.body.id}/acceptance`)).status).toBe(200);
    const week = await cora.get<RotaWeekView>(`/api/territories/${town}/rota/week?from=2027-06-07`);
    const occurrence = week.body.occurrences.find((o) => o.slotId === slot.id)!;
    expect(occurrence.signed.map((s) => s.driverId)).toEqual([carl.id]);
    expect(occurrence.gap).toBe(1);
  });

  it('reminds the driver, starts a scheduled shift in one tap, and marks a driver who did not start', async () => {
    const soon = inMinutes(20);
    const slot = await aSlot({ firstDate: soon.date, startTime: soon.time, driversNeeded: 2 });
    const dora = await aRotaDriver();
    const eli = await aRotaDriver();
    const doraSocket = await connectSocket(stack.baseUrl, dora.token);
    const coraSocket = await connectSocket(stack.baseUrl, coraToken);
    sockets.push(doraSocket, coraSocket);
    const reminded = nextEvent<RotaReminder>(doraSocket, 'rota:reminder', () => true, 30_000);
    const doraSignup = (await signUp(dora.http, slot)).body;
    const eliSignup = (await signUp(eli.http, slot)).body;
    expect(await reminded).toMatchObject({ signupId: doraSignup.id, slotId: slot.id });
    // The shift began 10 minutes ago (moved back in time here rather than waited for): Dora starts it.
    const moveStart = (minutesAgo: number) =>
      fixtures.db.query(
        `UPDATE rota_occurrences SET starts_at = now() - make_interval(mins => $2), ends_at = now() + interval '100 minutes'
          WHERE slot_id = $1`,
        [slot.id, minutesAgo],
      );
    await moveStart(10);
    const started = await dora.http.post<ShiftView>(`/api/rota/signups/${doraSignup.id}/start`, {
      position: [24.95, 60.18],
    });
    expect(started).toMatchObject({ status: 200, body: { driverId: dora.id, endedAt: null } });
    // Past the territory's 15 minutes, Eli, who has not started, is a no-show; coordinators are told.
    const told = nextEvent<RotaNoShow>(
      coraSocket,
      'rota:no-show',
      (p) => p.signupId === eliSignup.id,
      30_000,
    );
    await moveStart(20);
    expect(await told).toMatchObject({ territoryId: town, driverId: eli.id });
    const week = await cora.get<RotaWeekView>(`/api/territories/${town}/rota/week?from=${soon.date}`);
    expect(week.body.occurrences.find((o) => o.slotId === slot.id)!.signed).toEqual([
      expect.objectContaining({ driverId: dora.id, shiftId: started.body.id }),
    ]);
    expect(week.body.fairness.find((f) => f.driverId === eli.id)).toMatchObject({ noShows: 1 });
    await dora.http.post('/api/shifts/end');
  });

  it('puts the shifts a driver signed up for in their calendar feed, with a reminder', async () => {
    const slot = await aSlot({ firstDate: '2027-07-05', startTime: '08:00', note: 'Bring the ramp' });
    const fay = await aRotaDriver();
    const signed = (await signUp(fay.http, slot)).body;
    const issued = await fay.http.post<CalendarFeedView>('/api/me/calendar-feed');
    const feed = await (await fetch(`${stack.baseUrl}${new URL(issued.body.url).pathname}`)).text();
    const event = feed.slice(feed.indexOf(`UID:rota-${signed.id}@navette`));
    expect(event).toMatch(/DTSTART:20270705T080000Z/);
    expect(event).toMatch(/DTEND:20270705T100000Z/);
    expect(event).toMatch(/SUMMARY:Rota shift \(Territory \d+\)/);
    expect(event).toMatch(/DESCRIPTION:Bring the ramp/);
    expect(event).toMatch(/BEGIN:VALARM[\s\S]*TRIGGER:-PT1H/);
    // It is in the driver's own data too.
    const data = await fay.http.get<MemberDataExport>('/api/me/data');
    expect(data.body.rotaSignups).toEqual([
      expect.objectContaining({
        id: signed.id,
        slotId: slot.id,
        startsAt: '2027-07-05T08:00:00.000Z',
        status: 'signed',
      }),
    ]);
    // Withdrawn, it leaves the feed.
    await fay.http.post(`/api/rota/signups/${signed.id}/withdrawal`);
    const after = await (await fetch(`${stack.baseUrl}${new URL(issued.body.url).pathname}`)).text();
    expect(after).not.toContain(`rota-${signed.id}`);
  });

  it('forecasts demand per hour from the same weekday and hour of the last four weeks, flagging shortfalls', async () => {
    const area = await fixtures.aTerritory({ centre: [25.5, 60.4], half: 0.05 });
    const c = await fixtures.aMember('coordinator', { coordinates: [area] });
    const http = client(stack.baseUrl, (await login(stack.baseUrl, c.email, c.password)).token);
    const rider = await fixtures.aMember('rider');
    // Next week's Wednesday 09:00–10:00 (UTC territory): 8 rides over the four Wednesdays before.
    const today = new Date();
    const daysToWednesday = ((3 - today.getUTCDay() + 7) % 7) + 7;
    const wednesday = new Date(
      Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() + daysToWednesday, 9),
    );
    for (const [weeksAgo, n] of [
      [1, 3],
      [2, 1],
      [3, 4],
      [4, 0],
      [5, 9],
    ] as const) {
      for (let i = 0; i < n; i++) {
        await fixtures.db.query(
          `INSERT INTO rides (rider_id, pickup, dropoff, territory_id, requested_at, status)
           VALUES ($1, ST_SetSRID(ST_MakePoint(25.5, 60.4), 4326), ST_SetSRID(ST_MakePoint(25.51, 60.41), 4326), $2, $3, 'cancelled')`,
          [rider.id, area, new Date(wednesday.getTime() - weeksAgo * 7 * 86_400_000 + i * 60_000)],
        );
      }
    }
    const from = wednesday.toISOString().slice(0, 10);
    const before = await http.get<RotaWeekView>(`/api/territories/${area}/rota/week?from=${from}`);
    expect(before.body.forecast).toEqual({ weeks: 4, ridesPerDriverHour: 2 });
    // (3 + 1 + 4 + 0) / 4 weeks; the fifth week back is outside the window.
    expect(before.body.hours).toEqual([
      { at: wednesday.toISOString(), expectedRides: 2, signedDrivers: 0, capacityRides: 0, shortfall: true },
    ]);
    // One driver signed for 09:00–10:00 covers two rides an hour: no shortfall then.
    const slot = await http.post<RotaSlotView>(`/api/territories/${area}/rota/slots`, {
      repeat: 'once',
      firstDate: from,
      startTime: '09:00',
      durationMinutes: 60,
      driversNeeded: 1,
    });
    const driver = await aRotaDriver(area);
    expect((await signUp(driver.http, slot.body)).status).toBe(201);
    const after = await http.get<RotaWeekView>(`/api/territories/${area}/rota/week?from=${from}`);
    expect(after.body.hours).toEqual([
      { at: wednesday.toISOString(), expectedRides: 2, signedDrivers: 1, capacityRides: 2, shortfall: false },
    ]);
    expect(after.body.fairness).toEqual([
      expect.objectContaining({
        driverId: driver.id,
        shifts: 1,
        shiftHours: 1,
        shiftShare: 1,
        declaredShare: 1,
      }),
    ]);
  });

  it('is for coordinators of the territory; bad input is refused naming the field', async () => {
    const outsider = client(
      stack.baseUrl,
      (await login(stack.baseUrl, ...(await creds('coordinator')))).token,
    );
    expect((await outsider.get(`/api/territories/${town}/rota/week`)).status).toBe(404);
    const driver = await aRotaDriver();
    expect((await driver.http.get(`/api/territories/${town}/rota/week`)).status).toBe(403);
    expect(
      (
        await cora.post<ErrorBody>(`/api/territories/${town}/rota/slots`, {
          repeat: 'weekly',
          firstDate: '2027-01-01',
          startTime: '25:00',
          durationMinutes: 60,
          driversNeeded: 1,
        })
      ).body,
    ).toMatchObject({ field: 'startTime' });
    expect(
      (
        await cora.post<ErrorBody>(`/api/territories/${town}/rota/slots`, {
          repeat: 'once',
          firstDate: '2027-01-01',
          untilDate: '2027-02-01',
          startTime: '08:00',
          durationMinutes: 60,
          driversNeeded: 1,
        })
      ).body,
    ).toMatchObject({ field: 'untilDate' });
    expect((await driver.http.get<ErrorBody>('/api/rota/shifts?days=99')).body).toMatchObject({
      field: 'days',
    });
    // A driver of another territory neither sees nor takes this territory's shifts, nor touches another's sign-up.
    const elsewhere = await fixtures.aTerritory({ centre: [22.27, 60.45], half: 0.05 });
    const stranger = await aRotaDriver(elsewhere);
    const slot = await aSlot({ firstDate: '2027-08-02', startTime: '08:00' });
    expect(
      (await stranger.http.get<RotaOccurrenceView[]>('/api/rota/shifts?from=2027-08-02&days=1')).body,
    ).toEqual([]);
    expect((await signUp(stranger.http, slot)).status).toBe(404);
    const mine = (await signUp(driver.http, slot)).body;
    expect((await stranger.http.post(`/api/rota/signups/${mine.id}/withdrawal`)).status).toBe(404);
    expect((await stranger.http.post(`/api/rota/signups/${mine.id}/swaps`, {})).status).toBe(404);
    expect(
      (await stranger.http.post(`/api/rota/signups/${mine.id}/start`, { position: [24.95, 60.18] })).status,
    ).toBe(404);
    const offered = await driver.http.post<RotaSwapView>(`/api/rota/signups/${mine.id}/swaps`, {});
    expect((await stranger.http.post(`/api/rota/swaps/${offered.body.id}/acceptance`)).status).toBe(404);
    // Riders have no rota; coordinators sign nobody up.
    const rider = await fixtures.aMember('rider');
    const riderHttp = client(stack.baseUrl, (await login(stack.baseUrl, rider.email, rider.password)).token);
    expect((await riderHttp.get('/api/rota/shifts')).status).toBe(403);
    expect((await signUp(cora, slot)).status).toBe(403);
  });

  async function creds(role: 'coordinator'): Promise<[string, string]> {
    const m = await fixtures.aMember(role);
    return [m.email, m.password];
  }
});
