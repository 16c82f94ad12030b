// The machine's floors, measured in the same run as the load (before it): what one round trip of
// each component costs here with nothing else of ours running, to read the latencies against.
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { Server } from 'socket.io';
import { io } from 'socket.io-client';
import { now } from './messages.js';
import { percentile } from './statistics.js';

export interface Floor {
  name: string;
  p50: number;
  p99: number;
  samples: number;
}

async function timed(name: string, samples: number, once: () => Promise<unknown>): Promise<Floor> {
  for (let i = 0; i < 5; i++) await once(); // warm-up
  const times: number[] = [];
  for (let i = 0; i < samples; i++) {
    const started = now();
    await once();
    times.push(now() - started);
  }
  return { name, p50: percentile(times, 0.5), p99: percentile(times, 0.99), samples };
}

/** A plain Node HTTP server on loopback, and sequential GETs to it. */
async function loopbackHttp(samples: number): Promise<Floor> {
  const server = createServer((_, response) => response.end('ok'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  try {
    return await timed('loopback HTTP round trip', samples, async () => (await fetch(url)).text());
  } finally {
    server.close();
  }
}

/** A socket.io server on loopback that acknowledges `echo`, and a websocket client. */
async function socketEcho(samples: number): Promise<Floor> {
  const http = createServer();
  const server = new Server(http);
  server.on('connection', (socket) =>
    socket.on('echo', (payload: unknown, ack: (p: unknown) => void) => ack(payload)),
  );
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const client = io(`http://127.0.0.1:${(http.address() as AddressInfo).port}`, {
    transports: ['websocket'],
  });
  try {
    await new Promise((resolve) => client.once('connect', () => resolve(undefined)));
    return await timed('socket.io echo', samples, () => client.emitWithAck('echo', { n: 1 }));
  } finally {
    client.close();
    await server.close();
  }
}

/** BullMQ on the real Redis, on a queue of its own: from `add` to the worker holding the job. */
async function bullmqPickUp(redisUrl: string, prefix: string, samples: number): Promise<Floor> {
  const connection = { url: redisUrl };
  const queue = new Queue('floor', { connection, prefix });
  const picked = new Map<string, () => void>();
  const worker = new Worker('floor', (job) => Promise.resolve(picked.get(job.id!)?.()), {
    connection,
    prefix,
  });
  await worker.waitUntilReady();
  let n = 0;
  try {
    return await timed('BullMQ add → pick-up', samples, async () => {
      const id = `j${n++}`;
      const got = new Promise<void>((resolve) => picked.set(id, resolve));
      await queue.add('floor', {}, { jobId: id, removeOnComplete: true });
      await got;
    });
  } finally {
    await worker.close();
    await queue.obliterate({ force: true });
    await queue.close();
  }
}

export async function measureFloors(databaseUrl: string, redisUrl: string, prefix: string): Promise<Floor[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const redis = new Redis(redisUrl);
  try {
    return [
      await loopbackHttp(300),
      await timed('Redis PING', 300, () => redis.ping()),
      await timed('PostgreSQL SELECT 1', 300, () => client.query('SELECT 1')),
      await bullmqPickUp(redisUrl, prefix, 100),
      await socketEcho(300),
    ];
  } finally {
    await client.end();
    redis.disconnect();
  }
}
