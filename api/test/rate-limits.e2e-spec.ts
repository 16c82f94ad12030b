import type { Ack, ErrorBody } from '@navette/contracts';
import { Fixtures } from './fixtures.js';
import { client, connectSocket, login, startStack, type Stack } from './stack.js';

describe('rate limits on login, ride requests and position pings', () => {
  let stack: Stack;
  let fixtures: Fixtures;

  beforeAll(async () => {
    stack = await startStack({
      dispatcher: false,
      rateLimits: {
        loginPerMinute: 3,
        loginFailuresPerAddressPerMinute: 6,
        rideRequestsPerMinute: 2,
        positionsPerMinute: 3,
      },
    });
    fixtures = Fixtures.open(stack.databaseUrl);
    await fixtures.aTerritory({ centre: [24.95, 60.18], half: 0.1 });
  });

  afterAll(async () => {
    await fixtures.close();
    await stack.stop();
  });

  it('refuses a fourth login attempt in the minute, even with the right password', async () => {
    const member = await fixtures.aMember('rider');
    const http = client(stack.baseUrl);
    for (let i = 0; i < 3; i++) {
      expect((await http.post('/api/auth/login', { email: member.email, password: 'wrong' })).status).toBe(
        401,
      );
    }
    const blocked = await http.post<ErrorBody>('/api/auth/login', {
      email: member.email,
      password: member.password,
    });
    expect(blocked.status).toBe(429);
    expect(blocked.body.code).toBe('RATE_LIMITED');
    // Another account from the same address is not blocked by this one's attempts.
    const other = await fixtures.aMember('rider');
    expect(
      (await http.post('/api/auth/login', { email: other.email, password: other.password })).status,
    ).toBe(200);
  });

  it('refuses a third ride request in the minute and writes nothing', async () => {
    const member = await fixtures.aMember('rider');
    const http = client(stack.baseUrl, (await login(stack.baseUrl, member.email, member.password)).token);
    // Three different trips: the same trip twice would return the open ride, not make a second.
    const body = (n: number) => ({
      pickup: { type: 'Point', coordinates: [24.95, 60.18] },
      dropoff: { type: 'Point', coordinates: [24.96, 60.19 + n / 1000] },
    });
    expect((await http.post('/api/rides', body(1))).status).toBe(201);
    expect((await http.post('/api/rides', body(2))).status).toBe(201);
    const before = await fixtures.count('rides');
    expect((await http.post('/api/rides', body(3))).status).toBe(429);
    expect(await fixtures.count('rides')).toBe(before);
  });

  it('refuses position pings beyond the allowance', async () => {
    const driver = await fixtures.aDriver();
    const { token } = await login(stack.baseUrl, driver.email, driver.password);
    await client(stack.baseUrl, token).post('/api/shifts/start', { position: [24.95, 60.18] });
    const socket = await connectSocket(stack.baseUrl, token);
    try {
      const acks: Ack<unknown>[] = [];
      for (let i = 0; i < 4; i++)
        acks.push(
          (await socket.emitWithAck('position:report', { position: [24.95, 60.18] })) as Ack<unknown>,
        );
      expect(acks.slice(0, 3).every((a) => 'data' in a)).toBe(true);
      expect(acks[3]).toMatchObject({ error: { code: 'RATE_LIMITED', statusCode: 429 } });
    } finally {
      socket.close();
    }
  });

  // Last: it spends this address's allowance of failures for the minute.
  it('slows one password tried on many accounts from one address: failures count across accounts', async () => {
    const http = client(stack.baseUrl);
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) {
      const victim = await fixtures.aMember('rider');
      statuses.push(
        (await http.post('/api/auth/login', { email: victim.email, password: 'Summer2026!' })).status,
      );
    }
    // Each account saw one attempt only; the address saw them all (successful logins are not counted).
    const firstRefused = statuses.indexOf(429);
    expect(firstRefused).toBeGreaterThan(0);
    expect(firstRefused).toBeLessThanOrEqual(6);
    expect(statuses.slice(0, firstRefused).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(firstRefused).every((s) => s === 429)).toBe(true);
    const member = await fixtures.aMember('rider');
    const right = await http.post<ErrorBody>('/api/auth/login', {
      email: member.email,
      password: member.password,
    });
    expect(right.body).toMatchObject({ statusCode: 429, code: 'RATE_LIMITED' });
  });
});
