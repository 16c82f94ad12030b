import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PLANNING_QUEUE, type ErrorBody, type RotaView } from '@navette/contracts';
import { Queue, QueueEvents } from 'bullmq';
import { PLAN_WAIT_MS } from '../src/rota/planning-queue.service.js';
import { Fixtures } from './fixtures.js';
import { bookRides, daysAhead, rotaDrivers } from './rota-fixtures.js';
import { client, login, startStack, type Stack } from './stack.js';
import { redisUrl } from './test-database.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const dispatcherMain = join(root, 'dispatcher', 'dist', 'src', 'main.js');

/**
 * A day's rota is planned by the dispatcher, in its own process: the API hands over a `plan-day`
 * job and keeps serving requests while the planner searches. Needs the build (dispatcher/dist).
 */
describe('the rota is planned by the dispatcher, never on the API’s event loop', () => {
  let stack: Stack;
  let fixtures: Fixtures;
  let town: string;
  let http: ReturnType<typeof client>;
  let dispatcher: ChildProcess | undefined;
  let events: QueueEvents;
  let queue: Queue;

  beforeAll(async () => {
    if (!existsSync(dispatcherMain))
      throw new Error(`build first: ${dispatcherMain} is missing (npm run build)`);
    stack = await startStack({ dispatcher: false });
    fixtures = Fixtures.open(stack.databaseUrl);
    town = await fixtures.aTerritory({ centre: [24.95, 60.18], half: 0.05 });
    const cora = await fixtures.aMember('coordinator', { coordinates: [town] });
    http = client(stack.baseUrl, (await login(stack.baseUrl, cora.email, cora.password)).token);
    events = new QueueEvents(PLANNING_QUEUE, { connection: { url: redisUrl }, prefix: stack.queuePrefix });
    await events.waitUntilReady();
    queue = new Queue(PLANNING_QUEUE, { connection: { url: redisUrl }, prefix: stack.queuePrefix });
  });

  afterAll(async () => {
    if (dispatcher && dispatcher.exitCode === null) {
      const exited = new Promise((resolve) => dispatcher!.once('exit', resolve));
      dispatcher.kill('SIGTERM');
      await exited;
    }
    await events.close();
    await queue.close();
    await fixtures.close();
    await stack.stop();
  });

  it('answers 503 PLANNER_UNAVAILABLE when no dispatcher plans the day in time', async () => {
    const date = daysAhead(3);
    await rotaDrivers(fixtures, town, date, 1);
    await bookRides(fixtures, town, date, 2);
    const asked = Date.now();
    const { status, body } = await http.get<ErrorBody>(`/api/territories/${town}/rota?date=${date}`);
    expect({ status, code: body.code }).toEqual({ status: 503, code: 'PLANNER_UNAVAILABLE' });
    expect(Date.now() - asked).toBeGreaterThanOrEqual(PLAN_WAIT_MS - 100);
  });

  it('keeps answering other requests while the dispatcher process plans a big day', async () => {
    const date = daysAhead(4);
    await rotaDrivers(fixtures, town, date, 8);
    const booked = await bookRides(fixtures, town, date, 90, 5);
    dispatcher = spawn(process.execPath, [dispatcherMain], {
      env: {
        ...process.env,
        DATABASE_URL: stack.databaseUrl,
        REDIS_URL: redisUrl,
        QUEUE_PREFIX: stack.queuePrefix,
      },
      stdio: 'ignore',
    });
    // The order things happen in, as this process (which is the API's) sees them. (The job the
    // first test left waiting is planned too, now: only this day's counts.)
    const seen: string[] = [];
    const thisDay = (jobId: string) => jobId.includes(`_${date}_`);
    events.on('active', ({ jobId }) => thisDay(jobId) && seen.push('plan started'));
    events.on('completed', ({ jobId }) => thisDay(jobId) && seen.push('plan finished'));
    let answered = false;
    const rota = http.get<RotaView>(`/api/territories/${town}/rota?date=${date}`).finally(() => {
      answered = true;
      seen.push('rota answered');
    });
    while (!answered) {
      // Answered at all is what counts here (its checks have their own 1.5 s timeouts).
      await (await fetch(`${stack.baseUrl}/api/health`)).arrayBuffer();
      seen.push('health answered');
    }
    const { status, body } = await rota;
    expect(status).toBe(200);
    expect(body.routes.flatMap((r) => r.stops).length + body.unassigned.length * 2).toBe(booked.length * 2);
    // The plan left the API's loop free: health was answered between the plan's start and end.
    const started = seen.indexOf('plan started');
    const finished = seen.indexOf('plan finished');
    expect(started).toBeGreaterThanOrEqual(0);
    expect(finished).toBeGreaterThan(started);
    expect(seen.slice(started, finished)).toContain('health answered');
  });

  it('plans the same question once: two coordinators asking at once share one job', async () => {
    const date = daysAhead(4);
    const planned = async () =>
      (await queue.getJobs(['completed', 'active', 'waiting'])).filter((job) =>
        job.id?.includes(`_${date}_`),
      );
    const before = await planned();
    expect(before).toHaveLength(1);
    const [first, second] = await Promise.all([
      http.get<RotaView>(`/api/territories/${town}/rota?date=${date}`),
      http.get<RotaView>(`/api/territories/${town}/rota?date=${date}`),
    ]);
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(second.body).toEqual(first.body);
    // The same input as the previous test: its finished plan is reused, nothing is planned again.
    const after = await planned();
    expect(after.map((job) => [job.id, job.finishedOn])).toEqual(
      before.map((job) => [job.id, job.finishedOn]),
    );
  });
});
