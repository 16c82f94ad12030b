import { DEFAULT_MAX_DETOUR_FACTOR, type ErrorBody, type TerritoryDetail } from '@navette/contracts';
import { Fixtures } from './fixtures.js';
import { client, login, startStack, type Stack } from './stack.js';
import { aTerritoryFeature, squareRing } from './territory-fixtures.js';

type Http = ReturnType<typeof client>;

/** Coordinates to 6 decimals, as the API writes them. */
const rounded = (geometry: unknown): unknown =>
  JSON.parse(
    JSON.stringify(geometry, (_k, v: unknown) => (typeof v === 'number' ? Math.round(v * 1e6) / 1e6 : v)),
  );

describe('territories: upload, rules, lending', () => {
  let stack: Stack;
  let fixtures: Fixtures;
  let regionId: string;
  let townId: string;
  let otherId: string;
  let admin: Http;
  let coordinator: Http;
  let otherCoordinator: Http;
  let idleCoordinator: Http;
  let rider: Http;
  let anonymous: Http;

  const as = async (member: { email: string; password: string }) =>
    client(stack.baseUrl, (await login(stack.baseUrl, member.email, member.password)).token);

  beforeAll(async () => {
    stack = await startStack({ dispatcher: false });
    fixtures = Fixtures.open(stack.databaseUrl);
    regionId = await fixtures.aTerritory({ name: 'Uusimaa', level: 'region', half: 0.3 });
    townId = await fixtures.aTerritory({ name: 'Helsinki', level: 'town', half: 0.05, parentId: regionId });
    otherId = await fixtures.aTerritory({ name: 'Paris', level: 'town', centre: [2.35, 48.85], half: 0.1 });
    admin = await as(await fixtures.aMember('admin'));
    coordinator = await as(await fixtures.aMember('coordinator', { coordinates: [townId] }));
    otherCoordinator = await as(await fixtures.aMember('coordinator', { coordinates: [otherId] }));
    idleCoordinator = await as(await fixtures.aMember('coordinator'));
    rider = await as(await fixtures.aMember('rider'));
    anonymous = client(stack.baseUrl);
  });

  afterAll(async () => {
    await fixtures.close();
    await stack.stop();
  });

  const neighbourhood = (properties: Record<string, unknown> = {}, geometry?: unknown) =>
    aTerritoryFeature({ name: 'Kallio', level: 'neighbourhood', parentId: townId, ...properties }, geometry);

  describe('POST /api/territories', () => {
    it('a coordinator adds a neighbourhood inside their town, with its rules', async () => {
      const response = await coordinator.post<TerritoryDetail>(
        '/api/territories',
        neighbourhood({
          maxWaitSeconds: 600,
          pooling: false,
          serviceHours: [420, 1320],
          timezone: 'Europe/Helsinki',
        }),
      );
      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({
        type: 'Feature',
        geometry: { type: 'MultiPolygon' },
        properties: {
          name: 'Kallio',
          level: 'neighbourhood',
          parentId: townId,
          maxWaitSeconds: 600,
          offerTimeoutSeconds: 30,
          maxDetourFactor: expect.closeTo(DEFAULT_MAX_DETOUR_FACTOR, 5) as number,
          pooling: false,
          defaultTrustDistance: null,
          escalateAfterSeconds: 120,
          serviceHours: [420, 1320],
          timezone: 'Europe/Helsinki',
          positionMaxAgeSeconds: 120,
          restAfterMissSeconds: 60,
          restMaxSeconds: 600,
          lenders: [],
          borrowers: [],
        },
      });
      const read = await anonymous.get<TerritoryDetail>(`/api/territories/${response.body.properties.id}`);
      expect(read.status).toBe(200);
      expect(read.body).toEqual(response.body);
      const list = await anonymous.get<{ features: { id: string }[] }>('/api/territories');
      expect(list.body.features.map((f) => f.id)).toContain(response.body.properties.id);
    });

    it('a coordinator of a region may add inside a town nested in it; an admin adds a region', async () => {
      const response = await admin.post<TerritoryDetail>(
        '/api/territories',
        aTerritoryFeature(
          { name: 'Île-de-France', level: 'region' },
          { type: 'MultiPolygon', coordinates: [[squareRing([2.35, 48.85], 0.5)]] },
        ),
      );
      expect(response.status).toBe(201);
      expect(response.body.properties.parentId).toBeNull();
    });

    it.each([
      ['a coordinator of another territory', () => otherCoordinator, 404, 'NOT_FOUND'],
      ['a coordinator of no territory', () => idleCoordinator, 404, 'NOT_FOUND'],
      ['a rider', () => rider, 403, 'FORBIDDEN'],
      ['anyone anonymous', () => anonymous, 401, 'UNAUTHENTICATED'],
    ])('%s cannot add inside the town, and nothing is written', async (_who, http, status, code) => {
      const before = await fixtures.count('territories');
      const response = await http().post<ErrorBody>('/api/territories', neighbourhood({ name: 'Intruder' }));
      expect(response.status).toBe(status);
      expect(response.body.code).toBe(code);
      expect(await fixtures.count('territories')).toBe(before);
    });

    it('a coordinator cannot add a top-level territory', async () => {
      const response = await coordinator.post<ErrorBody>(
        '/api/territories',
        aTerritoryFeature({ name: 'Lone', level: 'town' }),
      );
      expect(response).toMatchObject({ status: 403, body: { field: 'properties.parentId' } });
    });

    const ring = squareRing([24.95, 60.18], 0.01);
    const bowtie = [
      [24.94, 60.17],
      [24.96, 60.19],
      [24.96, 60.17],
      [24.94, 60.19],
      [24.94, 60.17],
    ];
    const cases: [string, () => unknown, number, Partial<ErrorBody>, string][] = [
      [
        'a ring that is not closed',
        () => neighbourhood({}, { type: 'Polygon', coordinates: [ring.slice(0, 4).concat([[24.95, 60.2]])] }),
        400,
        { code: 'VALIDATION_FAILED', field: 'geometry' },
        'closed',
      ],
      [
        'a ring of three positions',
        () => neighbourhood({}, { type: 'Polygon', coordinates: [[ring[0], ring[1], ring[0]]] }),
        400,
        { code: 'VALIDATION_FAILED', field: 'geometry' },
        'at least 4 positions',
      ],
      [
        'latitude and longitude swapped',
        () => neighbourhood({}, { type: 'Polygon', coordinates: [ring.map(([x, y]) => [y, x + 100])] }),
        400,
        { code: 'VALIDATION_FAILED', field: 'geometry' },
        '[longitude, latitude]',
      ],
      [
        'a point instead of an area',
        () => neighbourhood({}, { type: 'Point', coordinates: [24.95, 60.18] }),
        400,
        { code: 'VALIDATION_FAILED', field: 'geometry' },
        'Polygon or MultiPolygon',
      ],
      [
        'a self-intersecting ring',
        () => neighbourhood({}, { type: 'Polygon', coordinates: [bowtie] }),
        400,
        { code: 'VALIDATION_FAILED', field: 'geometry' },
        'Self-intersection',
      ],
      [
        'an offer timeout out of range',
        () => neighbourhood({ offerTimeoutSeconds: 1 }),
        400,
        { code: 'VALIDATION_FAILED', field: 'properties.offerTimeoutSeconds' },
        'offerTimeoutSeconds',
      ],
      [
        'a negative rest after a missed offer',
        () => neighbourhood({ restAfterMissSeconds: -5 }),
        400,
        { code: 'VALIDATION_FAILED', field: 'properties.restAfterMissSeconds' },
        'restAfterMissSeconds',
      ],
      [
        'a position age threshold of 1 s',
        () => neighbourhood({ positionMaxAgeSeconds: 1 }),
        400,
        { code: 'VALIDATION_FAILED', field: 'properties.positionMaxAgeSeconds' },
        'positionMaxAgeSeconds',
      ],
      [
        'a detour factor below 1',
        () => neighbourhood({ maxDetourFactor: 0.5 }),
        400,
        { code: 'VALIDATION_FAILED', field: 'properties.maxDetourFactor' },
        'maxDetourFactor',
      ],
      [
        'a trust distance of 9',
        () => neighbourhood({ defaultTrustDistance: 9 }),
        400,
        { code: 'VALIDATION_FAILED', field: 'properties.defaultTrustDistance' },
        'defaultTrustDistance',
      ],
      [
        'service hours backwards',
        () => neighbourhood({ serviceHours: [1200, 400] }),
        400,
        { code: 'VALIDATION_FAILED', field: 'properties.serviceHours' },
        'serviceHours',
      ],
      [
        'an unknown time zone',
        () => neighbourhood({ timezone: 'Mars/Olympus' }),
        400,
        { code: 'VALIDATION_FAILED', field: 'properties.timezone' },
        'timezone',
      ],
      [
        'a level that does not exist',
        () => neighbourhood({ level: 'city' }),
        400,
        { code: 'VALIDATION_FAILED', field: 'properties.level' },
        'level',
      ],
      [
        'a town nested in a town',
        () => neighbourhood({ level: 'town' }),
        400,
        { code: 'VALIDATION_FAILED', field: 'properties.level' },
        'neighbourhood ⊂ town ⊂ region',
      ],
      [
        'an area reaching outside the parent',
        () => neighbourhood({}, { type: 'Polygon', coordinates: [squareRing([25.0, 60.18], 0.02)] }),
        422,
        { code: 'OUT_OF_TERRITORY', field: 'geometry' },
        'parent',
      ],
      [
        'a parent that is not a UUID',
        () => neighbourhood({ parentId: 'helsinki' }),
        400,
        { code: 'VALIDATION_FAILED', field: 'properties.parentId' },
        'parentId',
      ],
      [
        'a missing name',
        () => aTerritoryFeature({ level: 'neighbourhood', parentId: townId }),
        400,
        { code: 'VALIDATION_FAILED', field: 'properties.name' },
        'name',
      ],
      [
        'an unknown rule',
        () => neighbourhood({ fare: 3 }),
        400,
        { code: 'VALIDATION_FAILED', field: 'properties.fare' },
        'fare',
      ],
      [
        'too many vertices',
        () =>
          neighbourhood(
            {},
            {
              type: 'Polygon',
              coordinates: [
                [[1, 1], ...Array.from({ length: 2000 }, (_, i) => (i % 2 ? [2, 1] : [2, 2])), [1, 1]],
              ],
            },
          ),
        413,
        { code: 'PAYLOAD_TOO_LARGE', field: 'geometry' },
        'at most 2000',
      ],
    ];

    it.each(cases)(
      '%s: a 4xx naming the field, nothing written',
      async (_name, body, status, error, text) => {
        const before = await fixtures.count('territories');
        const response = await coordinator.post<ErrorBody>('/api/territories', body());
        expect(response.status).toBe(status);
        expect(response.body).toMatchObject({ statusCode: status, ...error });
        expect(response.body.message).toContain(text);
        expect(await fixtures.count('territories')).toBe(before);
      },
    );

    it('a real boundary of 1,500 positions (a body larger than the API’s default limit) is accepted', async () => {
      const ring = Array.from({ length: 1500 }, (_, i) => {
        const a = (2 * Math.PI * i) / 1500;
        return [24.95 + 0.01 * Math.cos(a), 60.18 + 0.005 * Math.sin(a)];
      });
      ring.push(ring[0]!);
      const body = neighbourhood({ name: 'Round' }, { type: 'Polygon', coordinates: [ring] });
      expect(JSON.stringify(body).length).toBeGreaterThan(16 * 1024);
      const response = await coordinator.post<TerritoryDetail>('/api/territories', body);
      expect(response.status).toBe(201);
    });

    it('a body over the size limit: 413, nothing written', async () => {
      const before = await fixtures.count('territories');
      const huge = Array.from({ length: 3000 }, () => [24.951234, 60.181234]);
      const response = await coordinator.post<ErrorBody>(
        '/api/territories',
        neighbourhood({}, { type: 'Polygon', coordinates: [huge] }),
      );
      expect(response.status).toBe(413);
      expect(response.body.code).toBe('PAYLOAD_TOO_LARGE');
      expect(await fixtures.count('territories')).toBe(before);
    });
  });

  describe('GeoJSON as RFC 7946 has it', () => {
    type Ring = number[][];
    /** Twice the signed area of a ring (shoelace): positive when counter-clockwise. */
    const signedArea = (ring: Ring) =>
      ring.slice(1).reduce((sum, [x, y], i) => sum + ring[i]![0]! * y! - x! * ring[i]![1]!, 0);
    const polygonsOf = (geometry: { type: string; coordinates: unknown }) =>
      (geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates) as Ring[][];
    const created = (body: unknown) => coordinator.post<TerritoryDetail>('/api/territories', body);

    it('accepts positions with an altitude, and stores them without it', async () => {
      const ring = squareRing([24.93, 60.16], 0.003).map(([x, y]) => [x, y, 14.5]);
      const response = await created(
        neighbourhood({ name: 'Altitude' }, { type: 'Polygon', coordinates: [ring] }),
      );
      expect(response.status).toBe(201);
      const positions = polygonsOf(response.body.geometry).flat(2);
      expect(positions.every((p) => p.length === 2)).toBe(true);
    });

    it('accepts foreign members and styling properties (geojson.io, uMap), and ignores them', async () => {
      const response = await created({
        type: 'Feature',
        title: 'drawn in geojson.io',
        generator: { name: 'geojson.io' },
        geometry: {
          type: 'Polygon',
          coordinates: [squareRing([24.97, 60.2], 0.003)],
          note: 'a foreign member of the geometry',
        },
        properties: {
          name: 'Styled',
          level: 'neighbourhood',
          parentId: townId,
          fill: '#ff0000',
          'fill-opacity': 0.4,
          stroke: '#000000',
          'stroke-width': 2,
          title: 'Styled',
        },
      });
      expect(response.status).toBe(201);
      expect(response.body.properties.name).toBe('Styled');
      expect(JSON.stringify(response.body)).not.toMatch(/geojson\.io|#ff0000|foreign member/);
    });

    it('accepts a FeatureCollection of one Feature; refuses one of two, naming features', async () => {
      const one = await created({
        type: 'FeatureCollection',
        features: [
          neighbourhood(
            { name: 'Collected' },
            { type: 'Polygon', coordinates: [squareRing([24.93, 60.2], 0.003)] },
          ),
        ],
      });
      expect(one.status).toBe(201);
      expect(one.body.properties.name).toBe('Collected');
      const two = await created({ type: 'FeatureCollection', features: [neighbourhood(), neighbourhood()] });
      expect(two).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED', field: 'features' } });
    });

    it('a clockwise ring is stored and served counter-clockwise, holes clockwise', async () => {
      const outer = squareRing([24.97, 60.16], 0.004).reverse();
      const hole = squareRing([24.97, 60.16], 0.001);
      expect(signedArea(outer)).toBeLessThan(0);
      const response = await created(
        neighbourhood({ name: 'Clockwise' }, { type: 'Polygon', coordinates: [outer, hole] }),
      );
      expect(response.status).toBe(201);
      const [polygon] = polygonsOf(response.body.geometry);
      expect(signedArea(polygon![0]!)).toBeGreaterThan(0);
      expect(signedArea(polygon![1]!)).toBeLessThan(0);
      const update = await coordinator.request<TerritoryDetail>(
        'PUT',
        `/api/territories/${response.body.properties.id}`,
        {
          type: 'Feature',
          geometry: { type: 'Polygon', coordinates: [squareRing([24.97, 60.16], 0.005).reverse()] },
        },
      );
      expect(update.status).toBe(200);
      expect(signedArea(polygonsOf(update.body.geometry)[0]![0]!)).toBeGreaterThan(0);
      const list = await anonymous.get<{ features: TerritoryDetail[] }>('/api/territories');
      for (const feature of list.body.features)
        for (const [shell] of polygonsOf(feature.geometry)) expect(signedArea(shell!)).toBeGreaterThan(0);
    });

    it('takes a body sent as application/geo+json', async () => {
      const token = (await login(stack.baseUrl, (await fixtures.aMember('admin')).email, 'fixture-password'))
        .token;
      const response = await fetch(`${stack.baseUrl}/api/territories`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/geo+json' },
        body: JSON.stringify(
          neighbourhood(
            { name: 'Typed' },
            { type: 'Polygon', coordinates: [squareRing([24.91, 60.2], 0.003)] },
          ),
        ),
      });
      expect(response.status).toBe(201);
    });

    it('serves territories as application/geo+json; an error keeps its own type', async () => {
      for (const path of ['/api/territories', `/api/territories/${townId}`]) {
        const response = await fetch(`${stack.baseUrl}${path}`);
        expect(response.status).toBe(200);
        expect(response.headers.get('content-type')).toMatch(/^application\/geo\+json/);
      }
      const missing = await fetch(`${stack.baseUrl}/api/territories/00000000-0000-4000-8000-000000000000`);
      expect(missing.status).toBe(404);
      expect(missing.headers.get('content-type')).not.toContain('geo+json');
    });
  });

  describe('PUT /api/territories/:id', () => {
    let kallioId: string;

    beforeAll(async () => {
      const created = await coordinator.post<TerritoryDetail>(
        '/api/territories',
        neighbourhood(
          { name: 'Sörnäinen' },
          { type: 'Polygon', coordinates: [squareRing([24.96, 60.19], 0.005)] },
        ),
      );
      kallioId = created.body.properties.id;
    });

    it('the coordinator changes rules; others cannot', async () => {
      const change = {
        type: 'Feature',
        properties: {
          maxWaitSeconds: 300,
          defaultTrustDistance: 2,
          restAfterMissSeconds: 120,
          restMaxSeconds: 1800,
        },
      };
      expect((await otherCoordinator.request('PUT', `/api/territories/${kallioId}`, change)).status).toBe(
        404,
      );
      expect((await idleCoordinator.request('PUT', `/api/territories/${kallioId}`, change)).status).toBe(404);
      expect((await rider.request('PUT', `/api/territories/${kallioId}`, change)).status).toBe(403);
      expect((await anonymous.request('PUT', `/api/territories/${kallioId}`, change)).status).toBe(401);
      const response = await coordinator.request<TerritoryDetail>(
        'PUT',
        `/api/territories/${kallioId}`,
        change,
      );
      expect(response.status).toBe(200);
      expect(response.body.properties).toMatchObject({
        maxWaitSeconds: 300,
        defaultTrustDistance: 2,
        restAfterMissSeconds: 120,
        restMaxSeconds: 1800,
        name: 'Sörnäinen',
      });
      const cleared = await coordinator.request<TerritoryDetail>('PUT', `/api/territories/${kallioId}`, {
        type: 'Feature',
        properties: { defaultTrustDistance: null },
      });
      expect(cleared.body.properties.defaultTrustDistance).toBeNull();
    });

    it('the coordinator moves the geometry within the town; not outside it, not invalid', async () => {
      const moved = { type: 'Polygon', coordinates: [squareRing([24.93, 60.17], 0.005)] };
      const response = await coordinator.request<TerritoryDetail>('PUT', `/api/territories/${kallioId}`, {
        type: 'Feature',
        geometry: moved,
      });
      expect(response.status).toBe(200);
      expect(rounded(response.body.geometry)).toEqual(
        rounded({ type: 'MultiPolygon', coordinates: [moved.coordinates] }),
      );
      const outside = await coordinator.request<ErrorBody>('PUT', `/api/territories/${kallioId}`, {
        type: 'Feature',
        geometry: { type: 'Polygon', coordinates: [squareRing([2.35, 48.85], 0.01)] },
      });
      expect(outside).toMatchObject({ status: 422, body: { field: 'geometry' } });
      const level = await coordinator.request<ErrorBody>('PUT', `/api/territories/${kallioId}`, {
        type: 'Feature',
        properties: { level: 'town' },
      });
      expect(level).toMatchObject({ status: 400, body: { field: 'properties.level' } });
      const after = await anonymous.get<TerritoryDetail>(`/api/territories/${kallioId}`);
      expect(after.body.geometry).toEqual(response.body.geometry);
    });

    it('a town cannot shrink away from its neighbourhoods', async () => {
      const response = await coordinator.request<ErrorBody>('PUT', `/api/territories/${townId}`, {
        type: 'Feature',
        geometry: { type: 'Polygon', coordinates: [squareRing([24.99, 60.21], 0.005)] },
      });
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ field: 'geometry' });
      expect(response.body.message).toContain('no longer covers');
    });

    it('an unknown territory: 404; a bad id: 400 naming it', async () => {
      const missing = await admin.request('PUT', '/api/territories/00000000-0000-4000-8000-000000000000', {
        type: 'Feature',
        properties: { maxWaitSeconds: 60 },
      });
      expect(missing.status).toBe(404);
      const bad = await anonymous.get<ErrorBody>('/api/territories/not-a-uuid');
      expect(bad).toMatchObject({ status: 400, body: { field: 'id' } });
      expect((await anonymous.get('/api/territories/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    });
  });

  describe('PUT /api/territories/:id/lending', () => {
    it('the coordinator asks neighbours to lend drivers, and after how long; none agreed yet', async () => {
      const response = await coordinator.request<TerritoryDetail>(
        'PUT',
        `/api/territories/${townId}/lending`,
        {
          lenders: [{ territoryId: otherId, afterSeconds: 300 }],
        },
      );
      expect(response.status).toBe(200);
      expect(response.body.properties.lenders).toEqual([
        { territoryId: otherId, afterSeconds: 300, agreed: false },
      ]);
      const lender = await anonymous.get<TerritoryDetail>(`/api/territories/${otherId}`);
      expect(lender.body.properties.borrowers).toEqual([
        { territoryId: townId, afterSeconds: 300, agreed: false },
      ]);
    });

    it('the lender’s coordinator agrees; the agreement stays while the borrower keeps the link as it is', async () => {
      const agreed = await otherCoordinator.request<TerritoryDetail>(
        'PUT',
        `/api/territories/${otherId}/borrowers/${townId}`,
        { agreed: true },
      );
      expect(agreed.status).toBe(200);
      expect(agreed.body.properties.borrowers).toEqual([
        { territoryId: townId, afterSeconds: 300, agreed: true },
      ]);
      const agreedBy = await fixtures.db.query<{ agreed_by: string }>(
        `SELECT agreed_by FROM territory_lending WHERE lender_id = $1`,
        [otherId],
      );
      expect(agreedBy.rows[0]?.agreed_by).toEqual(expect.any(String));

      const kept = await coordinator.request<TerritoryDetail>('PUT', `/api/territories/${townId}/lending`, {
        lenders: [{ territoryId: otherId, afterSeconds: 300 }],
      });
      expect(kept.body.properties.lenders).toEqual([
        { territoryId: otherId, afterSeconds: 300, agreed: true },
      ]);
      // A changed wait is a new request: the lender is asked again.
      const changed = await coordinator.request<TerritoryDetail>(
        'PUT',
        `/api/territories/${townId}/lending`,
        {
          lenders: [{ territoryId: otherId, afterSeconds: 120 }],
        },
      );
      expect(changed.body.properties.lenders).toEqual([
        { territoryId: otherId, afterSeconds: 120, agreed: false },
      ]);
      await otherCoordinator.request('PUT', `/api/territories/${otherId}/borrowers/${townId}`, {
        agreed: true,
      });
      const withdrawn = await otherCoordinator.request<TerritoryDetail>(
        'PUT',
        `/api/territories/${otherId}/borrowers/${townId}`,
        { agreed: false },
      );
      expect(withdrawn.body.properties.borrowers).toEqual([
        { territoryId: townId, afterSeconds: 120, agreed: false },
      ]);
      await coordinator.request('PUT', `/api/territories/${townId}/lending`, {
        lenders: [{ territoryId: otherId, afterSeconds: 300 }],
      });
    });

    it.each([
      ['the borrower’s coordinator', () => coordinator, () => otherId, () => townId, 404, undefined],
      ['a coordinator of no territory', () => idleCoordinator, () => otherId, () => townId, 404, undefined],
      ['a rider', () => rider, () => otherId, () => townId, 403, undefined],
      ['anyone anonymous', () => anonymous, () => otherId, () => townId, 401, undefined],
      [
        'a territory that asked nothing',
        () => otherCoordinator,
        () => otherId,
        () => regionId,
        404,
        'borrowerId',
      ],
      [
        'a borrower id that is no UUID',
        () => otherCoordinator,
        () => otherId,
        () => 'kallio',
        400,
        'borrowerId',
      ],
    ])(
      'the agreement is refused for %s, and nothing changes',
      async (_who, http, lender, borrower, status, field) => {
        const response = await http().request<ErrorBody>(
          'PUT',
          `/api/territories/${lender()}/borrowers/${borrower()}`,
          { agreed: true },
        );
        expect(response.status).toBe(status);
        if (field) expect(response.body.field).toBe(field);
        const count = await fixtures.db.query(`SELECT 1 FROM territory_lending WHERE agreed_at IS NOT NULL`);
        expect(count.rowCount).toBe(0);
      },
    );

    it('the agreement must say true or false', async () => {
      const response = await otherCoordinator.request<ErrorBody>(
        'PUT',
        `/api/territories/${otherId}/borrowers/${townId}`,
        { agreed: 'yes' },
      );
      expect(response).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
    });

    it.each([
      ['itself', () => [{ territoryId: townId, afterSeconds: 60 }], 'lenders.0.territoryId'],
      ['its own region', () => [{ territoryId: regionId, afterSeconds: 60 }], 'lenders.0.territoryId'],
      [
        'an unknown territory',
        () => [{ territoryId: '00000000-0000-4000-8000-000000000000', afterSeconds: 60 }],
        'lenders.0.territoryId',
      ],
      [
        'the same neighbour twice',
        () => [
          { territoryId: otherId, afterSeconds: 60 },
          { territoryId: otherId, afterSeconds: 90 },
        ],
        'lenders.1.territoryId',
      ],
      ['a negative wait', () => [{ territoryId: otherId, afterSeconds: -1 }], 'lenders.0.afterSeconds'],
    ])('refuses %s, and keeps the previous list', async (_name, lenders, field) => {
      const response = await coordinator.request<ErrorBody>('PUT', `/api/territories/${townId}/lending`, {
        lenders: lenders(),
      });
      expect(response).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED', field } });
      const after = await anonymous.get<TerritoryDetail>(`/api/territories/${townId}`);
      expect(after.body.properties.lenders).toEqual([
        { territoryId: otherId, afterSeconds: 300, agreed: false },
      ]);
    });

    it.each([
      ['a coordinator of another territory', () => otherCoordinator, 404],
      ['a coordinator of no territory', () => idleCoordinator, 404],
      ['a rider', () => rider, 403],
      ['anyone anonymous', () => anonymous, 401],
    ])('%s cannot change it', async (_who, http, status) => {
      const response = await http().request('PUT', `/api/territories/${townId}/lending`, { lenders: [] });
      expect(response.status).toBe(status);
      expect(await fixtures.count('territory_lending')).toBe(1);
    });
  });
});
