import type {
  DecisionView,
  ErrorBody,
  OutcomesView,
  PairBlockView,
  ReportEvidence,
  ReportView,
} from '@navette/contracts';
import { Fixtures } from './fixtures.js';
import { client, login, startStack, type Stack } from './stack.js';

type Http = ReturnType<typeof client>;

describe('reciprocity, abuse reports and the coordinator’s review', () => {
  let stack: Stack;
  let fixtures: Fixtures;
  let region: string;
  let town: string;
  let otherTown: string;

  beforeAll(async () => {
    stack = await startStack({ dispatcher: false });
    fixtures = Fixtures.open(stack.databaseUrl);
    region = await fixtures.aTerritory({
      centre: [24.95, 60.18],
      half: 0.5,
      level: 'region',
      name: 'Region',
    });
    town = await fixtures.aTerritory({
      centre: [24.95, 60.18],
      half: 0.1,
      level: 'town',
      parentId: region,
      name: 'Town',
    });
    otherTown = await fixtures.aTerritory({
      centre: [22.27, 60.45],
      half: 0.1,
      level: 'town',
      name: 'Elsewhere',
    });
  });

  afterAll(async () => {
    await fixtures.close();
    await stack.stop();
  });

  async function person(role: 'rider' | 'coordinator', coordinates: string[] = []) {
    const m = await fixtures.aMember(role, { coordinates });
    const http: Http = client(stack.baseUrl, (await login(stack.baseUrl, m.email, m.password)).token);
    return { ...m, http };
  }

  async function aDriver() {
    const d = await fixtures.aDriver();
    const http: Http = client(stack.baseUrl, (await login(stack.baseUrl, d.email, d.password)).token);
    return { ...d, http };
  }

  /** A completed ride in the town, driven by `driver` for `rider`. */
  async function completedRide(
    riderId: string,
    driver: { id: string; vehicleId: string },
    status = 'completed',
  ): Promise<string> {
    const ride = await fixtures.db.query<{ id: string }>(
      `INSERT INTO rides (rider_id, pickup, dropoff, territory_id, status, completed_at)
       VALUES ($1, ST_SetSRID(ST_MakePoint(24.95, 60.18), 4326), ST_SetSRID(ST_MakePoint(24.96, 60.19), 4326), $2, $3,
               CASE WHEN $3 = 'completed' THEN now() END) RETURNING id`,
      [riderId, town, status],
    );
    const shift = await fixtures.db.query<{ id: string }>(
      `INSERT INTO shifts (driver_id, vehicle_id, territory_id, ended_at) VALUES ($1, $2, $3, now()) RETURNING id`,
      [driver.id, driver.vehicleId, town],
    );
    const trip = await fixtures.db.query<{ id: string }>(
      `INSERT INTO trips (driver_id, shift_id, status, period) VALUES ($1, $2, 'completed', tstzrange(now() - interval '1 hour', now() - interval '50 minutes')) RETURNING id`,
      [driver.id, shift.rows[0]!.id],
    );
    const offer = await fixtures.db.query<{ id: string }>(
      `INSERT INTO offers (ride_id, driver_id, shift_id, trip_id, approach_meters, expires_at, status)
       VALUES ($1, $2, $3, $4, 100, now(), 'accepted') RETURNING id`,
      [ride.rows[0]!.id, driver.id, shift.rows[0]!.id, trip.rows[0]!.id],
    );
    await fixtures.db.query(
      `INSERT INTO assignments (ride_id, trip_id, offer_id, status) VALUES ($1, $2, $3, 'completed')`,
      [ride.rows[0]!.id, trip.rows[0]!.id, offer.rows[0]!.id],
    );
    return ride.rows[0]!.id;
  }

  const openBlocks = async (a: string, b: string) =>
    (
      await fixtures.db.query(
        `SELECT 1 FROM pair_blocks WHERE cleared_at IS NULL AND ((member_id = $1 AND counterpart_id = $2) OR (member_id = $2 AND counterpart_id = $1))`,
        [a, b],
      )
    ).rowCount;

  it('each side answers once; the other side’s answer stays hidden until both answered or the deadline', async () => {
    const rider = await person('rider');
    const driver = await aDriver();
    const stranger = await person('rider');
    const ride = await completedRide(rider.id, driver);

    const first = await rider.http.post<OutcomesView>(`/api/rides/${ride}/outcome`, { success: true });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ mine: { success: true }, theirs: null, revealed: false });
    expect((await driver.http.get<OutcomesView>(`/api/rides/${ride}/outcomes`)).body).toMatchObject({
      mine: null,
      theirs: null,
    });
    expect((await rider.http.post<ErrorBody>(`/api/rides/${ride}/outcome`, { success: false })).status).toBe(
      409,
    );
    expect((await stranger.http.post(`/api/rides/${ride}/outcome`, { success: false })).status).toBe(404);
    expect(
      (await driver.http.post<ErrorBody>(`/api/rides/${ride}/outcome`, { success: 'yes' })).body,
    ).toMatchObject({
      field: 'success',
    });

    const both = await driver.http.post<OutcomesView>(`/api/rides/${ride}/outcome`, { success: false });
    expect(both.body).toMatchObject({ mine: { success: false }, theirs: { success: true }, revealed: true });

    const silent = await completedRide(rider.id, driver);
    await driver.http.post(`/api/rides/${silent}/outcome`, { success: true });
    expect((await rider.http.get<OutcomesView>(`/api/rides/${silent}/outcomes`)).body.theirs).toBeNull();
    await fixtures.db.query(`UPDATE rides SET completed_at = now() - interval '3 days' WHERE id = $1`, [
      silent,
    ]);
    expect((await rider.http.get<OutcomesView>(`/api/rides/${silent}/outcomes`)).body).toMatchObject({
      revealed: true,
      theirs: { success: true },
    });

    const unfinished = await completedRide(rider.id, driver, 'picked_up');
    expect((await rider.http.post(`/api/rides/${unfinished}/outcome`, { success: true })).status).toBe(409);
  });

  it('tit for two tats: one failure is forgiven, two in a row block the pair, a success in between does not', async () => {
    const rider = await person('rider');
    const driver = await aDriver();
    await rider.http.post(`/api/rides/${await completedRide(rider.id, driver)}/outcome`, { success: false });
    expect(await openBlocks(rider.id, driver.id)).toBe(0);
    await rider.http.post(`/api/rides/${await completedRide(rider.id, driver)}/outcome`, { success: true });
    await rider.http.post(`/api/rides/${await completedRide(rider.id, driver)}/outcome`, { success: false });
    expect(await openBlocks(rider.id, driver.id)).toBe(0);
    await rider.http.post(`/api/rides/${await completedRide(rider.id, driver)}/outcome`, { success: false });
    expect(await openBlocks(rider.id, driver.id)).toBe(1);

    // Only a coordinator of the territory clears it, with a reason that is logged.
    const outsider = await person('coordinator', [otherTown]);
    const coordinator = await person('coordinator', [town]);
    const blocks = (await coordinator.http.get<PairBlockView[]>('/api/moderation/pair-blocks')).body;
    expect(blocks).toHaveLength(1);
    expect((await outsider.http.get<PairBlockView[]>('/api/moderation/pair-blocks')).body).toEqual([]);
    expect(
      (await outsider.http.post(`/api/moderation/pair-blocks/${blocks[0]!.id}/clear`, { reason: 'talked' }))
        .status,
    ).toBe(404);
    expect(
      (await coordinator.http.post<ErrorBody>(`/api/moderation/pair-blocks/${blocks[0]!.id}/clear`, {})).body,
    ).toMatchObject({
      field: 'reason',
    });
    expect(
      (
        await coordinator.http.post(`/api/moderation/pair-blocks/${blocks[0]!.id}/clear`, {
          reason: 'they talked it through',
        })
      ).status,
    ).toBe(204);
    expect(await openBlocks(rider.id, driver.id)).toBe(0);
    expect((await driver.http.get<DecisionView[]>('/api/me/decisions')).body).toMatchObject([
      { decision: 'clear-pair', reason: 'they talked it through' },
    ]);
  });

  it('failures toward three different people raise a report that only the territory’s coordinators see', async () => {
    const driver = await aDriver();
    await fixtures.db.query(`UPDATE members SET home_territory_id = $2 WHERE id = $1`, [driver.id, town]);
    for (let i = 0; i < 3; i++) {
      const rider = await person('rider');
      await rider.http.post(`/api/rides/${await completedRide(rider.id, driver)}/outcome`, {
        success: false,
      });
    }
    const coordinator = await person('coordinator', [town]);
    const regional = await person('coordinator', [region]);
    const outsider = await person('coordinator', [otherTown]);
    const idle = await person('coordinator');
    const rider = await person('rider');

    const queue = (await coordinator.http.get<ReportView[]>('/api/moderation/reports?status=open')).body;
    const report = queue.find((r) => r.subject.id === driver.id);
    expect(report).toMatchObject({
      kind: 'repeated-failures',
      reporter: null,
      territoryId: town,
      status: 'open',
    });
    expect(
      (await regional.http.get<ReportView[]>('/api/moderation/reports')).body.map((r) => r.id),
    ).toContain(report!.id);
    expect((await outsider.http.get<ReportView[]>('/api/moderation/reports')).body).toEqual([]);
    expect((await idle.http.get<ReportView[]>('/api/moderation/reports')).body).toEqual([]);
    expect((await outsider.http.get(`/api/moderation/reports/${report!.id}`)).status).toBe(404);
    expect((await rider.http.get('/api/moderation/reports')).status).toBe(403);

    const evidence = (await coordinator.http.get<ReportEvidence>(`/api/moderation/reports/${report!.id}`))
      .body;
    expect(evidence.people[0]).toMatchObject({
      memberId: driver.id,
      tripsDriven: 3,
      outcomesReceived: { successes: 0, failures: 3 },
    });
    // Nothing was decided automatically.
    expect(
      (await fixtures.db.query(`SELECT standing FROM members WHERE id = $1`, [driver.id])).rows[0],
    ).toEqual({ standing: 'active' });

    expect(
      (
        await coordinator.http.post<ErrorBody>(`/api/moderation/reports/${report!.id}/decision`, {
          decision: 'suspend',
        })
      ).body,
    ).toMatchObject({
      statusCode: 400,
      field: 'reason',
    });
    const decided = await coordinator.http.post<ReportEvidence>(
      `/api/moderation/reports/${report!.id}/decision`,
      {
        decision: 'restrict',
        reason: 'three failed trips in a week; trusted riders only for now',
        restrictions: { noPooling: true, maxTrustDistance: 1 },
      },
    );
    expect(decided.status).toBe(200);
    expect(decided.body).toMatchObject({ status: 'decided', people: [{ standing: 'restricted' }] });
    expect(
      (await fixtures.db.query(`SELECT restrictions FROM members WHERE id = $1`, [driver.id])).rows[0],
    ).toEqual({
      restrictions: { noPooling: true, maxTrustDistance: 1 },
    });

    // The member reads the decision about themselves, and appeals; others do not see it.
    const log = (await driver.http.get<DecisionView[]>('/api/me/decisions')).body;
    expect(log).toMatchObject([
      {
        decision: 'restrict',
        reason: 'three failed trips in a week; trusted riders only for now',
        reportKind: 'repeated-failures',
      },
    ]);
    expect((await rider.http.get<DecisionView[]>('/api/me/decisions')).body).toEqual([]);
    expect((await rider.http.post(`/api/me/decisions/${log[0]!.id}/appeal`, { text: 'not me' })).status).toBe(
      404,
    );
    const appealed = await driver.http.post<DecisionView[]>(`/api/me/decisions/${log[0]!.id}/appeal`, {
      text: 'my car broke down twice',
    });
    expect(appealed.body[0]).toMatchObject({ appealed: true });
    const again = (await coordinator.http.get<ReportView[]>('/api/moderation/reports?status=appealed')).body;
    const inQueue = again.find((r) => r.id === report!.id)!;
    expect(inQueue).toMatchObject({ appeal: { text: 'my car broke down twice', status: 'open' } });

    // A coordinator of another territory cannot answer it; this one overturns it, with a reason.
    const resolve = (who: typeof coordinator, body: object) =>
      who.http.post<ErrorBody>(`/api/moderation/appeals/${inQueue.appeal!.id}/resolve`, body);
    expect((await resolve(outsider, { outcome: 'overturned', reason: 'not theirs' })).status).toBe(404);
    expect((await resolve(coordinator, { outcome: 'overturned' })).body).toMatchObject({ field: 'reason' });
    expect(
      (await resolve(coordinator, { outcome: 'overturned', reason: 'the garage confirmed the breakdowns' }))
        .status,
    ).toBe(204);
    expect(
      (await fixtures.db.query(`SELECT standing, restrictions FROM members WHERE id = $1`, [driver.id]))
        .rows[0],
    ).toEqual({
      standing: 'active',
      restrictions: {},
    });
    const after = (await driver.http.get<DecisionView[]>('/api/me/decisions')).body;
    expect(after.map((d) => [d.decision, d.appeal])).toEqual([
      ['restore', null],
      ['restrict', 'overturned'],
    ]);
    expect((await resolve(coordinator, { outcome: 'upheld', reason: 'changed my mind' })).status).toBe(404);
  });

  it('members report people they rode with; a report about a coordinator goes to the parent territory', async () => {
    const rider = await person('rider');
    const driverCoordinator = await fixtures.aDriver();
    await fixtures.db.query(`INSERT INTO territory_coordinators (territory_id, member_id) VALUES ($1, $2)`, [
      town,
      driverCoordinator.id,
    ]);
    const stranger = await person('rider');
    const ride = await completedRide(rider.id, driverCoordinator);

    expect(
      (
        await rider.http.post<ErrorBody>('/api/reports', {
          subjectId: stranger.id,
          kind: 'unsafe',
          text: 'x',
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await rider.http.post<ErrorBody>('/api/reports', {
          subjectId: driverCoordinator.id,
          kind: 'unsafe',
          text: 'x'.repeat(2001),
        })
      ).body,
    ).toMatchObject({ field: 'text' });
    const filed = await rider.http.post<ReportView>('/api/reports', {
      subjectId: driverCoordinator.id,
      rideId: ride,
      kind: 'unsafe',
      text: 'drove far too fast',
    });
    expect(filed.status).toBe(201);
    expect(filed.body.territoryId).toBe(region);

    const townCoordinator = await person('coordinator', [town]);
    expect(
      (await townCoordinator.http.get<ReportView[]>('/api/moderation/reports')).body.map((r) => r.id),
    ).not.toContain(filed.body.id);
    const regional = await person('coordinator', [region]);
    expect(
      (await regional.http.get<ReportView[]>('/api/moderation/reports')).body.map((r) => r.id),
    ).toContain(filed.body.id);
  });
});
