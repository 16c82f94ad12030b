import type { AuditEntry, PairBlockView, ReportEvidence, ReportView } from '@navette/contracts';
import { aDrivenRide, aLoggedInDriver, aPerson, type Http } from './community-fixtures.js';
import { Fixtures } from './fixtures.js';
import { startStack, type Stack } from './stack.js';

/**
 * `GET /api/territories/:id/audit-log`: the decisions taken in a territory and those within it
 * (on reports, pair blocks, roles, dispatch), for their coordinators only; and what the review page
 * reads beside a report: the tit-for-two-tats state of each pair around the subject, and pair
 * blocks with the names of the two.
 */
describe('the console’s audit log and the evidence of a report', () => {
  let stack: Stack;
  let fixtures: Fixtures;

  beforeAll(async () => {
    stack = await startStack({ dispatcher: false });
    fixtures = Fixtures.open(stack.databaseUrl);
  });

  afterAll(async () => {
    await fixtures.close();
    await stack.stop();
  });

  it('lists the decisions in scope, newest first; pairs and blocks come with names and answers', async () => {
    const region = await fixtures.aTerritory({ level: 'region', centre: [50, 60], half: 0.5 });
    const town = await fixtures.aTerritory({ centre: [50, 60], half: 0.1, parentId: region });
    const elsewhere = await fixtures.aTerritory({ centre: [52, 60], half: 0.1 });
    const coordinator = await aPerson(fixtures, stack.baseUrl, 'coordinator', { coordinates: [town] });
    const regional = await aPerson(fixtures, stack.baseUrl, 'coordinator', { coordinates: [region] });
    const stranger = await aPerson(fixtures, stack.baseUrl, 'coordinator', { coordinates: [elsewhere] });
    const rider = await aPerson(fixtures, stack.baseUrl, 'rider');
    const driver = await aLoggedInDriver(fixtures, stack.baseUrl);
    await fixtures.db.query(`UPDATE members SET home_territory_id = $2 WHERE id = $1`, [driver.id, town]);

    const fail = async (who: { id: string; http: Http }, success = false) => {
      const { rideId } = await aDrivenRide(fixtures, { riderId: who.id, driver, territoryId: town });
      expect((await who.http.post(`/api/rides/${rideId}/outcome`, { success })).status).toBe(201);
    };
    await fail(rider);
    await fail(rider);
    const others = [
      await aPerson(fixtures, stack.baseUrl, 'rider'),
      await aPerson(fixtures, stack.baseUrl, 'rider'),
    ];
    for (const other of others) await fail(other);

    const blocks = (await coordinator.http.get<PairBlockView[]>('/api/moderation/pair-blocks')).body;
    expect(blocks).toHaveLength(1);
    const riderName = (await fixtures.db.query(`SELECT display_name FROM members WHERE id = $1`, [rider.id]))
      .rows[0].display_name as string;
    const driverName = (
      await fixtures.db.query(`SELECT display_name FROM members WHERE id = $1`, [driver.id])
    ).rows[0].display_name as string;
    expect(blocks[0]).toMatchObject({
      memberId: driver.id,
      memberName: driverName,
      counterpartId: rider.id,
      counterpartName: riderName,
    });

    // An admin sees every block (as every report), though they coordinate no territory.
    const admin = await aPerson(fixtures, stack.baseUrl, 'admin');
    expect(
      (await admin.http.get<PairBlockView[]>('/api/moderation/pair-blocks')).body.map((b) => b.id),
    ).toContain(blocks[0]!.id);
    expect((await stranger.http.get<PairBlockView[]>('/api/moderation/pair-blocks')).body).toEqual([]);

    const report = (await coordinator.http.get<ReportView[]>('/api/moderation/reports?status=open')).body[0]!;
    const evidence = (await coordinator.http.get<ReportEvidence>(`/api/moderation/reports/${report.id}`))
      .body;
    expect(evidence.pairs).toHaveLength(3);
    expect(evidence.pairs.find((p) => p.counterpart.id === rider.id)).toEqual({
      counterpart: { id: rider.id, name: riderName },
      aboutSubject: [false, false],
      bySubject: [],
      block: { id: blocks[0]!.id, since: blocks[0]!.createdAt },
    });
    expect(evidence.pairs.find((p) => p.counterpart.id === others[0]!.id)).toMatchObject({
      aboutSubject: [false],
      block: null,
    });

    await coordinator.http.post(`/api/moderation/reports/${report.id}/decision`, {
      decision: 'warn',
      reason: 'three people in a week',
    });
    await coordinator.http.post(`/api/moderation/pair-blocks/${blocks[0]!.id}/clear`, {
      reason: 'they talked',
    });
    // A decision elsewhere stays out of this log.
    const outsider = await aLoggedInDriver(fixtures, stack.baseUrl);
    await fixtures.db.query(
      `INSERT INTO moderation_decisions (subject_id, decided_by, decision, reason, role, territory_id)
       VALUES ($1, $2, 'grant-role', 'elsewhere', 'driver', $3)`,
      [outsider.id, stranger.id, elsewhere],
    );

    const log = await coordinator.http.get<AuditEntry[]>(`/api/territories/${town}/audit-log`);
    expect(log.status).toBe(200);
    expect(log.body.map((e) => [e.decision, e.reason, e.subject.id, e.decidedBy.id, e.territoryId])).toEqual([
      ['clear-pair', 'they talked', driver.id, coordinator.id, town],
      ['warn', 'three people in a week', driver.id, coordinator.id, town],
    ]);
    expect(log.body[1]).toMatchObject({ reportId: report.id, rideId: null, role: null });
    expect((await regional.http.get<AuditEntry[]>(`/api/territories/${region}/audit-log`)).body).toHaveLength(
      2,
    );
    expect((await stranger.http.get(`/api/territories/${town}/audit-log`)).status).toBe(404);
    expect((await rider.http.get(`/api/territories/${town}/audit-log`)).status).toBe(403);
    expect(
      (await stranger.http.get<AuditEntry[]>(`/api/territories/${elsewhere}/audit-log`)).body,
    ).toMatchObject([{ decision: 'grant-role', role: 'driver', territoryId: elsewhere }]);
  });
});
