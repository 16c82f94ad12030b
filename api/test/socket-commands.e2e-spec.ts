import type { Ack } from '@navette/contracts';
import { randomUUID } from 'node:crypto';
import { Fixtures } from './fixtures.js';
import { aDriverOnShift, connectSocket, startStack, type Socket, type Stack } from './stack.js';

/** Sends `count` commands at once; returns how many were answered with data and with each error code. */
async function flood(socket: Socket, event: string, payload: unknown, count: number) {
  const acks = (await Promise.all(
    Array.from({ length: count }, () => socket.emitWithAck(event, payload)),
  )) as Ack<unknown>[];
  const tally: Record<string, number> = {};
  for (const ack of acks) {
    const key = 'data' in ack ? 'data' : ack.error.code;
    tally[key] = (tally[key] ?? 0) + 1;
  }
  return tally;
}

describe('socket commands: limited per socket and per member, payloads checked field by field', () => {
  let stack: Stack;
  let fixtures: Fixtures;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    stack = await startStack({
      dispatcher: false,
      rateLimits: { socketCommandsPerMinute: 5, memberCommandsPerMinute: 8 },
    });
    fixtures = Fixtures.open(stack.databaseUrl);
    await fixtures.aTerritory({ centre: [24.95, 60.18], half: 0.1 });
  });

  afterAll(async () => {
    for (const s of sockets) s.close();
    await fixtures.close();
    await stack.stop();
  });

  it('a flood of offers:resend gets the socket’s allowance answered, then the member’s, and RATE_LIMITED for the rest', async () => {
    const driver = await aDriverOnShift(stack, fixtures, [24.95, 60.18]);
    const second = await connectSocket(stack.baseUrl, driver.token);
    sockets.push(driver.socket, second);
    expect(await flood(driver.socket, 'offers:resend', {}, 200)).toEqual({ data: 5, RATE_LIMITED: 195 });
    // The member's other socket has its own allowance, within the member's.
    expect(await flood(second, 'offers:resend', {}, 50)).toEqual({ data: 3, RATE_LIMITED: 47 });
  });

  it('an event the server does not know: an UNKNOWN_EVENT error ack, or command:refused without an ack', async () => {
    const driver = await aDriverOnShift(stack, fixtures, [24.95, 60.18]);
    sockets.push(driver.socket);
    const unknown = { code: 'UNKNOWN_EVENT', statusCode: 404, type: 'urn:navette:problem:unknown-event' };
    expect(await driver.socket.timeout(10_000).emitWithAck('ride:teleport', {})).toMatchObject({
      error: unknown,
    });
    const refused = new Promise((resolve) => driver.socket.once('command:refused', resolve));
    driver.socket.emit('ride:teleport', {});
    expect(await refused).toMatchObject({ event: 'ride:teleport', error: unknown });
  });

  it('a field the command does not know: an error ack naming it, and nothing done', async () => {
    const driver = await aDriverOnShift(stack, fixtures, [24.95, 60.18]);
    sockets.push(driver.socket);
    const ask = async (event: string, payload: unknown) =>
      (await driver.socket.emitWithAck(event, payload)) as Ack<unknown>;
    const refused = (field: string) => ({ error: { code: 'VALIDATION_FAILED', statusCode: 400, field } });

    expect(await ask('position:report', { position: [24.96, 60.19], speed: 12 })).toMatchObject(
      refused('speed'),
    );
    expect(await ask('offer:accept', { offerId: randomUUID(), driverId: randomUUID() })).toMatchObject(
      refused('driverId'),
    );
    expect(await ask('trip:mark', { rideId: randomUUID(), event: 'picked_up', at: 0 })).toMatchObject(
      refused('at'),
    );
    expect(await ask('offers:resend', { all: true })).toMatchObject(refused('all'));
    // A command without arguments takes nothing, or an empty object.
    expect(await driver.socket.emitWithAck('offers:resend')).toEqual({ data: { count: 0 } });
    const position = await fixtures.db.query<{ lng: number }>(
      `SELECT ST_X(position) AS lng FROM driver_positions WHERE driver_id = $1`,
      [driver.id],
    );
    expect(position.rows[0]?.lng).toBeCloseTo(24.95, 6);
  });
});
