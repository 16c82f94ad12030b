import type { ErrorBody } from '@navette/contracts';
import { Fixtures } from './fixtures.js';
import { client, login, startStack, type Stack } from './stack.js';

const pickup = { type: 'Point', coordinates: [24.95, 60.18] };
const dropoff = { type: 'Point', coordinates: [24.96, 60.19] };

describe('bad input gets a 4xx naming the field, and writes nothing', () => {
  let stack: Stack;
  let fixtures: Fixtures;
  let rider: ReturnType<typeof client>;

  beforeAll(async () => {
    stack = await startStack({ dispatcher: false, rateLimits: { rideRequestsPerMinute: 1000 } });
    fixtures = Fixtures.open(stack.databaseUrl);
    await fixtures.aTerritory({ centre: [24.95, 60.18], half: 0.05 });
    const member = await fixtures.aMember('rider');
    rider = client(stack.baseUrl, (await login(stack.baseUrl, member.email, member.password)).token);
  });

  afterAll(async () => {
    await fixtures.close();
    await stack.stop();
  });

  const cases: [string, unknown, number, Partial<ErrorBody>][] = [
    [
      'malformed GeoJSON (one coordinate)',
      { pickup: { type: 'Point', coordinates: [24.95] }, dropoff },
      400,
      { code: 'VALIDATION_FAILED', field: 'pickup' },
    ],
    [
      'GeoJSON of the wrong type',
      { pickup: { type: 'LineString', coordinates: [[24.95, 60.18]] }, dropoff },
      400,
      { code: 'VALIDATION_FAILED', field: 'pickup' },
    ],
    [
      'latitude and longitude swapped out of range',
      { pickup: { type: 'Point', coordinates: [60.18, 124.95] }, dropoff },
      400,
      { code: 'VALIDATION_FAILED', field: 'pickup' },
    ],
    ['a missing field', { pickup }, 400, { code: 'VALIDATION_FAILED', field: 'dropoff' }],
    ['a wrong type', { pickup, dropoff, seats: 'two' }, 400, { code: 'VALIDATION_FAILED', field: 'seats' }],
    [
      'a number out of range',
      { pickup, dropoff, seats: 40 },
      400,
      { code: 'VALIDATION_FAILED', field: 'seats' },
    ],
    ['an unknown field', { pickup, dropoff, fare: 3 }, 400, { code: 'VALIDATION_FAILED', field: 'fare' }],
    [
      'a kind that does not exist',
      { pickup, dropoff, kind: 'taxi' },
      400,
      { code: 'VALIDATION_FAILED', field: 'kind' },
    ],
    [
      'a pickup outside every territory',
      { pickup: { type: 'Point', coordinates: [2.35, 48.85] }, dropoff },
      422,
      { code: 'OUT_OF_TERRITORY', field: 'pickup' },
    ],
    [
      'a dropoff outside every territory',
      { pickup, dropoff: { type: 'Point', coordinates: [2.35, 48.85] } },
      422,
      { code: 'OUT_OF_TERRITORY', field: 'dropoff' },
    ],
    ['no seat at all', { pickup, dropoff, seats: 0 }, 400, { code: 'VALIDATION_FAILED', field: 'seats' }],
    [
      'a pickup time that is not a date',
      { pickup, dropoff, pickupAt: 'tomorrow' },
      400,
      { code: 'VALIDATION_FAILED', field: 'pickupAt' },
    ],
    [
      'a pickup time in the past',
      { pickup, dropoff, pickupAt: '2020-01-01T10:00:00Z' },
      400,
      { code: 'VALIDATION_FAILED', field: 'pickupAt' },
    ],
  ];

  it.each(cases)('%s', async (_name, body, status, error) => {
    const before = await fixtures.count('rides');
    const response = await rider.post<ErrorBody>('/api/rides', body);
    expect(response.status).toBe(status);
    expect(response.body).toMatchObject({ statusCode: status, ...error });
    expect(response.body.message).toEqual(expect.stringContaining(error.field!));
    expect(await fixtures.count('rides')).toBe(before);
  });

  it('outside the territory’s service hours: 422 naming the time, nothing written; a booking inside them is taken', async () => {
    const closed = await fixtures.aTerritory({ centre: [26.5, 61.5], half: 0.05 });
    const now = new Date();
    const minute = now.getUTCHours() * 60 + now.getUTCMinutes();
    // Open hours that exclude the present minute (UTC).
    const [open, close] = minute >= 120 ? [0, minute - 60] : [minute + 60, 1440];
    await fixtures.db.query(
      `UPDATE territories SET timezone = 'Etc/UTC', service_hours = int4range($2, $3) WHERE id = $1`,
      [closed, open, close],
    );
    const here = {
      pickup: { type: 'Point', coordinates: [26.5, 61.5] },
      dropoff: { type: 'Point', coordinates: [26.51, 61.51] },
    };
    const before = await fixtures.count('rides');
    const refused = await rider.post<ErrorBody>('/api/rides', here);
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ code: 'OUTSIDE_SERVICE_HOURS', field: 'pickup' });
    expect(await fixtures.count('rides')).toBe(before);

    const tomorrow = new Date(
      Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1, 0, open + 10),
    );
    const booked = await rider.post<{ pickupAt: string }>('/api/rides', {
      ...here,
      pickupAt: tomorrow.toISOString(),
    });
    expect(booked.status).toBe(201);
    expect(booked.body.pickupAt).toBe(tomorrow.toISOString());
  });

  it('an oversized body: 413', async () => {
    const before = await fixtures.count('rides');
    const response = await rider.post<ErrorBody>('/api/rides', { pickup, dropoff, note: 'x'.repeat(20_000) });
    expect(response.status).toBe(413);
    expect(response.body.code).toBe('PAYLOAD_TOO_LARGE');
    expect(await fixtures.count('rides')).toBe(before);
  });

  it('a body that is not JSON: 400', async () => {
    const response = await rider.post<ErrorBody>('/api/rides', '{"pickup": ');
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({
      code: 'VALIDATION_FAILED',
      message: 'request body is not valid JSON',
    });
  });

  it('an id that is not a UUID: 400 naming it', async () => {
    const response = await rider.get<ErrorBody>('/api/rides/not-a-uuid');
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ code: 'VALIDATION_FAILED', field: 'id' });
  });

  it('a login with a malformed email: 400 naming it', async () => {
    const response = await client(stack.baseUrl).post<ErrorBody>('/api/auth/login', {
      email: 'nope',
      password: 'x',
    });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ code: 'VALIDATION_FAILED', field: 'email' });
  });

  it('a shift started outside every territory: 422, no shift written', async () => {
    const driver = await fixtures.aDriver();
    const http = client(stack.baseUrl, (await login(stack.baseUrl, driver.email, driver.password)).token);
    const before = await fixtures.count('shifts');
    const response = await http.post<ErrorBody>('/api/shifts/start', { position: [2.35, 48.85] });
    expect(response.status).toBe(422);
    expect(response.body).toMatchObject({ code: 'OUT_OF_TERRITORY', field: 'position' });
    expect(await fixtures.count('shifts')).toBe(before);
  });

  it('the same idempotency key twice creates one ride', async () => {
    const before = await fixtures.count('rides');
    const headers = { 'idempotency-key': 'ride-once-123' };
    const first = await rider.post<{ id: string }>('/api/rides', { pickup, dropoff }, headers);
    const second = await rider.post<{ id: string }>('/api/rides', { pickup, dropoff }, headers);
    expect(first.status).toBe(201);
    expect(second.body.id).toBe(first.body.id);
    expect(await fixtures.count('rides')).toBe(before + 1);
  });
});
