import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Buckets for job and batch times, in seconds: 5 ms to 10 s. */
const JOB_SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
/** Buckets for a rider's wait until the first offer, in seconds: 1 s to 10 min. */
const MATCH_SECONDS = [1, 2, 5, 10, 20, 30, 60, 120, 300, 600];

/**
 * The dispatcher's Prometheus series, in a registry of its own (a test runs several dispatchers in
 * one process). Served on DISPATCHER_METRICS_PORT by `metrics-server.ts`.
 */
export class DispatcherMetrics {
  readonly registry = new Registry();
  /** Jobs finished, by queue, job name and `outcome` (`completed` or `failed`). */
  readonly jobs = new Counter({
    name: 'navette_dispatcher_jobs_total',
    help: 'Jobs the dispatcher finished, by queue, job name and outcome (completed, failed).',
    labelNames: ['queue', 'job', 'outcome'] as const,
    registers: [this.registry],
  });
  /** Time a job ran, seconds. */
  readonly jobSeconds = new Histogram({
    name: 'navette_dispatcher_job_duration_seconds',
    help: 'Time the dispatcher spent on a job, in seconds.',
    labelNames: ['queue', 'job'] as const,
    buckets: JOB_SECONDS,
    registers: [this.registry],
  });
  /** Time a job waited in its queue before a worker took it (its delay excluded), seconds. */
  readonly jobWaitSeconds = new Histogram({
    name: 'navette_dispatcher_job_wait_seconds',
    help: 'Time a job waited in its queue before the dispatcher took it (delay excluded), in seconds.',
    labelNames: ['queue', 'job'] as const,
    buckets: JOB_SECONDS,
    registers: [this.registry],
  });
  /** Time one matching batch (load, assign, commit, announce) took, seconds; stale jobs excluded. */
  readonly batchSeconds = new Histogram({
    name: 'navette_dispatcher_batch_duration_seconds',
    help: 'Time one matching batch took (load, assign, commit, announce), in seconds.',
    buckets: JOB_SECONDS,
    registers: [this.registry],
  });
  /** Rides offered to a driver by a batch. */
  readonly offersMade = new Counter({
    name: 'navette_dispatcher_offers_made_total',
    help: 'Offers made to drivers by matching batches.',
    registers: [this.registry],
  });
  /** Rides offered after their batch re-planned them (ADR 0029). */
  readonly ridesReplanned = new Counter({
    name: 'navette_dispatcher_rides_replanned_total',
    help: 'Rides offered after being re-planned within their batch (the engine had pooled them onto a driver offered another ride).',
    registers: [this.registry],
  });
  /** Rides whose plan no longer held when their batch committed (driver taken or route changed), planned again (ADR 0031). */
  readonly batchConflicts = new Counter({
    name: 'navette_dispatcher_batch_conflicts_total',
    help: 'Rides whose plan no longer held when their batch committed (the driver taken or their route changed meanwhile), planned again or sent back.',
    registers: [this.registry],
  });
  /** How batches found the drivers near their rides: the pools around the pickups, or every free driver (ADR 0037). */
  readonly batchDriverReads = new Counter({
    name: 'navette_dispatcher_batch_driver_reads_total',
    help: "Batch snapshots by how they found the drivers near their rides: 'around' (the drivers nearest each pickup proved enough) or 'all' (every free driver of the zone read).",
    labelNames: ['read'],
    registers: [this.registry],
  });
  /** Rides a batch sent back to matching (a retry round), by the reason stored with them. */
  readonly ridesSentBack = new Counter({
    name: 'navette_dispatcher_rides_sent_back_total',
    help: "Rides a batch sent back to matching for a later round, by the stage stored as their reason (the engine's stages, no-driver-left-in-batch, driver-taken-meanwhile).",
    labelNames: ['stage'],
    registers: [this.registry],
  });
  /** From a ride's request (or booked pickup time) to an offer being made for it, seconds. */
  readonly matchSeconds = new Histogram({
    name: 'navette_dispatcher_match_latency_seconds',
    help: "Time from a ride's request (or booked pickup time) to an offer for it, in seconds.",
    buckets: MATCH_SECONDS,
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'navette_dispatcher_' });
  }
}
