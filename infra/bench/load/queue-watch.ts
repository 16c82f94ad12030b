// The matching queue seen from outside, through BullMQ's own event stream and counts: the batching
// window the API chose for each new ride (its job's delay), rides sent back for another round,
// and the queue's depth once a second.
import { MATCHING_QUEUE } from '@navette/contracts';
import { Queue, QueueEvents } from 'bullmq';
import { now } from './messages.js';

const JOB_ID = /^match-ride_(.+)_(\d+)$/;
/** The wall-clock milliseconds of a Redis stream entry id (`<ms>-<seq>`). */
const streamMs = (id: string) => Number(id.split('-')[0]);

export interface DepthSample {
  at: number;
  waiting: number;
  delayed: number;
  active: number;
}

export class QueueWatch {
  /** Ride id → the window its first job waited, ms. */
  readonly windows = new Map<string, number>();
  /** Ride id → the highest later round it was sent back to matching for. */
  readonly retried = new Map<string, number>();
  readonly depth: DepthSample[] = [];
  private readonly events: QueueEvents;
  private readonly queue: Queue;
  private timer: NodeJS.Timeout | undefined;

  constructor(redisUrl: string, prefix: string) {
    const connection = { url: redisUrl };
    this.events = new QueueEvents(MATCHING_QUEUE, { connection, prefix });
    this.queue = new Queue(MATCHING_QUEUE, { connection, prefix });
    this.events.on('delayed', ({ jobId, delay }, id) => {
      const match = JOB_ID.exec(jobId);
      if (match?.[2] === '0') this.windows.set(match[1]!, Math.max(0, delay - streamMs(id)));
    });
    this.events.on('added', ({ jobId }) => {
      const match = JOB_ID.exec(jobId);
      const round = Number(match?.[2] ?? 0);
      if (match && round > 0) this.retried.set(match[1]!, Math.max(round, this.retried.get(match[1]!) ?? 0));
    });
  }

  async start(): Promise<void> {
    await this.events.waitUntilReady();
    this.timer = setInterval(() => {
      void this.queue.getJobCounts('waiting', 'delayed', 'active', 'prioritized').then(
        (c) =>
          this.depth.push({
            at: now(),
            waiting: (c.waiting ?? 0) + (c.prioritized ?? 0),
            delayed: c.delayed ?? 0,
            active: c.active ?? 0,
          }),
        () => undefined,
      );
    }, 1000);
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.events.close();
    await this.queue.close();
  }
}
