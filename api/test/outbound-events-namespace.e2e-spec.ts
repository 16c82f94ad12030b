import { rooms, type RideView } from '@navette/contracts';
import { Redis } from 'ioredis';
import { OutboundEvents } from '../../dispatcher/src/outbound-events.js';
import { OutboundEventsPublisher } from '../src/redis/outbound-events.publisher.js';
import { Fixtures } from './fixtures.js';
import { connectSocket, login, nextEvent, startStack, type Socket, type Stack } from './stack.js';
import { redisUrl } from './test-database.js';

/**
 * Two deployments on one Redis, told apart by their queue prefix: the events of one (published by
 * its API or its dispatcher) reach only its own sockets.
 */
describe('outbound events are namespaced by the queue prefix', () => {
  let ours: Stack;
  let theirs: Stack;
  let fixtures: Fixtures;
  let socket: Socket;
  let memberId: string;
  const redis = new Redis(redisUrl);

  beforeAll(async () => {
    [ours, theirs] = await Promise.all([
      startStack({ dispatcher: false }),
      startStack({ dispatcher: false }),
    ]);
    expect(ours.queuePrefix).not.toBe(theirs.queuePrefix);
    fixtures = Fixtures.open(ours.databaseUrl);
    const member = await fixtures.aMember('rider');
    memberId = member.id;
    socket = await connectSocket(
      ours.baseUrl,
      (await login(ours.baseUrl, member.email, member.password)).token,
    );
  });

  afterAll(async () => {
    socket.close();
    redis.disconnect();
    await fixtures.close();
    await Promise.all([ours.stop(), theirs.stop()]);
  });

  /** A recognisable `ride:updated` for the member's room: only its id matters here. */
  const marked = (id: string) => ({ id }) as unknown as RideView;

  /**
   * Publishes `foreign` from the other deployment, then `own` from ours. Both travel the same
   * Redis connection of the subscriber in order, so once `own` is delivered, `foreign` would have
   * been delivered before it had it been heard at all.
   */
  async function heard(publishForeign: () => Promise<void>, publishOwn: () => Promise<void>) {
    const received: string[] = [];
    const listener = (ride: RideView) => received.push(ride.id);
    socket.on('ride:updated', listener);
    try {
      const own = nextEvent<RideView>(socket, 'ride:updated', (ride) => ride.id === 'own');
      await publishForeign();
      await publishOwn();
      await own;
      return received;
    } finally {
      socket.off('ride:updated', listener);
    }
  }

  it('an API’s event is not heard by another deployment’s sockets', async () => {
    const room = rooms.member(memberId);
    const received = await heard(
      () => theirs.app.get(OutboundEventsPublisher).publish(room, 'ride:updated', marked('foreign')),
      () => ours.app.get(OutboundEventsPublisher).publish(room, 'ride:updated', marked('own')),
    );
    expect(received).toEqual(['own']);
  });

  it('a dispatcher’s event is not heard by another deployment’s sockets', async () => {
    const room = rooms.member(memberId);
    const received = await heard(
      () => new OutboundEvents(redis, theirs.queuePrefix).publish(room, 'ride:updated', marked('foreign')),
      () => new OutboundEvents(redis, ours.queuePrefix).publish(room, 'ride:updated', marked('own')),
    );
    expect(received).toEqual(['own']);
  });
});
