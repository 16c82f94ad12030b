import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import {
  PLAN_DAY_JOB,
  PLANNING_QUEUE,
  planDayJobId,
  type PlanDayJob,
  type RotaView,
} from '@navette/contracts';
import { Queue, QueueEvents } from 'bullmq';
import { createHash } from 'node:crypto';
import { AppError } from '../common/app-error.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';

/**
 * Longest a rota request waits for a dispatcher to plan the day, in milliseconds: five times the
 * planner's own budget (2 s), so a busy dispatcher still answers; past it, 503 PLANNER_UNAVAILABLE.
 */
export const PLAN_WAIT_MS = 10_000;

/** How long a finished plan is kept for the same question asked again, in seconds. */
const KEEP_PLAN_SECONDS = 600;

/**
 * Hands day planning to the dispatcher (queue `planning`, job `plan-day`) and waits for its answer:
 * the planner holds an event loop for seconds, and the API's serves every socket and request.
 */
@Injectable()
export class PlanningQueueService implements OnApplicationShutdown {
  private readonly queue: Queue;
  private readonly events: QueueEvents;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    const options = { connection: { url: config.redisUrl }, prefix: config.queuePrefix };
    this.queue = new Queue(PLANNING_QUEUE, options);
    this.events = new QueueEvents(PLANNING_QUEUE, options);
    // Redis going away is reported by health and by the request that needed it.
    this.queue.on('error', () => undefined);
    this.events.on('error', () => undefined);
  }

  /** The dispatcher's plan of the day; PLANNER_UNAVAILABLE when none answers within `PLAN_WAIT_MS`. */
  async plan(job: PlanDayJob): Promise<RotaView> {
    const deadline = Date.now() + PLAN_WAIT_MS;
    const unavailable = () =>
      new AppError('PLANNER_UNAVAILABLE', `no dispatcher planned the day within ${PLAN_WAIT_MS / 1000} s`);
    const version = createHash('sha256').update(JSON.stringify(job)).digest('hex').slice(0, 32);
    try {
      // Subscribed before the job exists, so its completion cannot slip by unseen.
      await withTimeout(this.events.waitUntilReady(), PLAN_WAIT_MS);
      // Same id for the same input: a plan in progress or just made is shared, not redone.
      const added = await withTimeout(
        this.queue.add(PLAN_DAY_JOB, job, {
          jobId: planDayJobId(job, version),
          removeOnComplete: { age: KEEP_PLAN_SECONDS },
          // A failed plan is not kept: the next request plans again.
          removeOnFail: true,
        }),
        deadline - Date.now(),
      );
      return (await added.waitUntilFinished(this.events, Math.max(1, deadline - Date.now()))) as RotaView;
    } catch (error) {
      if (error instanceof TimeoutError || /timed out before finishing/.test((error as Error).message))
        throw unavailable();
      throw error;
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.events.close();
    await this.queue.close();
  }
}

class TimeoutError extends Error {}

async function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  work.catch(() => undefined);
  try {
    return await Promise.race([
      work,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new TimeoutError()), Math.max(1, ms));
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
