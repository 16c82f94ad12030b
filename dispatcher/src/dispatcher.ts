import {
  EXPIRE_OFFER_JOB,
  MATCHING_QUEUE,
  MATCH_RIDE_JOB,
  OFFER_TO_DRIVER_JOB,
  PLANNING_QUEUE,
  ROTA_SWEEP_JOB,
  SWEEP_JOB,
  type ExpireOfferJob,
  type MatchRideJob,
  type OfferToDriverJob,
} from '@navette/contracts';
import { startPlanningWorker } from './planning/planning-worker.js';
import { Queue, UnrecoverableError, Worker, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import { DataSource } from 'typeorm';
import { poolOptions } from '@navette/sql';
import type { DispatcherConfig } from './dispatcher-config.js';
import { ExpireOfferHandler } from './expire-offer.handler.js';
import { MatchBatchHandler } from './batch/match-batch.handler.js';
import { OfferToDriverHandler } from './batch/offer-to-driver.handler.js';
import { TrustCache } from './batch/trust-cache.js';
import { MATCH_ZONE_JOB, MatchingScheduler, type MatchZoneJob } from './matching-scheduler.js';
import { hostname } from 'node:os';
import { OutboundEvents } from './outbound-events.js';
import { Sweeper } from './sweeper.js';
import { createTravelModel } from './travel-model.js';
import { announceOpenOffers } from './unannounced-offers.js';
import type { Logger } from 'pino';
import { createDispatcherLogger } from './observability/dispatcher-logger.js';
import { DispatcherMetrics } from './observability/dispatcher-metrics.js';
import { serveMetrics } from './observability/metrics-server.js';
import { observedJobs } from './observability/observed-job.js';
import { onceEach } from './observability/once-each.js';

export interface Dispatcher {
  /** Waits for jobs in progress, then closes the worker, the queue and the connections. */
  close(): Promise<void>;
  readonly worker: Worker;
  /** Where the Prometheus metrics are served (`metricsPort` set), e.g. `http://127.0.0.1:9464/metrics`. */
  readonly metricsUrl: string | undefined;
}

/**
 * Wires the `matching` worker (one processor routing each job name to its handler) and the
 * `planning` worker (a day's rota).
 */
export async function startDispatcher(
  config: DispatcherConfig,
  log: Logger = createDispatcherLogger(),
): Promise<Dispatcher> {
  const metrics = new DispatcherMetrics();
  const db = await new DataSource({
    type: 'postgres',
    url: config.databaseUrl,
    synchronize: false,
    entities: [],
    extra: poolOptions(config.concurrency + 2),
    // A failed query fails its job, which is logged as JSON with its stack (observed-job.ts);
    // TypeORM's own plain-text lines would break the one-JSON-object-per-line log.
    logging: false,
  }).initialize();
  const connection = { url: config.redisUrl };
  const queue = new Queue(MATCHING_QUEUE, { connection, prefix: config.queuePrefix });
  // Redis going away is expected (restarts); jobs resume when it is back, the sweeper catches up.
  // Said once per kind of failure and connection, not once per reconnection attempt.
  queue.on('error', onceEach(log, 'matching queue'));
  const publisher = new Redis(config.redisUrl, { maxRetriesPerRequest: 1 });
  publisher.on('error', onceEach(log, 'event publisher'));
  const events = new OutboundEvents(publisher, config.queuePrefix);
  const scheduler = new MatchingScheduler(queue, config.retryNoDriverMs);
  const travel = createTravelModel(config);
  const matchRide = new MatchBatchHandler(
    db,
    scheduler,
    events,
    travel,
    new TrustCache(db, config.trustRefreshMs),
    {
      maxRides: 200,
      improveMs: 50,
      fairness: config.fairness,
      candidatesPerRide: 40,
      // Half the sweep period: every sweep finds its zones due, batches under load do not repeat it.
      takeover: config.takeover && { ...config.takeover, everyMs: config.sweepEveryMs / 2 },
    },
  );
  const expireOffer = new ExpireOfferHandler(db, scheduler, events);
  const offerToDriver = new OfferToDriverHandler(db, scheduler, events, travel);
  const sweeper = new Sweeper(db, scheduler, expireOffer, config.takeover !== undefined);
  // Who ran a batch, in the log (the partitioning test reads it).
  const workerName = `${hostname()}:${process.pid}`;

  const worker = new Worker(
    MATCHING_QUEUE,
    observedJobs(MATCHING_QUEUE, metrics, log, async (job: Job) => {
      switch (job.name) {
        case MATCH_RIDE_JOB: {
          // The ride's window has passed: its zone gets a batch, never two at once (ADR 0031).
          const zoneId = await matchRide.zoneToBatch(job.data as MatchRideJob);
          if (!zoneId) return { kind: 'stale' };
          await scheduler.scheduleZoneBatch(zoneId);
          return { kind: 'zone-batch', zoneId };
        }
        case MATCH_ZONE_JOB: {
          const { zoneId } = job.data as MatchZoneJob;
          const startedAt = performance.timeOrigin + performance.now();
          log.debug({ zoneId, worker: workerName, startedAt }, 'zone batch started');
          const outcome = await matchRide.batchZone(zoneId);
          const endedAt = performance.timeOrigin + performance.now();
          if (outcome.kind === 'batch') {
            metrics.batchSeconds.observe((endedAt - startedAt) / 1000);
            metrics.offersMade.inc(outcome.offered);
            metrics.ridesReplanned.inc(outcome.replanned);
            metrics.batchConflicts.inc(outcome.conflicts);
            for (const [read, snapshots] of Object.entries(outcome.driverReads))
              metrics.batchDriverReads.inc({ read }, snapshots);
            for (const [stage, rides] of Object.entries(outcome.sentBack))
              metrics.ridesSentBack.inc({ stage }, rides);
            for (const seconds of outcome.offeredWaitSeconds)
              metrics.matchSeconds.observe(Math.max(0, seconds));
            // More rides wait than one batch takes: the next batch of the zone follows this one.
            if (outcome.full) await scheduler.scheduleZoneBatch(zoneId);
            log.info(
              {
                zoneId,
                worker: workerName,
                startedAt,
                endedAt,
                rides: outcome.rides,
                offered: outcome.offered,
                conflicts: outcome.conflicts,
                takeovers: outcome.takeovers,
              },
              'zone batch',
            );
          }
          return outcome;
        }
        case EXPIRE_OFFER_JOB:
          return expireOffer.handle(job.data as ExpireOfferJob);
        case SWEEP_JOB:
          return sweeper.sweep();
        case OFFER_TO_DRIVER_JOB:
          return offerToDriver.handle(job.data as OfferToDriverJob);
        default:
          throw new UnrecoverableError(`unknown job ${job.name}`);
      }
    }),
    {
      connection,
      prefix: config.queuePrefix,
      concurrency: config.concurrency,
      // A killed worker's jobs are picked up again after this: short, because riders wait.
      lockDuration: 10_000,
      stalledInterval: 5_000,
    },
  );
  worker.on('error', onceEach(log, 'matching worker'));
  const planning = startPlanningWorker(config, metrics, log, { db, events });
  await queue.upsertJobScheduler(SWEEP_JOB, { every: config.sweepEveryMs }, { name: SWEEP_JOB });
  const planningQueue = new Queue(PLANNING_QUEUE, { connection, prefix: config.queuePrefix });
  planningQueue.on('error', onceEach(log, 'planning queue'));
  await planningQueue.upsertJobScheduler(
    ROTA_SWEEP_JOB,
    { every: config.rotaSweepEveryMs ?? 60_000 },
    { name: ROTA_SWEEP_JOB, opts: { removeOnComplete: true, removeOnFail: 100 } },
  );
  await worker.waitUntilReady();
  await planning.waitUntilReady();
  // A dispatcher killed between committing offers and announcing them leaves them unheard of.
  await announceOpenOffers(db, scheduler, events);
  const served =
    config.metricsPort === undefined ? undefined : await serveMetrics(metrics.registry, config.metricsPort);
  log.info({ concurrency: config.concurrency, metrics: served?.url }, 'dispatcher: matching worker ready');

  return {
    worker,
    metricsUrl: served?.url,
    async close() {
      await served?.close();
      await Promise.all([worker.close(), planning.close()]);
      await queue.close();
      await planningQueue.close();
      publisher.disconnect();
      await db.destroy();
    },
  };
}
