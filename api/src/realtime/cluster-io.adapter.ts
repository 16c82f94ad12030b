import { Logger, type INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import { Redis } from 'ioredis';
import { randomBytes } from 'node:crypto';
import type { Server } from 'socket.io';
import type { AppConfig } from '../config/app-config.js';

const logger = new Logger('ClusterIoAdapter');

type NestServer = ReturnType<IoAdapter['createIOServer']>;
type NestServerOptions = Parameters<IoAdapter['createIOServer']>[1];

/**
 * Where socket.io's own cross-node traffic goes (ADR 0032), inside the deployment's queue prefix
 * as every other key and channel (ADR 0012), so deployments and tests sharing a Redis stay apart:
 * the stream of broadcasts and heartbeats, and the prefix of the pub/sub channels of requests
 * between nodes (`serverSideEmit`, `fetchSockets`).
 */
export function socketIoKeys(queuePrefix: string): { streamName: string; channelPrefix: string } {
  return { streamName: `${queuePrefix}:socket.io`, channelPrefix: `${queuePrefix}:socket.io` };
}

/** An engine.io session id issued by node `nodeId`: its id, a dot, 20 random url-safe characters. */
export function sessionIdOf(nodeId: string | undefined): string {
  const random = randomBytes(15).toString('base64url');
  return nodeId ? `${nodeId}.${random}` : random;
}

/**
 * socket.io with the Redis Streams adapter: rooms, `serverSideEmit` and `fetchSockets` span every
 * API node of the deployment. Events from workers and services still travel on the outbound
 * pub/sub channel and are emitted locally by each node (ADR 0005), never through this adapter.
 * With `API_NODE_ID`, the engine.io session ids name the node, for nginx's stickiness.
 */
export class ClusterIoAdapter extends IoAdapter {
  /** The adapter's Redis connections: the one given to it and those it duplicated from it. */
  private readonly connections: Redis[] = [];
  /** Set once the server closes: failures of the connections it ends are expected then. */
  private closing = false;

  constructor(
    app: INestApplicationContext,
    private readonly config: Pick<AppConfig, 'redisUrl' | 'queuePrefix' | 'nodeId'>,
  ) {
    super(app);
  }

  private connection(redis: Redis): Redis {
    redis.on('error', (error: Error) => logger.warn(`socket.io adapter redis: ${error.message}`));
    // The adapter subscribes its namespaces' channels without awaiting or catching the reply: an API
    // that stops before Redis answered (it disconnects these connections) would leave an unhandled
    // "Connection is closed." rejection behind. A failed subscription is logged instead; the
    // returned promise still rejects for any caller that awaits it.
    const subscribe = redis.subscribe.bind(redis) as (...args: unknown[]) => Promise<unknown>;
    redis.subscribe = (...args: unknown[]) => {
      const reply = subscribe(...args);
      reply.catch((error: Error) => {
        if (!this.closing) logger.warn(`socket.io adapter could not subscribe: ${error.message}`);
      });
      return reply;
    };
    this.connections.push(redis);
    return redis;
  }

  // Nest's platform runs its own copy of socket.io (a patch release apart): its types are not ours.
  override createIOServer(port: number, options?: NestServerOptions): NestServer {
    const made = super.createIOServer(port, options);
    const server = made as unknown as Server;
    const redis = this.connection(new Redis(this.config.redisUrl));
    // The adapter duplicates this connection for its blocking stream reads and its subscriptions;
    // they are kept here so that closing ends them at once (a blocked XREAD would wait up to 5 s)
    // and their errors are logged like the others'.
    const duplicate = redis.duplicate.bind(redis);
    redis.duplicate = (...args: Parameters<Redis['duplicate']>) => this.connection(duplicate(...args));
    server.adapter(createAdapter(redis, socketIoKeys(this.config.queuePrefix)));
    const nodeId = this.config.nodeId;
    if (nodeId) {
      server.engine.generateId = () => sessionIdOf(nodeId);
      server.engine.on('headers', (headers: Record<string, string>) => {
        headers['X-Navette-Node'] = nodeId;
      });
    }
    return made;
  }

  override async close(server: NestServer): Promise<void> {
    // Closing the server closes its adapters first, which stops their stream reads.
    this.closing = true;
    await super.close(server);
    for (const redis of this.connections.splice(0)) redis.disconnect();
  }
}
