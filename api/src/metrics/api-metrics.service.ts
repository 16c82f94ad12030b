import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { MATCHING_QUEUE, PLANNING_QUEUE } from '@navette/contracts';
import { Queue } from 'bullmq';
import type { Server, Socket } from 'socket.io';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { MATCHING_QUEUE_TOKEN } from '../redis/redis.tokens.js';
import { StatusCountsRepository } from './status-counts.repository.js';

/** Buckets for HTTP answers, in seconds: 5 ms to 10 s. */
const HTTP_SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
/** The BullMQ states reported as queue depth. */
const QUEUE_STATES = ['waiting', 'delayed', 'active', 'failed', 'prioritized', 'waiting-children'] as const;

/**
 * The API's Prometheus series, in a registry of its own (tests boot several APIs in one process).
 * Counters and histograms are this node's; the ride, offer and queue gauges are read from
 * PostgreSQL and Redis when scraped, so every node reports the same whole-deployment numbers.
 */
@Injectable()
export class ApiMetricsService implements OnApplicationShutdown {
  readonly registry = new Registry();
  /** Time to answer an HTTP request, by method, route pattern and status, seconds. */
  readonly httpSeconds = new Histogram({
    name: 'navette_http_request_duration_seconds',
    help: 'Time the API took to answer an HTTP request, by method, route pattern and status, in seconds.',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: HTTP_SECONDS,
    registers: [this.registry],
  });
  /** socket.io connections open on this node. */
  readonly socketConnections = new Gauge({
    name: 'navette_socket_connections',
    help: 'socket.io connections open on this API node.',
    registers: [this.registry],
  });
  /** socket.io events, by direction (`in`: a client's command, `out`: sent to a client) and name. */
  readonly socketEvents = new Counter({
    name: 'navette_socket_events_total',
    help: 'socket.io events on this API node, by direction (in, out) and event name.',
    labelNames: ['direction', 'event'] as const,
    registers: [this.registry],
  });
  /** The `planning` queue (this service's own handle; the rota module has another). */
  readonly planningQueue: Queue;

  constructor(
    @Inject(StatusCountsRepository) counts: StatusCountsRepository,
    @Inject(MATCHING_QUEUE_TOKEN) matchingQueue: Queue,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.planningQueue = new Queue(PLANNING_QUEUE, {
      connection: { url: config.redisUrl },
      prefix: config.queuePrefix,
    });
    this.planningQueue.on('error', () => undefined); // health reports Redis; a scrape fails alone
    const queues = [
      [MATCHING_QUEUE, matchingQueue],
      [PLANNING_QUEUE, this.planningQueue],
    ] as const;
    collectDefaultMetrics({ register: this.registry, prefix: 'navette_api_' });
    new Gauge({
      name: 'navette_rides',
      help: 'Rides, by status (from the database, when scraped).',
      labelNames: ['status'] as const,
      registers: [this.registry],
      async collect() {
        this.reset();
        for (const row of await counts.rides()) this.set({ status: row.status }, row.n);
      },
    });
    new Gauge({
      name: 'navette_offers',
      help: 'Offers to drivers, by outcome (pending, accepted, declined, expired, withdrawn; from the database, when scraped).',
      labelNames: ['outcome'] as const,
      registers: [this.registry],
      async collect() {
        this.reset();
        for (const row of await counts.offers()) this.set({ outcome: row.status }, row.n);
      },
    });
    new Gauge({
      name: 'navette_queue_jobs',
      help: 'Jobs in the BullMQ queues, by queue and state (from Redis, when scraped).',
      labelNames: ['queue', 'state'] as const,
      registers: [this.registry],
      async collect() {
        for (const [name, queue] of queues) {
          const counts = await queue.getJobCounts(...QUEUE_STATES);
          for (const state of QUEUE_STATES) this.set({ queue: name, state }, counts[state] ?? 0);
        }
      },
    });
  }

  /**
   * Counts `server`'s connections and events. A client's event that no handler listens to counts
   * as `unknown`: clients choose event names, and each name would be a new series.
   */
  observeSockets(server: Server): void {
    server.on('connection', (socket: Socket) => {
      this.socketConnections.inc();
      socket.on('disconnect', () => this.socketConnections.dec());
      socket.onAny((event: string) =>
        this.socketEvents.inc({
          direction: 'in',
          event: socket.listeners(event).length > 0 ? event : 'unknown',
        }),
      );
      socket.onAnyOutgoing((event: string) => this.socketEvents.inc({ direction: 'out', event }));
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.planningQueue.close();
  }
}
