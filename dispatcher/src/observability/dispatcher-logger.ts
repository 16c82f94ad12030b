import { AsyncLocalStorage } from 'node:async_hooks';
import { pino, type DestinationStream, type Logger } from 'pino';

/** The job a log line was written for: queue, job name and BullMQ id (`jobId`). */
export interface JobContext {
  queue: string;
  job: string;
  jobId: string | undefined;
}

/** Set while a job runs, so every line written for it carries its id. */
export const jobContext = new AsyncLocalStorage<JobContext>();

/**
 * The dispatcher's log: one JSON object per line (pino) on stdout, or on `destination` (tests),
 * at `level` and above (default `info`); each line written during a job carries `queue`, `job`
 * and `jobId`.
 */
export function createDispatcherLogger(destination?: DestinationStream, level = 'info'): Logger {
  const options = {
    level,
    base: { service: 'dispatcher' },
    timestamp: pino.stdTimeFunctions.isoTime,
    mixin: () => ({ ...jobContext.getStore() }),
  };
  return destination ? pino(options, destination) : pino(options);
}
