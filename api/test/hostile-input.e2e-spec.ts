import type { ErrorBody } from '@navette/contracts';
import { Fixtures, square } from './fixtures.js';
import { login, startStack, type Stack } from './stack.js';

const pickup = { type: 'Point', coordinates: [24.95, 60.18] };
const dropoff = { type: 'Point', coordinates: [24.96, 60.19] };
const inAnHour = () => new Date(Date.now() + 3_600_000);

/** `[[[…1…]]]`, `levels` deep, as JSON text (JSON.stringify itself would recurse that deep). */
const nestedJson = (levels: number) => `${'['.repeat(levels)}1${']'.repeat(levels)}`;

/**
 * Hostile bodies, params and content types get a 4xx naming what is wrong — never a 500 — and
 * write nothing. Each case here answered 500 (or a silent 200) before the hardening.
 */
describe('hostile input: a 4xx naming the field, never a 500, nothing written', () => {
  let stack: Stack;
  let fixtures: Fixtures;
  let territoryId: string;
  let tokens: { rider: string; admin: string };

  beforeAll(async () => {
    stack = await startStack({
      dispatcher: false,
      rateLimits: { rideRequestsPerMinute: 1000, loginPerMinute: 1000 },
    });
    fixtures = Fixtures.open(stack.databaseUrl);
    territoryId = await fixtures.aTerritory({ centre: [24.95, 60.18], half: 0.05 });
    const rider = await fixtures.aMember('rider');
    const admin = await fixtures.aMember('admin');
    tokens = {
      rider: (await login(stack.baseUrl, rider.email, rider.password)).token,
      admin: (await login(stack.baseUrl, admin.email, admin.password)).token,
    };
  });

  afterAll(async () => {
    await fixtures.close();
    await stack.stop();
  });

  /** Sends `body` as raw text with `contentType`; returns the status and the parsed error body. */
  async function send(
    as: keyof typeof tokens | null,
    method: string,
    path: string,
    body: string | undefined,
    contentType = 'application/json',
  ) {
    const response = await fetch(`${stack.baseUrl}${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': contentType }),
        ...(as ? { authorization: `Bearer ${tokens[as]}` } : {}),
      },
      body,
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : undefined) as ErrorBody };
  }

  /** Expects the refusal, and that no table gained or lost a row. */
  async function expectRefused(
    request: () => ReturnType<typeof send>,
    status: number,
    error: Partial<ErrorBody>,
  ) {
    const before = await fixtures.countAll();
    const response = await request();
    expect(response.status).toBe(status);
    expect(response.body).toMatchObject({ statusCode: status, ...error });
    expect(await fixtures.countAll()).toEqual(before);
  }

  describe('JSON nested a few thousand levels deep: 400 naming the body, on every endpoint with one', () => {
    it.each([
      ['rider', 'POST', '/api/rides', (deep: string) => `{"pickup": ${deep}}`],
      [
        'admin',
        'PUT',
        '/api/territories/:territory',
        (deep: string) => `{"type": "Feature", "geometry": ${deep}}`,
      ],
      ['admin', 'POST', '/api/territories', (deep: string) => deep],
      [null, 'POST', '/api/auth/login', (deep: string) => `{"email": ${deep}, "password": "x"}`],
      ['rider', 'PATCH', '/api/me/settings', (deep: string) => `{"quietHours": ${deep}}`],
      ['rider', 'POST', '/api/reports', (deep: string) => `{"text": ${deep}}`],
    ] as const)('%s %s %s', async (as, method, path, body) => {
      await expectRefused(
        () => send(as, method, path.replace(':territory', territoryId), body(nestedJson(5000))),
        400,
        { code: 'VALIDATION_FAILED', field: 'body' },
      );
    });
  });

  describe('a NUL byte in free text: 400 naming the field', () => {
    it.each([
      [
        'rider',
        'POST',
        '/api/reports',
        { subjectId: '00000000-0000-4000-8000-000000000000', kind: 'other', text: 'a\u0000b' },
        'text',
      ],
      [
        'admin',
        'PUT',
        '/api/territories/:territory',
        { type: 'Feature', properties: { name: 'Kal\u0000lio' } },
        'properties.name',
      ],
      [null, 'POST', '/api/auth/login', { email: 'a@b.org', password: 'pass\u0000word' }, 'password'],
      [
        'admin',
        'POST',
        '/api/moderation/pair-blocks/00000000-0000-4000-8000-000000000000/clear',
        { reason: 'ok\u0000ok' },
        'reason',
      ],
    ] as const)('%s %s %s', async (as, method, path, body, field) => {
      await expectRefused(
        () => send(as, method, path.replace(':territory', territoryId), JSON.stringify(body)),
        400,
        { code: 'VALIDATION_FAILED', field },
      );
    });
  });

  it('a lone UTF-16 surrogate in the login email: 400 naming the email', async () => {
    await expectRefused(
      () => send(null, 'POST', '/api/auth/login', JSON.stringify({ email: 'a\ud800@b.org', password: 'x' })),
      400,
      { code: 'VALIDATION_FAILED', field: 'email' },
    );
  });

  describe('null for a property or the geometry in PUT /api/territories/:id: 400 naming it', () => {
    it.each([
      [{ type: 'Feature', geometry: null }, 'geometry'],
      [{ type: 'Feature', properties: { maxWaitSeconds: null } }, 'properties.maxWaitSeconds'],
      [{ type: 'Feature', properties: { name: null } }, 'properties.name'],
      [{ type: 'Feature', properties: { pooling: null } }, 'properties.pooling'],
      [{ type: 'Feature', properties: null }, 'properties'],
    ])('%j', async (body, field) => {
      await expectRefused(
        () => send('admin', 'PUT', `/api/territories/${territoryId}`, JSON.stringify(body)),
        400,
        { code: 'VALIDATION_FAILED', field },
      );
    });

    it('a null that is meant (no service hours, no default trust distance) is still taken', async () => {
      const response = await send(
        'admin',
        'PUT',
        `/api/territories/${territoryId}`,
        JSON.stringify({ type: 'Feature', properties: { serviceHours: null, defaultTrustDistance: null } }),
      );
      expect(response.status).toBe(200);
    });
  });

  describe('rides: times and places that name no real trip', () => {
    it.each([
      [
        'a pickupAt without a time-zone offset',
        { pickupAt: inAnHour().toISOString().replace('Z', '') },
        'pickupAt',
      ],
      [
        'a pickupAt on a day that does not exist',
        { pickupAt: `${new Date().getUTCFullYear() + 1}-02-30T10:00:00Z` },
        'pickupAt',
      ],
      [
        'a pickup equal to the drop-off',
        { dropoff: { type: 'Point', coordinates: [24.95, 60.18] } },
        'dropoff',
      ],
      ['a pickup with an invalid bbox', { pickup: { ...pickup, bbox: [24.96, 60.19, 24.95] } }, 'pickup'],
      ['a null seat count', { seats: null }, 'seats'],
    ])('%s', async (_name, change, field) => {
      await expectRefused(
        () => send('rider', 'POST', '/api/rides', JSON.stringify({ pickup, dropoff, ...change })),
        400,
        { code: 'VALIDATION_FAILED', field },
      );
    });

    it('a pickupAt with an offset, on a real day, is taken', async () => {
      const at = inAnHour();
      const response = await send(
        'rider',
        'POST',
        '/api/rides',
        JSON.stringify({ pickup, dropoff, pickupAt: at.toISOString().replace('Z', '+00:00') }),
      );
      expect(response.status).toBe(201);
    });
  });

  it('a territory whose bbox is not a box: 400 naming the bbox', async () => {
    const body = {
      type: 'Feature',
      bbox: [25, 61, 24, 'north'],
      geometry: square([24.95, 60.18], 0.01),
      properties: { name: 'Boxed', level: 'neighbourhood', parentId: territoryId },
    };
    await expectRefused(() => send('admin', 'POST', '/api/territories', JSON.stringify(body)), 400, {
      code: 'VALIDATION_FAILED',
      field: 'bbox',
    });
  });

  it('a period on a day that does not exist: 400 naming the parameter', async () => {
    await expectRefused(() => send('rider', 'GET', '/api/me/time-bank?from=2026-02-30', undefined), 400, {
      code: 'VALIDATION_FAILED',
      field: 'from',
    });
  });

  describe('a body in a content type the API does not take: 415, not a silent 200', () => {
    it.each([
      ['PATCH', '/api/me/settings', 'maxTrustDistance=2', 'application/x-www-form-urlencoded'],
      ['PATCH', '/api/me/settings', '{"maxTrustDistance": 2}', 'text/plain'],
      ['POST', '/api/rides', JSON.stringify({ pickup, dropoff }), 'text/plain'],
    ])('%s %s as %s', async (method, path, body, contentType) => {
      await expectRefused(() => send('rider', method, path, body, contentType), 415, {
        code: 'UNSUPPORTED_MEDIA_TYPE',
        field: 'Content-Type',
      });
    });

    it('JSON with a charset is still JSON', async () => {
      const response = await send(
        'rider',
        'PATCH',
        '/api/me/settings',
        '{"maxTrustDistance": 2}',
        'application/json; charset=utf-8',
      );
      expect(response.status).toBe(200);
    });
  });
});
