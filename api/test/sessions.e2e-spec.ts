import { JwtService } from '@nestjs/jwt';
import type { Ack, SessionEndReason } from '@navette/contracts';
import { TEST_JWT_SECRET } from '../src/config/repository-secrets.js';
import { aPerson } from './community-fixtures.js';
import { Fixtures } from './fixtures.js';
import { aDriverOnShift, connectSocket, login, startStack, type Socket, type Stack } from './stack.js';

/** Resolves with the reason the server gave once it has closed the socket. */
function ended(socket: Socket, timeoutMs = 30_000): Promise<SessionEndReason> {
  return new Promise((resolve, reject) => {
    let reason: SessionEndReason | undefined;
    const timer = setTimeout(() => reject(new Error(`still connected after ${timeoutMs} ms`)), timeoutMs);
    socket.on('session:ended', (payload: { reason: SessionEndReason }) => (reason = payload.reason));
    socket.on('disconnect', (why) => {
      clearTimeout(timer);
      if (why === 'io server disconnect' && reason) resolve(reason);
      else reject(new Error(`disconnected (${why}) without a reason from the server`));
    });
  });
}

describe('a socket lives only as long as its token and its member’s standing', () => {
  let stack: Stack;
  let fixtures: Fixtures;
  let town: string;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    stack = await startStack({ dispatcher: false });
    fixtures = Fixtures.open(stack.databaseUrl);
    town = await fixtures.aTerritory({ centre: [24.95, 60.18], half: 0.1 });
  });

  afterAll(async () => {
    for (const s of sockets) s.close();
    await fixtures.close();
    await stack.stop();
  });

  it('is closed when its token expires', async () => {
    const driver = await fixtures.aDriver();
    const jwt = new JwtService({ secret: TEST_JWT_SECRET });
    const token = await jwt.signAsync({ sub: driver.id }, { expiresIn: 2 });
    const socket = await connectSocket(stack.baseUrl, token);
    sockets.push(socket);
    expect(await ended(socket)).toBe('expired');
  });

  it('a suspension decided in the moderation queue closes the member’s sockets and driver routes at once', async () => {
    const driver = await aDriverOnShift(stack, fixtures, [24.95, 60.18]);
    sockets.push(driver.socket);
    const closed = ended(driver.socket);
    const coordinator = await aPerson(fixtures, stack.baseUrl, 'coordinator', { coordinates: [town] });
    const report = await fixtures.db.query<{ id: string }>(
      `INSERT INTO abuse_reports (territory_id, subject_id, kind, text) VALUES ($1, $2, 'unsafe', 'ran a red light')
       RETURNING id`,
      [town, driver.id],
    );
    expect((await driver.http.get('/api/offers/pending')).status).toBe(200);
    const decided = await coordinator.http.post(`/api/moderation/reports/${report.rows[0]!.id}/decision`, {
      decision: 'suspend',
      reason: 'second red light this month',
    });
    expect(decided.status).toBe(200);
    // No cache delay: the decision is known to the next request.
    expect((await driver.http.get('/api/offers/pending')).body).toMatchObject({
      statusCode: 403,
      message: expect.stringContaining('suspended') as string,
    });
    expect(await closed).toBe('suspended');
    await expect(connectSocket(stack.baseUrl, driver.token)).rejects.toThrow(/suspended/);
    // What every member keeps: their own decisions, to read and appeal.
    expect((await driver.http.get('/api/me/decisions')).status).toBe(200);
  });

  it('a role changed outside the API closes the socket within seconds; the next one joins as the new role', async () => {
    const driver = await aDriverOnShift(stack, fixtures, [24.95, 60.18]);
    sockets.push(driver.socket);
    const closed = ended(driver.socket);
    await fixtures.db.query(`UPDATE members SET role = 'rider' WHERE id = $1`, [driver.id]);
    expect(await closed).toBe('role-changed');
    const again = await connectSocket(
      stack.baseUrl,
      (await login(stack.baseUrl, driver.email, driver.password)).token,
    );
    sockets.push(again);
    const ack = (await again.emitWithAck('position:report', { position: [24.95, 60.18] })) as Ack<unknown>;
    expect(ack).toMatchObject({ error: { code: 'FORBIDDEN' } });
  });
});
