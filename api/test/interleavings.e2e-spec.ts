import { DISPATCH_INVARIANTS } from './dispatch-invariants.js';
import { DispatcherProcess } from './dispatcher-process.js';
import { Fixtures } from './fixtures.js';
import {
  closeWorld,
  openWorld,
  runInterleaving,
  type InterleavingReport,
  type World,
} from './interleavings.js';
import { loadSoakConfig } from './soak-config.js';
import { startStack, type Stack } from './stack.js';

const config = loadSoakConfig();

/**
 * Random schedules of requests, offers, accepts, declines, cancellations, pickups, drop-offs,
 * no-shows, shift ends and SIGKILLs of the dispatcher process, on the real API, dispatcher,
 * PostgreSQL and Redis; after each, every dispatch invariant is checked in SQL. Small under
 * `npm test`; `npm run soak` runs it long (soak-config.ts). Needs the build (the dispatcher runs
 * from dist/).
 */
describe('randomised interleavings on the real stack', () => {
  let stack: Stack;
  let fixtures: Fixtures;
  let dispatcher: DispatcherProcess | undefined;
  let world: World | undefined;

  beforeAll(async () => {
    stack = await startStack({
      dispatcher: false,
      rateLimits: { rideRequestsPerMinute: 100_000, positionsPerMinute: 100_000 },
    });
    fixtures = Fixtures.open(stack.databaseUrl);
    dispatcher = new DispatcherProcess(stack);
    dispatcher.start();
    world = await openWorld(stack, fixtures, dispatcher, {
      drivers: 4,
      riders: 10,
      centre: [24.95, 60.18],
      half: 0.02,
    });
  });

  afterAll(async () => {
    if (world) closeWorld(world);
    await dispatcher?.kill();
    await fixtures.close();
    await stack.stop();
  });

  it(
    'every invariant holds after every interleaving',
    async () => {
      const deadline = Date.now() + config.seconds * 1000;
      const reports: InterleavingReport[] = [];
      const say = (line: string) => process.stdout.write(`${line}\n`);
      say(
        `interleavings: up to ${config.interleavings} of ${config.actionsPerInterleaving} actions, ` +
          `${config.seconds} s, first seed ${config.seed} (NAVETTE_SOAK_SEED replays it)`,
      );
      for (let i = 0; i < config.interleavings && Date.now() < deadline; i++) {
        const report = await runInterleaving(world!, config.seed + i, config.actionsPerInterleaving);
        reports.push(report);
        say(
          `  seed ${report.seed}: fired ${JSON.stringify(report.fired)}, ` +
            `succeeded ${JSON.stringify(report.succeeded)}; ` +
            `${report.actionsMs} ms + drain ${report.drainMs} ms; ` +
            `${report.invariantsChecked} invariant checks, ${report.broken.length} broken`,
        );
        for (const b of report.broken) say(`    BROKEN ${b.name}: ${JSON.stringify(b.rows)}`);
        if (report.broken.length > 0) break;
      }
      const actions = reports.reduce((sum, r) => sum + Object.values(r.fired).reduce((a, b) => a + b, 0), 0);
      const checks = reports.reduce((sum, r) => sum + r.invariantsChecked, 0);
      say(
        `interleavings tried: ${reports.length}, actions: ${actions}, dispatcher kills: ${dispatcher!.kills}, ` +
          `invariants (${DISPATCH_INVARIANTS.length + 1} kinds) checked: ${checks}`,
      );
      expect(reports.flatMap((r) => r.broken.map((b) => ({ seed: r.seed, ...b })))).toEqual([]);
    },
    config.seconds * 1000 + 240_000,
  );
});
