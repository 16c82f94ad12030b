import {
  PLAN_DAY_JOB,
  PLANNING_QUEUE,
  ROTA_SWEEP_JOB,
  type PlanDayJob,
  type RotaView,
} from '@navette/contracts';
import { UnrecoverableError, Worker, type Job } from 'bullmq';
import type { DispatcherConfig } from '../dispatcher-config.js';
import type { DataSource } from 'typeorm';
import type { OutboundEvents } from '../outbound-events.js';
import { PlanDayHandler } from './plan-day.handler.js';
import { RotaSweepHandler, type RotaSweepOutcome } from './rota-sweep.handler.js';
import type { Logger } from 'pino';
import { onceEach } from '../observability/once-each.js';
import type { DispatcherMetrics } from '../observability/dispatcher-metrics.js';
import { observedJobs } from '../observability/observed-job.js';

/**
 * The `planning` worker: plans the days the API asks for (`plan-day`) and returns the `RotaView`
 * as the job's result, which the waiting API request answers with; runs the rota's repeating
 * `sweep-rota` (reminders, no-shows, the day-ahead check of tomorrow's booked rides). One plan at a time: each holds
 * this process's event loop for up to the planner's budget (2 s), delaying matching jobs that long.
 */
export function startPlanningWorker(
  config: Pick<DispatcherConfig, 'redisUrl' | 'queuePrefix'>,
  metrics: DispatcherMetrics,
  log: Logger,
  rota: { db: DataSource; events: OutboundEvents },
): Worker {
  const planDay = new PlanDayHandler();
  const rotaSweep = new RotaSweepHandler(rota.db, rota.events, planDay);
  const worker = new Worker<PlanDayJob, RotaView | RotaSweepOutcome>(
    PLANNING_QUEUE,
    observedJobs(
      PLANNING_QUEUE,
      metrics,
      log,
      (job: Job<PlanDayJob, RotaView | RotaSweepOutcome>): Promise<RotaView | RotaSweepOutcome> => {
        if (job.name === ROTA_SWEEP_JOB) return rotaSweep.sweep();
        if (job.name !== PLAN_DAY_JOB) throw new UnrecoverableError(`unknown job ${job.name}`);
        return Promise.resolve(planDay.handle(job.data));
      },
    ),
    {
      connection: { url: config.redisUrl },
      prefix: config.queuePrefix,
      concurrency: 1,
      // A plan runs up to 2 s without yielding: the lock must outlast it.
      lockDuration: 30_000,
    },
  );
  worker.on('error', onceEach(log, 'planning worker'));
  return worker;
}
