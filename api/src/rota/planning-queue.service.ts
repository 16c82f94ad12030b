import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import {
  PLAN_DAY_JOB,
  PLANNING_QUEUE,
  planDayJobId,
  type PlanDayJob,
  type RotaView,
} from '@navette/contracts';
import { Queue } from 'bullmq';
import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { AppError } from '../common/app-error.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';

/**
 * Longest a rota request waits for a dispatcher to plan the day, in milliseconds: five times the
 * planner's own budget (2 s), so a busy dispatcher still answers; past it, 503 PLANNER_UNAVAILABLE.
 */
export const PLAN_WAIT_MS = 10_000;

/** How often a waiting request looks at its job, in milliseconds. */
const POLL_MS = 100;

/** How long a finished plan is kept for the same question asked again, in seconds. */
const KEEP_PLAN_SECONDS = 600;

/**
 * Hands day planning to the dispatcher (queue `planning`, job `plan-day`) and waits for its answer:
 * the planner holds an event loop for seconds, and the API's serves every socket and request.
 * It polls the job rather than listening with `QueueEvents`, whose `close()` never returns while
 * its connection waits to reconnect after a Redis outage: the API could not shut down (ADR 0012).
 */
@Injectable()
export class PlanningQueueService implements OnApplicationShutdown {
  private readonly queue: Queue<PlanDayJob, RotaView>;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.queue = new Queue(PLANNING_QUEUE, {
      connection: { url: config.redisUrl },
      prefix: config.queuePrefix,
    });
    // Redis going away is reported by health and by the request that needed it.
    this.queue.on('error', () => undefined);
  }

  /** The dispatcher's plan of the day; PLANNER_UNAVAILABLE when none answers within `PLAN_WAIT_MS`. */
  async plan(job: PlanDayJob): Promise<RotaView> {
    const deadline = Date.now() + PLAN_WAIT_MS;
    const jobId = planDayJobId(
      job,
      createHash('sha256').update(JSON.stringify(job)).digest('hex').slice(0, 32),
    );
    // Same id for the same input: a plan waiting, in progress or just made is shared, not redone.
    await this.beforeDeadline(
      this.queue.add(PLAN_DAY_JOB, job, {
        jobId,
        removeOnComplete: { age: KEEP_PLAN_SECONDS },
        // A failed plan is not kept: the next request plans again rather than replay the failure.
        removeOnFail: true,
      }),
      deadline,
    );
    for (;;) {
      const found = await this.beforeDeadline(this.queue.getJob(jobId), deadline);
      if (!found) throw new Error(`plan ${jobId} failed in the dispatcher (see its log)`);
      if (found.finishedOn) return found.returnvalue;
      if (Date.now() + POLL_MS >= deadline) throw unavailable();
      await sleep(POLL_MS);
    }
  }

  /** `work`, or PLANNER_UNAVAILABLE if it has not settled by `deadline` (Redis away, say). */
  private async beforeDeadline<T>(work: Promise<T>, deadline: number): Promise<T> {
    work.catch(() => undefined);
    let timer: NodeJS.Timeout | undefined;
    try {
      return await Promise.race([
        work,
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(unavailable()), Math.max(0, deadline - Date.now()));
        }),
      ]);
    } finally {
      clearTimeout(timer);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.queue.close();
  }
}

const unavailable = () =>
  new AppError('PLANNER_UNAVAILABLE', `no dispatcher planned the day within ${PLAN_WAIT_MS / 1000} s`);
