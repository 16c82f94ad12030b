import type {
  ErasureResult,
  ErrorBody,
  LngLat,
  MemberDataExport,
  MyTimeBank,
  TerritoryTimeBank,
} from '@navette/contracts';
import { Fixtures } from './fixtures.js';
import { client, login, startStack, type Stack } from './stack.js';
import { RideFixtures } from './territory-fixtures.js';

type Http = ReturnType<typeof client>;

const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3_600_000);

describe('a member’s data: a copy of it, and its erasure', () => {
  let stack: Stack;
  let fixtures: Fixtures;
  let town: string;
  let coordinatorHttp: Http;
  let coordinatorId: string;
  const erin = { name: 'Erin Erasable', at: [24.9512, 60.1811] as LngLat } as {
    id: string;
    email: string;
    password: string;
    name: string;
    at: LngLat;
    http: Http;
    token: string;
    rideId: string;
    decisionId: string;
  };
  const olga = { name: 'Olga Other', at: [24.9433, 60.1744] as LngLat } as {
    id: string;
    email: string;
    password: string;
    name: string;
    at: LngLat;
    http: Http;
    rideId: string;
  };
  let dmitri: { id: string; vehicleId: string; http: Http; waitingSpotId: string };
  const erinReport = 'Erin writes: the car smelled, near 12 Secret Street';
  const erinAppeal = 'Erin appeals: I was at 12 Secret Street on time';
  const decisionReason = 'Erin Erasable was warned after the report about her';
  const olgaReport = 'Olga writes about Dmitri: very kind';

  const as = async (member: { email: string; password: string }) => {
    const { token } = await login(stack.baseUrl, member.email, member.password);
    return { token, http: client(stack.baseUrl, token) };
  };

  beforeAll(async () => {
    stack = await startStack({ dispatcher: false });
    fixtures = Fixtures.open(stack.databaseUrl);
    const rides = new RideFixtures(fixtures.db);
    town = await fixtures.aTerritory({ name: 'Town', centre: [24.95, 60.18], half: 0.1 });
    const coordinator = await fixtures.aMember('coordinator', { name: 'Cora', coordinates: [town] });
    coordinatorId = coordinator.id;
    coordinatorHttp = (await as(coordinator)).http;
    const d = await fixtures.aDriver({ name: 'Dmitri Driver' });
    dmitri = { ...d, http: (await as(d)).http, waitingSpotId: '' };
    for (const person of [erin, olga]) {
      Object.assign(person, await fixtures.aMember('rider', { name: person.name }));
      Object.assign(person, await as(person));
      const { rideIds } = await rides.aCompletedTrip(d, town, [
        { riderId: person.id, at: person.at, pickedUpAt: hoursAgo(3), completedAt: hoursAgo(2.5) },
      ]);
      person.rideId = rideIds[0]!;
    }
    // Both sides' outcomes, a report each way, a coordinator's decision about Erin and her appeal.
    await fixtures.db.query(
      `INSERT INTO outcomes (ride_id, author_id, subject_id, success) VALUES ($1, $2, $3, false), ($1, $3, $2, true),
              ($4, $5, $3, true)`,
      [erin.rideId, erin.id, dmitri.id, olga.rideId, olga.id],
    );
    const reports = await fixtures.db.query<{ id: string }>(
      `INSERT INTO abuse_reports (territory_id, subject_id, reporter_id, ride_id, kind, text, status)
       VALUES ($1, $2, $3, $4, 'other', $5, 'decided'), ($1, $3, $6, $7, 'other', $8, 'open') RETURNING id`,
      [
        town,
        erin.id,
        dmitri.id,
        erin.rideId,
        'Dmitri says Erin Erasable was late',
        olga.id,
        olga.rideId,
        olgaReport,
      ],
    );
    await fixtures.db.query(
      `INSERT INTO abuse_reports (territory_id, subject_id, reporter_id, ride_id, kind, text) VALUES ($1, $2, $3, $4, 'other', $5)`,
      [town, dmitri.id, erin.id, erin.rideId, erinReport],
    );
    const decision = await fixtures.db.query<{ id: string }>(
      `INSERT INTO moderation_decisions (report_id, subject_id, decided_by, decision, reason)
       VALUES ($1, $2, $3, 'warn', $4) RETURNING id`,
      [reports.rows[0]!.id, erin.id, coordinatorId, decisionReason],
    );
    erin.decisionId = decision.rows[0]!.id;
    await fixtures.db.query(`INSERT INTO appeals (decision_id, member_id, text) VALUES ($1, $2, $3)`, [
      erin.decisionId,
      erin.id,
      erinAppeal,
    ]);
    await fixtures.db.query(
      `INSERT INTO vouches (voucher_id, vouchee_id) VALUES ($1, $2), ($3, $1), ($3, $4)`,
      [erin.id, olga.id, dmitri.id, olga.id],
    );
    dmitri.waitingSpotId = await aWaitingSpotDeclined(dmitri);
  });

  /** A waiting spot suggested to `driver` on a shift of an hour ago, answered "Not now" (ADR 0034). */
  const aWaitingSpotDeclined = async (driver: { id: string; vehicleId: string }) => {
    const shift = await fixtures.db.query<{ id: string }>(
      `INSERT INTO shifts (driver_id, vehicle_id, territory_id, started_at, ended_at)
       VALUES ($1, $2, $3, now() - interval '2 hours', now() - interval '1 hour') RETURNING id`,
      [driver.id, driver.vehicleId, town],
    );
    const spot = await fixtures.db.query<{ id: string }>(
      `INSERT INTO waiting_spot_suggestions (driver_id, shift_id, zone_id, suggested_at, answer, answered_at)
       VALUES ($1, $2, $3, now() - interval '90 minutes', 'declined', now() - interval '89 minutes') RETURNING id`,
      [driver.id, shift.rows[0]!.id, town],
    );
    return spot.rows[0]!.id;
  };

  afterAll(async () => {
    await fixtures.close();
    await stack.stop();
  });

  describe('GET /api/me/data', () => {
    it('holds everything about the member, and nothing of the others', async () => {
      const response = await erin.http.get<MemberDataExport>('/api/me/data');
      expect(response.status).toBe(200);
      const data = response.body;
      expect(data.profile).toMatchObject({
        id: erin.id,
        email: erin.email,
        displayName: erin.name,
        role: 'rider',
      });
      expect(data.rides).toEqual([
        expect.objectContaining({
          id: erin.rideId,
          status: 'completed',
          pickup: erin.at,
          placesCoarsenedAt: null,
        }),
      ]);
      expect(data.outcomes.given).toEqual([
        expect.objectContaining({ rideId: erin.rideId, subjectId: dmitri.id }),
      ]);
      expect(data.outcomes.received).toEqual([
        { rideId: erin.rideId, success: true, at: expect.any(String) },
      ]);
      expect(data.reportsMade).toEqual([expect.objectContaining({ subjectId: dmitri.id, text: erinReport })]);
      expect(data.decisions).toEqual([
        expect.objectContaining({ id: erin.decisionId, decision: 'warn', reason: decisionReason }),
      ]);
      expect(data.appeals).toEqual([
        expect.objectContaining({ decisionId: erin.decisionId, text: erinAppeal }),
      ]);
      expect(data.vouches.given.map((v) => v.memberId)).toEqual([olga.id]);
      expect(data.vouches.received.map((v) => v.memberId)).toEqual([dmitri.id]);
      expect(data.timeBank).toMatchObject({ ridesReceived: 1, hoursReceived: 0.5 });

      const text = JSON.stringify(data);
      for (const other of [
        olga.email,
        olga.name,
        olga.rideId,
        olgaReport,
        'Dmitri Driver',
        'Cora',
        'Dmitri says',
      ])
        expect(text).not.toContain(other);
      expect(text).not.toContain(String(olga.at[0]));
    });

    it('holds the waiting spots suggested to a driver and their answers, and their setting', async () => {
      const data = (await dmitri.http.get<MemberDataExport>('/api/me/data')).body;
      expect(data.waitingSpots).toEqual([
        {
          id: dmitri.waitingSpotId,
          shiftId: expect.any(String),
          zoneId: town,
          placeId: null,
          suggestedAt: expect.stringMatching(/Z$/),
          answer: 'declined',
          answeredAt: expect.stringMatching(/Z$/),
        },
      ]);
      expect(data.shifts.map((s) => s.id)).toContain(data.waitingSpots[0]!.shiftId);
      expect(data.profile.settings.waitingSpotSuggestions).toBe(true);
      // Nobody else's: Erin (a rider) has none, and Dmitri's is not in her copy.
      const erins = (await erin.http.get<MemberDataExport>('/api/me/data')).body;
      expect(erins.waitingSpots).toEqual([]);
      expect(JSON.stringify(erins)).not.toContain(dmitri.waitingSpotId);
    });

    it('is refused without a token', async () => {
      expect((await client(stack.baseUrl).get('/api/me/data')).status).toBe(401);
    });
  });

  describe('POST /api/me/erasure', () => {
    it.each([
      ['no password', {}],
      ['a number', { password: 42 }],
      ['an empty one', { password: '' }],
      ['a huge one', { password: 'x'.repeat(201) }],
    ])('refuses %s with a 400 naming the password', async (_what, body) => {
      const response = await erin.http.post<ErrorBody>('/api/me/erasure', body);
      expect(response).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED', field: 'password' } });
    });

    it('refuses a wrong password, a coordinator, and someone with an open ride: nothing is erased', async () => {
      const wrong = await erin.http.post<ErrorBody>('/api/me/erasure', { password: 'not-her-password' });
      expect(wrong).toMatchObject({ status: 403, body: { code: 'FORBIDDEN', field: 'password' } });

      const cora = await fixtures.aMember('coordinator', { coordinates: [town] });
      const asCora = await coordinatorErasure(cora);
      expect(asCora).toMatchObject({ status: 409, body: { code: 'CONFLICT' } });

      const paul = await fixtures.aMember('rider');
      await new RideFixtures(fixtures.db).anOpenRide(town, { riderId: paul.id });
      const withRide = await (
        await as(paul)
      ).http.post<ErrorBody>('/api/me/erasure', { password: paul.password });
      expect(withRide).toMatchObject({
        status: 409,
        body: { code: 'CONFLICT', message: expect.stringMatching(/ride/) },
      });

      const still = await fixtures.db.query(
        `SELECT 1 FROM members WHERE email = ANY($1) AND erased_at IS NULL`,
        [[erin.email, cora.email, paul.email]],
      );
      expect(still.rowCount).toBe(3);
    });

    async function coordinatorErasure(member: { email: string; password: string }) {
      return (await as(member)).http.post<ErrorBody>('/api/me/erasure', { password: member.password });
    }

    it('erases the member: no trace of them in any table, others’ records kept anonymous, counts unchanged', async () => {
      const timeBankBefore = (await dmitri.http.get<MyTimeBank>('/api/me/time-bank')).body;
      const territoryBefore = (
        await coordinatorHttp.get<TerritoryTimeBank>(`/api/territories/${town}/time-bank`)
      ).body;

      const response = await erin.http.post<ErasureResult>('/api/me/erasure', { password: erin.password });
      expect(response.status).toBe(200);
      // Texts: her report, her appeal, Dmitri's report about her, the decision's reason.
      expect(response.body).toMatchObject({
        memberId: erin.id,
        ridesCoarsened: 1,
        textsErased: 4,
        vouchesRemoved: 2,
      });

      // Every text-like column of every table: no email, no name, no free text of hers.
      const columns = await fixtures.db.query<{ table: string; column: string }>(
        `SELECT c.table_name AS table, c.column_name AS column FROM information_schema.columns c
           JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
          WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE'
            AND c.data_type IN ('text', 'character varying', 'character', 'json', 'jsonb')`,
      );
      expect(columns.rows.length).toBeGreaterThan(10);
      const needles = [erin.email, erin.name, 'Erasable', 'Secret Street', 'Erin writes', 'Erin appeals'];
      for (const { table, column } of columns.rows) {
        for (const needle of needles) {
          const hits = await fixtures.db.query(`SELECT 1 FROM "${table}" WHERE "${column}"::text ILIKE $1`, [
            `%${needle}%`,
          ]);
          expect({ table, column, needle, hits: hits.rowCount }).toEqual({ table, column, needle, hits: 0 });
        }
      }
      // Every point column: not her exact pickup nor drop-off (the ride builder drops off 0.005° east).
      const points = await fixtures.db.query<{ table: string; column: string }>(
        `SELECT f_table_name AS table, f_geometry_column AS column FROM geometry_columns
          WHERE f_table_schema = 'public' AND type = 'POINT'`,
      );
      for (const { table, column } of points.rows) {
        for (const [x, y] of [erin.at, [erin.at[0] + 0.005, erin.at[1]]]) {
          const hits = await fixtures.db.query(
            `SELECT 1 FROM "${table}" WHERE ST_DWithin("${column}", ST_SetSRID(ST_MakePoint($1, $2), 4326), 1e-7)`,
            [x, y],
          );
          expect({ table, column, hits: hits.rowCount }).toEqual({ table, column, hits: 0 });
        }
      }
      // Olga's exact place is hers: untouched.
      const olgaRide = await fixtures.db.query<{ x: number }>(
        `SELECT ST_X(pickup) AS x FROM rides WHERE id = $1`,
        [olga.rideId],
      );
      expect(olgaRide.rows[0]!.x).toBeCloseTo(olga.at[0], 9);

      // What others need stays, pointing at the anonymous member.
      const kept = await fixtures.db.query<{
        outcomes: number;
        decisions: number;
        reports: number;
        rides: number;
      }>(
        `SELECT (SELECT count(*)::int FROM outcomes WHERE $1 IN (author_id, subject_id)) AS outcomes,
                (SELECT count(*)::int FROM moderation_decisions WHERE subject_id = $1 AND decided_by = $2) AS decisions,
                (SELECT count(*)::int FROM abuse_reports WHERE $1 IN (reporter_id, subject_id)) AS reports,
                (SELECT count(*)::int FROM rides WHERE rider_id = $1) AS rides`,
        [erin.id, coordinatorId],
      );
      expect(kept.rows[0]).toEqual({ outcomes: 2, decisions: 1, reports: 2, rides: 1 });
      expect(
        (await fixtures.db.query(`SELECT 1 FROM vouches WHERE voucher_id = $1`, [dmitri.id])).rowCount,
      ).toBe(1);
      expect((await dmitri.http.get<MyTimeBank>('/api/me/time-bank')).body).toEqual({
        ...timeBankBefore,
        to: expect.any(String),
      });
      const territoryAfter = (
        await coordinatorHttp.get<TerritoryTimeBank>(`/api/territories/${town}/time-bank`)
      ).body;
      expect(territoryAfter.totals).toEqual(territoryBefore.totals);
      expect(territoryAfter.members.find((m) => m.memberId === erin.id)).toMatchObject({
        displayName: 'Erased member',
        ridesReceived: 1,
      });
    });

    it('the erased account cannot log in, and its token no longer finds the member', async () => {
      const loginAgain = await client(stack.baseUrl).post<ErrorBody>('/api/auth/login', {
        email: erin.email,
        password: erin.password,
      });
      expect(loginAgain.status).toBe(401);
      expect((await erin.http.get('/api/me')).status).toBe(401);
      expect((await erin.http.get('/api/me/data')).status).toBe(401);
      expect((await erin.http.post('/api/me/erasure', { password: erin.password })).status).toBe(401);
    });

    it('a coordinator may still decide on a report about the erased member; the tombstone stays suspended', async () => {
      const report = await fixtures.db.query<{ id: string }>(
        `INSERT INTO abuse_reports (territory_id, subject_id, reporter_id, kind, text) VALUES ($1, $2, $3, 'other', 'late')
         RETURNING id`,
        [town, erin.id, olga.id],
      );
      for (const decision of ['warn', 'restore']) {
        const response = await coordinatorHttp.post(
          `/api/moderation/reports/${report.rows[0]!.id}/decision`,
          {
            decision,
            reason: 'logged for the record',
          },
        );
        expect(response.status).toBe(200);
      }
      const member = await fixtures.db.query<{ standing: string }>(
        `SELECT standing FROM members WHERE id = $1`,
        [erin.id],
      );
      expect(member.rows[0]!.standing).toBe('suspended');
      expect((await erin.http.request('PATCH', '/api/me/settings', { weeklyTripLimit: 3 })).status).toBe(401);
    });

    it('a driver is erased once off shift: their vehicle loses its name, the rides they drove stay', async () => {
      const vera = await fixtures.aDriver({ name: 'Vera Vehicle' });
      await fixtures.db.query(`UPDATE vehicles SET label = 'Vera Vehicle’s blue van' WHERE id = $1`, [
        vera.vehicleId,
      ]);
      const { rideIds } = await new RideFixtures(fixtures.db).aCompletedTrip(vera, town, [
        { riderId: olga.id, at: [24.9391, 60.1702], pickedUpAt: hoursAgo(5), completedAt: hoursAgo(4) },
      ]);
      const olgaBefore = (await olga.http.get<MyTimeBank>('/api/me/time-bank')).body;
      const shift = await fixtures.db.query<{ id: string }>(
        `INSERT INTO shifts (driver_id, vehicle_id, territory_id) VALUES ($1, $2, $3) RETURNING id`,
        [vera.id, vera.vehicleId, town],
      );
      await aWaitingSpotDeclined(vera);
      const { http } = await as(vera);
      const onShift = await http.post<ErrorBody>('/api/me/erasure', { password: vera.password });
      expect(onShift).toMatchObject({
        status: 409,
        body: { code: 'CONFLICT', message: expect.stringMatching(/shift/) },
      });

      await fixtures.db.query(`UPDATE shifts SET ended_at = now() WHERE id = $1`, [shift.rows[0]!.id]);
      const erased = await http.post<ErasureResult>('/api/me/erasure', { password: vera.password });
      expect(erased).toMatchObject({ status: 200, body: { ridesCoarsened: 0 } });
      const traces = await fixtures.db.query(
        `SELECT 1 FROM vehicles WHERE label ILIKE '%Vera%' UNION ALL SELECT 1 FROM members WHERE display_name ILIKE '%Vera%'`,
      );
      expect(traces.rowCount).toBe(0);
      // Where she was told to wait and what she answered: hers alone, gone; others' kept.
      const spots = await fixtures.db.query<{ driver_id: string }>(
        `SELECT driver_id FROM waiting_spot_suggestions WHERE driver_id = ANY($1)`,
        [[vera.id, dmitri.id]],
      );
      expect(spots.rows).toEqual([{ driver_id: dmitri.id }]);
      const ride = await fixtures.db.query<{ x: number; coarsened: boolean }>(
        `SELECT ST_X(pickup) AS x, places_coarsened_at IS NOT NULL AS coarsened FROM rides WHERE id = $1`,
        rideIds,
      );
      expect(ride.rows[0]).toEqual({ x: 24.9391, coarsened: false });
      expect((await olga.http.get<MyTimeBank>('/api/me/time-bank')).body).toEqual({
        ...olgaBefore,
        to: expect.any(String),
      });
    });

    // The guard reads the member from the database on every request (ADR 0010), so an erased
    // member's still-valid token opens nothing.
    it('the erased member’s token is refused on every route', async () => {
      expect((await erin.http.get('/api/vouches')).status).toBe(401);
    });
  });

  it('copies and erasures are rate-limited per member like the rest', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i += 1) statuses.push((await olga.http.get('/api/me/data')).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    expect((await olga.http.post('/api/me/erasure', { password: olga.password })).status).toBe(429);
    expect((await dmitri.http.get('/api/me/data')).status).toBe(200);
  });
});
