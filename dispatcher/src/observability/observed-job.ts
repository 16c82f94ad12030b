import type { Job } from 'bullmq';
import type { Logger } from 'pino';
import type { DispatcherMetrics } from './dispatcher-metrics.js';
import { jobContext } from './dispatcher-logger.js';

/**
 * Wraps a worker's processor: the job runs inside its log context (`jobId` on every line), its
 * wait and run times and its outcome are counted, and a failure is logged with its stack (and the
 * attempt) before BullMQ retries or fails it. Nothing is swallowed: the error is rethrown.
 */
export function observedJobs<R>(
  queue: string,
  metrics: DispatcherMetrics,
  log: Logger,
  process: (job: Job) => Promise<R>,
): (job: Job) => Promise<R> {
  return (job) =>
    jobContext.run({ queue, job: job.name, jobId: job.id }, async () => {
      const labels = { queue, job: job.name };
      const started = Date.now();
      const enqueuedAt = job.timestamp + (job.opts.delay ?? 0);
      if (job.attemptsMade === 0)
        metrics.jobWaitSeconds.observe(labels, Math.max(0, started - enqueuedAt) / 1000);
      try {
        const result = await process(job);
        metrics.jobs.inc({ ...labels, outcome: 'completed' });
        return result;
      } catch (error) {
        metrics.jobs.inc({ ...labels, outcome: 'failed' });
        log.error({ err: error, attempt: job.attemptsMade + 1 }, 'job failed');
        throw error;
      } finally {
        metrics.jobSeconds.observe(labels, (Date.now() - started) / 1000);
      }
    });
}
