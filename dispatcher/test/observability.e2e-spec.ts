import { MATCHING_QUEUE, MATCH_RIDE_JOB } from '@navette/contracts';
import { Queue } from 'bullmq';
import { startDispatcher, type Dispatcher } from '../src/dispatcher.js';
import { createDispatcherLogger } from '../src/observability/dispatcher-logger.js';
import { eventually } from '../../api/test/stack.js';
import {
  createTestDatabase,
  redisUrl,
  uniquePrefix,
  type TestDatabase,
} from '../../api/test/test-database.js';

/** `eventually` for a check that needs no waiting of its own. */
const soon = <T>(check: () => T | undefined, timeoutMs?: number) =>
  eventually(() => Promise.resolve(check()), timeoutMs);

interface LogLine {
  level: number;
  msg: string;
  service?: string;
  queue?: string;
  job?: string;
  jobId?: string;
  err?: { message: string; stack?: string };
}

/**
 * The dispatcher wrote one line in its life and dropped every worker error (`on('error', () =>
 * undefined)`, no `failed` listener): a job that kept failing left no trace. Its log is now JSON
 * lines, a failed job is logged with its id and stack, and its counts are served to Prometheus.
 */
describe('dispatcher logs and metrics', () => {
  let database: TestDatabase;
  let dispatcher: Dispatcher;
  let queue: Queue;
  const lines: LogLine[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    const queuePrefix = uniquePrefix('dispatcher-ops');
    const log = createDispatcherLogger({
      write: (line: string) => void lines.push(JSON.parse(line) as LogLine),
    });
    dispatcher = await startDispatcher(
      {
        databaseUrl: database.url,
        redisUrl,
        queuePrefix,
        concurrency: 2,
        sweepEveryMs: 60_000,
        retryNoDriverMs: 300,
        travel: { speedMetersPerSecond: 8.33, circuity: 1.3 },
        fairness: true,
        takeover: undefined,
        trustRefreshMs: 1000,
        metricsPort: 0,
      },
      log,
    );
    queue = new Queue(MATCHING_QUEUE, { connection: { url: redisUrl }, prefix: queuePrefix });
  });

  afterAll(async () => {
    await queue.close();
    await dispatcher.close();
    await database.drop();
  });

  it('says it is ready, as a JSON line', () => {
    expect(lines.find((l) => l.msg === 'dispatcher: matching worker ready')).toMatchObject({
      service: 'dispatcher',
    });
  });

  it('logs a job that fails (a database error), with its job id and stack', async () => {
    const job = await queue.add(MATCH_RIDE_JOB, { rideId: 'not-a-uuid', round: 0 }, { attempts: 1 });
    const failed = await soon(() => lines.find((l) => l.msg === 'job failed' && l.jobId === job.id), 20_000);
    expect(failed).toMatchObject({ level: 50, queue: MATCHING_QUEUE, job: MATCH_RIDE_JOB });
    expect(failed.err?.message).toMatch(/uuid/);
    expect(failed.err?.stack).toBeDefined();
  });

  it('logs an unknown job, and counts both failures in its metrics', async () => {
    const job = await queue.add('no-such-job', {});
    await soon(
      () => lines.find((l) => l.jobId === job.id && l.err?.message === 'unknown job no-such-job'),
      20_000,
    );
    const text = await (await fetch(dispatcher.metricsUrl!)).text();
    expect(text).toContain(
      'navette_dispatcher_jobs_total{queue="matching",job="no-such-job",outcome="failed"} 1',
    );
    expect(text).toContain(
      `navette_dispatcher_jobs_total{queue="matching",job="${MATCH_RIDE_JOB}",outcome="failed"} 1`,
    );
    expect(text).toMatch(
      /navette_dispatcher_job_duration_seconds_count\{queue="matching",job="no-such-job"\} 1/,
    );
    expect(text).toContain('navette_dispatcher_process_cpu_seconds_total');
  });
});
