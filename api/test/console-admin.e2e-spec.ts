import type { ErrorBody, MemberView, RegistrationSetting } from '@navette/contracts';
import { aPerson } from './community-fixtures.js';
import { Fixtures } from './fixtures.js';
import { client, startStack, type Stack } from './stack.js';
import { aTerritoryFeature } from './territory-fixtures.js';

/**
 * What the console's territories and members sections need of the API beyond what it had: where
 * an outline fails (`ErrorBody.location`), a territory's members for role changes, and whether
 * its registration is open.
 */
describe('console admin API', () => {
  let stack: Stack;
  let fixtures: Fixtures;
  let town: string;
  let quarter: string;
  let elsewhere: string;

  beforeAll(async () => {
    stack = await startStack({ dispatcher: false });
    fixtures = Fixtures.open(stack.databaseUrl);
    town = await fixtures.aTerritory({ name: 'Harbour town', centre: [24.95, 60.18], half: 0.05 });
    quarter = await fixtures.aTerritory({
      name: 'Quay',
      level: 'neighbourhood',
      parentId: town,
      centre: [24.95, 60.18],
      half: 0.01,
    });
    elsewhere = await fixtures.aTerritory({ name: 'Elsewhere', centre: [22, 61], half: 0.05 });
  });

  afterAll(async () => {
    await fixtures.close();
    await stack.stop();
  });

  it('says where an outline crosses itself, and where it leaves its parent', async () => {
    const cora = await aPerson(fixtures, stack.baseUrl, 'coordinator', { coordinates: [town] });
    const before = await fixtures.countAll();
    const bowtie = [
      [24.94, 60.17],
      [24.96, 60.19],
      [24.96, 60.17],
      [24.94, 60.19],
      [24.94, 60.17],
    ];
    const crossed = await cora.http.post<ErrorBody>(
      '/api/territories',
      aTerritoryFeature(
        { name: 'Bow tie', level: 'neighbourhood', parentId: town },
        { type: 'Polygon', coordinates: [bowtie] },
      ),
    );
    expect(crossed.status).toBe(400);
    expect(crossed.body).toMatchObject({ code: 'VALIDATION_FAILED', field: 'geometry' });
    expect(crossed.body.message).toMatch(/Self-intersection/);
    expect(crossed.body.location![0]).toBeCloseTo(24.95, 6);
    expect(crossed.body.location![1]).toBeCloseTo(60.18, 6);

    // Half of it east of the town: the point named is in that half, outside the town.
    const astride = [
      [24.99, 60.17],
      [25.03, 60.17],
      [25.03, 60.19],
      [24.99, 60.19],
      [24.99, 60.17],
    ];
    const outside = await cora.http.post<ErrorBody>(
      '/api/territories',
      aTerritoryFeature(
        { name: 'Astride', level: 'neighbourhood', parentId: town },
        { type: 'Polygon', coordinates: [astride] },
      ),
    );
    expect(outside.status).toBe(422);
    expect(outside.body).toMatchObject({ code: 'OUT_OF_TERRITORY', field: 'geometry' });
    const [lng, lat] = outside.body.location!;
    expect(lng).toBeGreaterThan(25.0);
    expect(lng).toBeLessThanOrEqual(25.03);
    expect(lat).toBeGreaterThanOrEqual(60.17);
    expect(lat).toBeLessThanOrEqual(60.19);

    // A problem with no place carries no location; nothing was written by any of them.
    const unnamed = await cora.http.post<ErrorBody>(
      '/api/territories',
      aTerritoryFeature({ name: '', level: 'neighbourhood', parentId: town }),
    );
    expect(unnamed.status).toBe(400);
    expect(unnamed.body.location).toBeUndefined();
    expect(await fixtures.countAll()).toEqual(before);
  });

  it('lists a territory’s members (home there or below) to its coordinators only', async () => {
    const cora = await aPerson(fixtures, stack.baseUrl, 'coordinator', { coordinates: [town] });
    const stranger = await aPerson(fixtures, stack.baseUrl, 'coordinator', { coordinates: [elsewhere] });
    const rider = await aPerson(fixtures, stack.baseUrl, 'rider', { homeTerritoryId: town });
    const local = await aPerson(fixtures, stack.baseUrl, 'rider', { homeTerritoryId: quarter });
    const away = await aPerson(fixtures, stack.baseUrl, 'rider', { homeTerritoryId: elsewhere });

    const listed = await cora.http.get<MemberView[]>(`/api/territories/${town}/members`);
    expect(listed.status).toBe(200);
    const ids = listed.body.map((m) => m.id);
    expect(ids).toEqual(expect.arrayContaining([rider.id, local.id]));
    expect(ids).not.toContain(away.id);
    expect(listed.body.find((m) => m.id === local.id)).toMatchObject({
      role: 'rider',
      homeTerritoryId: quarter,
    });
    expect(
      (await cora.http.get<MemberView[]>(`/api/territories/${quarter}/members`)).body.map((m) => m.id),
    ).toEqual([local.id]);
    expect((await stranger.http.get(`/api/territories/${town}/members`)).status).toBe(404);
    expect((await rider.http.get(`/api/territories/${town}/members`)).status).toBe(403);
    expect((await client(stack.baseUrl).get(`/api/territories/${town}/members`)).status).toBe(401);
  });

  it('tells the territory’s coordinators whether registration is open', async () => {
    const cora = await aPerson(fixtures, stack.baseUrl, 'coordinator', { coordinates: [town] });
    const stranger = await aPerson(fixtures, stack.baseUrl, 'coordinator', { coordinates: [elsewhere] });
    const read = () => cora.http.get<RegistrationSetting>(`/api/territories/${quarter}/registration`);
    expect((await read()).body).toEqual({ open: false });
    expect(
      (await cora.http.request('PUT', `/api/territories/${quarter}/registration`, { open: true })).status,
    ).toBe(200);
    expect((await read()).body).toEqual({ open: true });
    expect((await stranger.http.get(`/api/territories/${quarter}/registration`)).status).toBe(404);
  });
});
