import type { DecisionView, ErrorBody, PairBlockView, ReportEvidence, ReportView } from '@navette/contracts';
import { AbuseSweepService } from '../src/moderation/abuse-sweep.service.js';
import { aDrivenRide, aLoggedInDriver, aPerson, type Http } from './community-fixtures.js';
import { Fixtures } from './fixtures.js';
import { client, login, startStack, type Stack } from './stack.js';

const none = '00000000-0000-4000-8000-000000000000';

describe('the coordinator’s review: every route against every role, own / other person / other territory', () => {
  let stack: Stack;
  let fixtures: Fixtures;
  let region: string;
  let town: string;
  let otherTown: string;

  beforeAll(async () => {
    stack = await startStack({ dispatcher: false });
    fixtures = Fixtures.open(stack.databaseUrl);
    region = await fixtures.aTerritory({ centre: [24.95, 60.18], half: 0.5, level: 'region' });
    town = await fixtures.aTerritory({ centre: [24.95, 60.18], half: 0.1, parentId: region });
    otherTown = await fixtures.aTerritory({ centre: [22.27, 60.45], half: 0.1 });
  });

  afterAll(async () => {
    await fixtures.close();
    await stack.stop();
  });

  const person = (
    role: 'rider' | 'coordinator' | 'admin',
    options: { coordinates?: string[]; homeTerritoryId?: string } = {},
  ) => aPerson(fixtures, stack.baseUrl, role, options);
  const driver = () => aLoggedInDriver(fixtures, stack.baseUrl);
  const ride = async (
    riderId: string,
    d: { id: string; vehicleId: string },
    extra: Partial<Parameters<typeof aDrivenRide>[1]> = {},
  ) => (await aDrivenRide(fixtures, { riderId, driver: d, territoryId: town, ...extra })).rideId;
  const makeCoordinator = (memberId: string, ...territories: string[]) =>
    Promise.all(
      territories.map((t) =>
        fixtures.db.query(`INSERT INTO territory_coordinators (territory_id, member_id) VALUES ($1, $2)`, [
          t,
          memberId,
        ]),
      ),
    );
  const openBlocks = async (a: string, b: string) =>
    (
      await fixtures.db.query(
        `SELECT 1 FROM pair_blocks WHERE cleared_at IS NULL
            AND ((member_id = $1 AND counterpart_id = $2) OR (member_id = $2 AND counterpart_id = $1))`,
        [a, b],
      )
    ).rowCount;
  const standingOf = async (id: string) =>
    (
      await fixtures.db.query<{ standing: string; restrictions: object }>(
        `SELECT standing, restrictions FROM members WHERE id = $1`,
        [id],
      )
    ).rows[0]!;
  const countWhere = async (from: string, params: unknown[]) =>
    Number((await fixtures.db.query<{ n: string }>(`SELECT count(*) AS n FROM ${from}`, params)).rows[0]!.n);
  const ids = (list: { id: string }[]) => list.map((x) => x.id);

  /** A report filed by a rider about the driver of a ride they shared in the town. */
  async function aFiledReport() {
    const reporter = await person('rider');
    const subject = await driver();
    const rideId = await ride(reporter.id, subject);
    const filed = await reporter.http.post<ReportView>('/api/reports', {
      subjectId: subject.id,
      rideId,
      kind: 'unsafe',
      text: 'drove through a red light',
    });
    expect(filed.status).toBe(201);
    return { reporter, subject, rideId, report: filed.body };
  }

  /** A pair block: the rider judged the driver's last two trips failed. */
  async function aPairBlock(territoryId = town) {
    const rider = await person('rider');
    const subject = await driver();
    for (let i = 0; i < 2; i++) {
      const rideId = await ride(rider.id, subject, { territoryId });
      expect((await rider.http.post(`/api/rides/${rideId}/outcome`, { success: false })).status).toBe(201);
    }
    const row = await fixtures.db.query<{ id: string }>(
      `SELECT id FROM pair_blocks WHERE member_id = $1 AND cleared_at IS NULL`,
      [subject.id],
    );
    return { rider, subject, blockId: row.rows[0]!.id };
  }

  describe('roles', () => {
    it('anonymous callers get 401 on every route', async () => {
      const anonymous = client(stack.baseUrl);
      const calls: [string, string, unknown?][] = [
        ['POST', `/api/rides/${none}/outcome`, { success: true }],
        ['GET', `/api/rides/${none}/outcomes`],
        ['POST', '/api/reports', { subjectId: none, kind: 'other', text: 'x' }],
        ['GET', '/api/me/decisions'],
        ['POST', `/api/me/decisions/${none}/appeal`, { text: 'x' }],
        ['GET', '/api/moderation/reports'],
        ['GET', `/api/moderation/reports/${none}`],
        ['POST', `/api/moderation/reports/${none}/decision`, { decision: 'warn', reason: 'because' }],
        ['GET', '/api/moderation/pair-blocks'],
        ['POST', `/api/moderation/pair-blocks/${none}/clear`, { reason: 'because' }],
      ];
      for (const [method, path, body] of calls) {
        expect([method, path, (await anonymous.request(method, path, body)).status]).toEqual([
          method,
          path,
          401,
        ]);
      }
    });

    it('riders and drivers get 403 on every moderation route, even about their own report', async () => {
      const { reporter, subject, report } = await aFiledReport();
      const { rider, blockId } = await aPairBlock();
      const calls: [string, string, unknown?][] = [
        ['GET', '/api/moderation/reports'],
        ['GET', `/api/moderation/reports/${report.id}`],
        ['POST', `/api/moderation/reports/${report.id}/decision`, { decision: 'dismiss', reason: 'mine' }],
        ['GET', '/api/moderation/pair-blocks'],
        ['POST', `/api/moderation/pair-blocks/${blockId}/clear`, { reason: 'forgiven' }],
      ];
      for (const who of [reporter.http, subject.http, rider.http]) {
        for (const [method, path, body] of calls) {
          const res = await who.request<ErrorBody>(method, path, body);
          expect([method, path, res.status, res.body.code]).toEqual([method, path, 403, 'FORBIDDEN']);
        }
      }
      expect(
        (await fixtures.db.query(`SELECT status FROM abuse_reports WHERE id = $1`, [report.id])).rows,
      ).toEqual([{ status: 'open' }]);
      expect(await countWhere(`pair_blocks WHERE id = $1 AND cleared_at IS NULL`, [blockId])).toBe(1);
    });
  });

  describe('filing a report', () => {
    it('only about someone you shared a ride with; the ride’s territory reviews it', async () => {
      const { reporter, subject, rideId, report } = await aFiledReport();
      expect(report).toMatchObject({
        territoryId: town,
        status: 'open',
        subject: { id: subject.id },
        reporter: { id: reporter.id },
        rideId,
      });
      // The driver may report the rider too.
      expect(
        (
          await subject.http.post('/api/reports', {
            subjectId: reporter.id,
            rideId,
            kind: 'no-show',
            text: 'late',
          })
        ).status,
      ).toBe(201);

      const stranger = await person('rider');
      const before = await fixtures.count('abuse_reports');
      const refused: [Http, object, number, string][] = [
        [stranger.http, { subjectId: subject.id, kind: 'abuse', text: 'x' }, 403, 'subjectId'],
        // Someone else's ride does not make you a witness.
        [stranger.http, { subjectId: subject.id, rideId, kind: 'abuse', text: 'x' }, 403, 'rideId'],
        [reporter.http, { subjectId: reporter.id, kind: 'abuse', text: 'x' }, 400, 'subjectId'],
        [reporter.http, { subjectId: subject.id, kind: 'overuse', text: 'x' }, 400, 'kind'],
        [reporter.http, { subjectId: subject.id, kind: 'abuse', text: '' }, 400, 'text'],
        [reporter.http, { subjectId: subject.id, kind: 'abuse', text: 'x'.repeat(2001) }, 400, 'text'],
        [reporter.http, { subjectId: 'nobody', kind: 'abuse', text: 'x' }, 400, 'subjectId'],
        [
          reporter.http,
          { subjectId: subject.id, kind: 'abuse', text: 'x', status: 'decided' },
          400,
          'status',
        ],
      ];
      for (const [http, body, status, field] of refused) {
        const res = await http.post<ErrorBody>('/api/reports', body);
        expect([body, res.status, res.body.field]).toEqual([body, status, field]);
      }
      expect(await fixtures.count('abuse_reports')).toBe(before);
    });
  });

  describe('the queue', () => {
    it('a territory’s coordinators and those of the territories containing it see its reports; nobody else does', async () => {
      const { report, subject, reporter } = await aFiledReport();
      const own = await person('coordinator', { coordinates: [town] });
      const regional = await person('coordinator', { coordinates: [region] });
      const outsider = await person('coordinator', { coordinates: [otherTown] });
      const idle = await person('coordinator');

      expect(ids((await own.http.get<ReportView[]>('/api/moderation/reports?status=open')).body)).toContain(
        report.id,
      );
      expect(ids((await regional.http.get<ReportView[]>('/api/moderation/reports')).body)).toContain(
        report.id,
      );
      expect(
        ids((await own.http.get<ReportView[]>('/api/moderation/reports?status=decided')).body),
      ).not.toContain(report.id);
      expect((await outsider.http.get<ReportView[]>('/api/moderation/reports')).body).toEqual([]);
      expect((await idle.http.get<ReportView[]>('/api/moderation/reports')).body).toEqual([]);
      expect((await own.http.get<ErrorBody>('/api/moderation/reports?status=closed')).body).toMatchObject({
        statusCode: 400,
        field: 'status',
      });

      const evidence = await own.http.get<ReportEvidence>(`/api/moderation/reports/${report.id}`);
      expect(evidence.status).toBe(200);
      expect(evidence.body.people).toEqual([
        expect.objectContaining({
          memberId: subject.id,
          tripsDriven: 1,
          reports: [expect.objectContaining({ kind: 'unsafe' })],
        }),
        expect.objectContaining({ memberId: reporter.id, ridesRequested: 1, ridesCompleted: 1 }),
      ]);
      expect(evidence.body.people[0]).toMatchObject({
        outcomesReceived: { successes: 0, failures: 0 },
        cancellationsAfterAssignment: 0,
        decisions: [],
        standing: 'active',
      });
      expect((await regional.http.get(`/api/moderation/reports/${report.id}`)).status).toBe(200);
      for (const other of [outsider, idle]) {
        expect((await other.http.get<ErrorBody>(`/api/moderation/reports/${report.id}`)).status).toBe(404);
      }
      expect((await own.http.get<ErrorBody>(`/api/moderation/reports/${none}`)).status).toBe(404);
      expect((await own.http.get<ErrorBody>('/api/moderation/reports/not-a-uuid')).body).toMatchObject({
        statusCode: 400,
        field: 'id',
      });
      const admin = await person('admin');
      expect((await admin.http.get(`/api/moderation/reports/${report.id}`)).status).toBe(200);
    });

    it('a report about or by a coordinator of the territory goes to the parent’s coordinators', async () => {
      const rider = await person('rider');
      const coordinatingDriver = await driver();
      await makeCoordinator(coordinatingDriver.id, town);
      const rideId = await ride(rider.id, coordinatingDriver);
      const about = await rider.http.post<ReportView>('/api/reports', {
        subjectId: coordinatingDriver.id,
        rideId,
        kind: 'unsafe',
        text: 'phone at the wheel',
      });
      expect(about.body.territoryId).toBe(region);
      // …and the other way round: a coordinator reporting a rider of their own territory.
      const by = await coordinatingDriver.http.post<ReportView>('/api/reports', {
        subjectId: rider.id,
        rideId,
        kind: 'abuse',
        text: 'insults',
      });
      expect(by.body.territoryId).toBe(region);

      const colleague = await person('coordinator', { coordinates: [town] });
      const regional = await person('coordinator', { coordinates: [region] });
      const townQueue = ids((await colleague.http.get<ReportView[]>('/api/moderation/reports')).body);
      expect(townQueue).not.toContain(about.body.id);
      expect(townQueue).not.toContain(by.body.id);
      expect(ids((await regional.http.get<ReportView[]>('/api/moderation/reports')).body)).toEqual(
        expect.arrayContaining([about.body.id, by.body.id]),
      );
      expect((await colleague.http.get(`/api/moderation/reports/${about.body.id}`)).status).toBe(404);
    });
  });

  describe('decisions, the audit log and appeals', () => {
    it('a decision needs a reason and a coordinator of the territory; it is logged and sets the standing', async () => {
      const { report, subject, reporter } = await aFiledReport();
      const own = await person('coordinator', { coordinates: [town] });
      const outsider = await person('coordinator', { coordinates: [otherTown] });
      const path = `/api/moderation/reports/${report.id}/decision`;

      const refused: [object, string][] = [
        [{ decision: 'suspend' }, 'reason'],
        [{ decision: 'suspend', reason: '' }, 'reason'],
        [{ decision: 'ban', reason: 'because' }, 'decision'],
        [{ decision: 'warn', reason: 'because', restrictions: { noPooling: true } }, 'restrictions'],
        [{ decision: 'restrict', reason: 'because', restrictions: { maxTrustDistance: 9 } }, 'restrictions'],
      ];
      for (const [body, field] of refused) {
        const res = await own.http.post<ErrorBody>(path, body);
        expect([body, res.status, res.body.field?.split('.')[0]]).toEqual([body, 400, field]);
      }
      expect((await outsider.http.post(path, { decision: 'suspend', reason: 'not mine' })).status).toBe(404);
      expect(await countWhere(`moderation_decisions WHERE report_id = $1`, [report.id])).toBe(0);
      expect(await standingOf(subject.id)).toEqual({ standing: 'active', restrictions: {} });

      const restricted = await own.http.post<ReportEvidence>(path, {
        decision: 'restrict',
        reason: 'only riders who know him, for now',
        restrictions: { noPooling: true, maxTrustDistance: 1 },
      });
      expect(restricted.status).toBe(200);
      expect(restricted.body.status).toBe('decided');
      expect(await standingOf(subject.id)).toEqual({
        standing: 'restricted',
        restrictions: { noPooling: true, maxTrustDistance: 1 },
      });

      // The subject reads it, without who decided; the reporter and others read nothing about them.
      const log = (await subject.http.get<DecisionView[]>('/api/me/decisions')).body;
      expect(log).toEqual([
        {
          id: expect.any(String),
          decision: 'restrict',
          reason: 'only riders who know him, for now',
          at: expect.any(String),
          reportKind: 'unsafe',
          appealed: false,
          appeal: null,
        },
      ]);
      expect(JSON.stringify(log)).not.toContain(own.id);
      expect((await reporter.http.get<DecisionView[]>('/api/me/decisions')).body).toEqual([]);
      expect((await own.http.get<DecisionView[]>('/api/me/decisions')).body).toEqual([]);

      // restore lifts the restrictions, and is logged too.
      await own.http.post(path, { decision: 'restore', reason: 'a month without trouble' });
      expect(await standingOf(subject.id)).toEqual({ standing: 'active', restrictions: {} });
      expect(
        (await subject.http.get<DecisionView[]>('/api/me/decisions')).body.map((d) => d.decision),
      ).toEqual(['restore', 'restrict']);
    });

    it('only the subject appeals; the appeal returns the report to its coordinators’ queue and nobody else’s', async () => {
      const { report, subject, reporter } = await aFiledReport();
      const own = await person('coordinator', { coordinates: [town] });
      const outsider = await person('coordinator', { coordinates: [otherTown] });
      await own.http.post(`/api/moderation/reports/${report.id}/decision`, {
        decision: 'suspend',
        reason: 'second red light this month',
      });
      expect((await standingOf(subject.id)).standing).toBe('suspended');
      const decisionId = (await subject.http.get<DecisionView[]>('/api/me/decisions')).body[0]!.id;
      const path = `/api/me/decisions/${decisionId}/appeal`;

      for (const other of [reporter.http, own.http, outsider.http]) {
        expect((await other.post<ErrorBody>(path, { text: 'let me appeal for them' })).status).toBe(404);
      }
      expect((await subject.http.post(`/api/me/decisions/${none}/appeal`, { text: 'x' })).status).toBe(404);
      expect((await subject.http.post<ErrorBody>(path, { text: '' })).body).toMatchObject({ field: 'text' });
      expect((await subject.http.post<ErrorBody>(path, { text: 'x'.repeat(2001) })).body).toMatchObject({
        field: 'text',
      });
      expect(await countWhere(`appeals WHERE member_id = $1`, [subject.id])).toBe(0);

      const appealed = await subject.http.post<DecisionView[]>(path, { text: 'the light was amber' });
      expect(appealed.status).toBe(200);
      expect(appealed.body[0]).toMatchObject({ id: decisionId, appealed: true });
      const queue = (await own.http.get<ReportView[]>('/api/moderation/reports?status=appealed')).body;
      expect(queue.find((r) => r.id === report.id)).toMatchObject({
        status: 'appealed',
        appeal: { text: 'the light was amber' },
      });
      expect((await outsider.http.get<ReportView[]>('/api/moderation/reports?status=appealed')).body).toEqual(
        [],
      );
      // An appeal asks people to look again; it changes nothing by itself.
      expect((await standingOf(subject.id)).standing).toBe('suspended');
    });
  });

  describe('pair blocks', () => {
    it('listed and cleared only by coordinators of the ride’s territory (or above), with a logged reason', async () => {
      const { rider, subject, blockId } = await aPairBlock();
      const own = await person('coordinator', { coordinates: [town] });
      const regional = await person('coordinator', { coordinates: [region] });
      const outsider = await person('coordinator', { coordinates: [otherTown] });
      const idle = await person('coordinator');
      const path = `/api/moderation/pair-blocks/${blockId}/clear`;

      expect(ids((await own.http.get<PairBlockView[]>('/api/moderation/pair-blocks')).body)).toContain(
        blockId,
      );
      expect(ids((await regional.http.get<PairBlockView[]>('/api/moderation/pair-blocks')).body)).toContain(
        blockId,
      );
      for (const other of [outsider, idle]) {
        expect((await other.http.get<PairBlockView[]>('/api/moderation/pair-blocks')).body).toEqual([]);
        expect((await other.http.post(path, { reason: 'not mine to clear' })).status).toBe(404);
      }
      expect((await own.http.post<ErrorBody>(path, { reason: '' })).body).toMatchObject({
        statusCode: 400,
        field: 'reason',
      });
      expect(await openBlocks(rider.id, subject.id)).toBe(1);

      expect((await regional.http.post(path, { reason: 'they met and talked' })).status).toBe(204);
      expect(await openBlocks(rider.id, subject.id)).toBe(0);
      expect((await own.http.post(path, { reason: 'again' })).status).toBe(404);
      expect((await subject.http.get<DecisionView[]>('/api/me/decisions')).body).toMatchObject([
        { decision: 'clear-pair', reason: 'they met and talked', reportKind: null },
      ]);
    });
  });

  describe('automatic reports', () => {
    it('two failures answered at the same moment about the same person raise one report', async () => {
      const subject = await driver();
      await fixtures.db.query(`UPDATE members SET home_territory_id = $2 WHERE id = $1`, [subject.id, town]);
      const riders = await Promise.all([1, 2, 3, 4, 5, 6].map(() => person('rider')));
      const rides: string[] = [];
      for (const r of riders) rides.push(await ride(r.id, subject));
      await Promise.all(
        riders.map((r, i) => r.http.post(`/api/rides/${rides[i]}/outcome`, { success: false })),
      );
      const reports = await fixtures.db.query(
        `SELECT kind, reporter_id FROM abuse_reports WHERE subject_id = $1`,
        [subject.id],
      );
      expect(reports.rows).toEqual([{ kind: 'repeated-failures', reporter_id: null }]);
      expect((await standingOf(subject.id)).standing).toBe('active');
    });

    it('the periodic sweep raises what no single event does (use far beyond the norm, late cancellations), once', async () => {
      const village = await fixtures.aTerritory({ centre: [25.5, 61.0], half: 0.05 });
      const sweeper = stack.app.get(AbuseSweepService);
      const heavy = await person('rider', { homeTerritoryId: village });
      const canceller = await person('rider', { homeTerritoryId: village });
      const d = await driver();
      for (let i = 0; i < 11; i++) {
        await fixtures.db.query(
          `INSERT INTO rides (rider_id, pickup, dropoff, territory_id, status, cancelled_at)
           VALUES ($1, ST_SetSRID(ST_MakePoint(25.5, 61.0), 4326), ST_SetSRID(ST_MakePoint(25.51, 61.01), 4326), $2,
                   'cancelled', now())`,
          [heavy.id, village],
        );
      }
      for (let i = 0; i < 3; i++) {
        const neighbour = await person('rider');
        await aDrivenRide(fixtures, { riderId: neighbour.id, driver: d, territoryId: village });
      }
      for (let i = 0; i < 3; i++) {
        await aDrivenRide(fixtures, {
          riderId: canceller.id,
          driver: d,
          territoryId: village,
          status: 'cancelled',
        });
      }

      const [first, concurrent] = await Promise.all([sweeper.sweep(), sweeper.sweep()]);
      expect(concurrent).toBe(first);
      expect(first.raised).toEqual(
        expect.arrayContaining([
          { memberId: heavy.id, kind: 'overuse' },
          { memberId: canceller.id, kind: 'late-cancellations' },
        ]),
      );
      expect((await sweeper.sweep()).raised).toEqual([]);

      const local = await person('coordinator', { coordinates: [village] });
      const queue = (await local.http.get<ReportView[]>('/api/moderation/reports?status=open')).body;
      expect(queue.map((r) => [r.subject.id, r.kind, r.reporter])).toEqual(
        expect.arrayContaining([
          [heavy.id, 'overuse', null],
          [canceller.id, 'late-cancellations', null],
        ]),
      );
      expect(queue.find((r) => r.kind === 'overuse')!.text).toMatch(/11 rides requested in 7 days/);
      expect((await standingOf(heavy.id)).standing).toBe('active');
    });
  });

  /** Defects found in review of `api/src/outcomes` and `api/src/reports`, now fixed. */
  describe('edge cases found in review', () => {
    it('an answer after the reveal deadline is refused: it could retaliate for the answer shown', async () => {
      const rider = await person('rider');
      const d = await driver();
      const rideId = await ride(rider.id, d, { completedAgo: '3 days' });
      await d.http.post(`/api/rides/${rideId}/outcome`, { success: true });
      expect((await rider.http.post(`/api/rides/${rideId}/outcome`, { success: false })).status).toBe(409);
    });

    it('after a coordinator clears a block, one new failure is forgiven again', async () => {
      const { rider, subject, blockId } = await aPairBlock();
      const own = await person('coordinator', { coordinates: [town] });
      await own.http.post(`/api/moderation/pair-blocks/${blockId}/clear`, { reason: 'talked it over' });
      await rider.http.post(`/api/rides/${await ride(rider.id, subject)}/outcome`, { success: false });
      expect(await openBlocks(rider.id, subject.id)).toBe(0);
    });

    it('a blank reason is a 400 naming reason, not a 500 from the CHECK constraint', async () => {
      const { report } = await aFiledReport();
      const own = await person('coordinator', { coordinates: [town] });
      const res = await own.http.post<ErrorBody>(`/api/moderation/reports/${report.id}/decision`, {
        decision: 'warn',
        reason: '     ',
      });
      expect(res.body).toMatchObject({ statusCode: 400, field: 'reason' });
    });

    it('failures toward three riders raise a report about a driver with no home territory', async () => {
      const subject = await driver();
      for (let i = 0; i < 3; i++) {
        const r = await person('rider');
        await r.http.post(`/api/rides/${await ride(r.id, subject)}/outcome`, { success: false });
      }
      expect(await countWhere(`abuse_reports WHERE subject_id = $1`, [subject.id])).toBe(1);
    });

    it('a coordinator neither sees nor clears a pair block they are part of', async () => {
      const rider = await person('rider');
      const coordinatingDriver = await driver();
      await makeCoordinator(coordinatingDriver.id, town);
      for (let i = 0; i < 2; i++) {
        await rider.http.post(`/api/rides/${await ride(rider.id, coordinatingDriver)}/outcome`, {
          success: false,
        });
      }
      // The same person, now signing in as a coordinator.
      await fixtures.db.query(`UPDATE members SET role = 'coordinator' WHERE id = $1`, [
        coordinatingDriver.id,
      ]);
      const http = client(
        stack.baseUrl,
        (await login(stack.baseUrl, coordinatingDriver.email, coordinatingDriver.password)).token,
      );
      const visible = (await http.get<PairBlockView[]>('/api/moderation/pair-blocks')).body;
      expect(visible.filter((b) => [b.memberId, b.counterpartId].includes(coordinatingDriver.id))).toEqual(
        [],
      );
      const theirs = await fixtures.db.query<{ id: string }>(
        `SELECT id FROM pair_blocks WHERE member_id = $1 AND cleared_at IS NULL`,
        [coordinatingDriver.id],
      );
      expect(theirs.rows).toHaveLength(1);
      expect(
        (
          await http.post(`/api/moderation/pair-blocks/${theirs.rows[0]!.id}/clear`, {
            reason: 'my own block',
          })
        ).status,
      ).toBe(404);
    });

    it('a report about the coordinator of every level still reaches someone (admins’ queue)', async () => {
      const rider = await person('rider');
      const topCoordinator = await driver();
      await makeCoordinator(topCoordinator.id, town, region);
      const rideId = await ride(rider.id, topCoordinator);
      const filed = await rider.http.post<ReportView>('/api/reports', {
        subjectId: topCoordinator.id,
        rideId,
        kind: 'unsafe',
        text: 'drove off with the door open',
      });
      const admin = await person('admin');
      expect(ids((await admin.http.get<ReportView[]>('/api/moderation/reports')).body)).toContain(
        filed.body.id,
      );
    });

    it('riders pooled in the same trip may report each other', async () => {
      const a = await person('rider');
      const b = await person('rider');
      const d = await driver();
      const first = await aDrivenRide(fixtures, { riderId: a.id, driver: d, territoryId: town });
      await aDrivenRide(fixtures, { riderId: b.id, driver: d, territoryId: town, tripId: first.tripId });
      const res = await a.http.post('/api/reports', {
        subjectId: b.id,
        rideId: first.rideId,
        kind: 'abuse',
        text: 'rude',
      });
      expect(res.status).toBe(201);
    });

    it('one member filing two no-shows about the same ride does not raise an automatic report', async () => {
      const rider = await person('rider');
      const d = await driver();
      await fixtures.db.query(`UPDATE members SET home_territory_id = $2 WHERE id = $1`, [d.id, town]);
      const rideId = await ride(rider.id, d);
      await rider.http.post('/api/reports', {
        subjectId: d.id,
        rideId,
        kind: 'no-show',
        text: 'never came',
      });
      await rider.http.post('/api/reports', {
        subjectId: d.id,
        rideId,
        kind: 'no-show',
        text: 'still angry',
      });
      expect(await countWhere(`abuse_reports WHERE subject_id = $1 AND reporter_id IS NULL`, [d.id])).toBe(0);
    });
  });
});
