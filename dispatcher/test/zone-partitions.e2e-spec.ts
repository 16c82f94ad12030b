import type { LngLat, RideView } from '@navette/contracts';
import { startStack, type Stack, aDriverOnShift, type Socket } from '../../api/test/stack.js';
import { acceptEveryOffer, eventually, client, login } from '../../api/test/stack.js';
import { Fixtures } from '../../api/test/fixtures.js';
import { DispatcherProcess } from '../../api/test/dispatcher-process.js';
import { brokenInvariants } from '../../api/test/dispatch-invariants.js';

interface BatchSpan {
  zoneId: string;
  worker: string;
  startedAt: number;
  /** Undefined while running; a killed worker's open batch ended when it was killed. */
  endedAt: number | undefined;
}

/**
 * Two real dispatcher processes share the `matching` queue; BullMQ's deduplication of each zone's
 * batch job (ADR 0031) keeps every zone batched by one worker at a time. One worker is killed with
 * SIGKILL in the middle of a stream of requests in two zones: the other finishes the work.
 * Each batch's start and end are read from the workers' logs. Needs the build.
 */
describe('zones partitioned across two dispatcher workers', () => {
  let stack: Stack;
  let fixtures: Fixtures;
  const workers: DispatcherProcess[] = [];
  const sockets: Socket[] = [];
  const acceptingDrivers: ReturnType<typeof acceptEveryOffer>[] = [];
  const spans = new Map<string, BatchSpan>();
  const killedAt = new Map<string, number>();

  /** Workers (by index) that said they are ready, and that started a batch. */
  const ready = new Set<number>();
  const batching = new Set<number>();

  /** Worker `index`'s log: ready, and each zone batch's start (debug) and end (info). */
  const onLineOf = (index: number) => (line: string) => {
    let entry: {
      msg?: string;
      jobId?: string;
      zoneId?: string;
      worker?: string;
      startedAt?: number;
      endedAt?: number;
    };
    try {
      entry = JSON.parse(line);
    } catch {
      return;
    }
    if (entry.msg === 'dispatcher: matching worker ready') ready.add(index);
    if (entry.msg === 'zone batch started') batching.add(index);
    if (!entry.zoneId || !entry.worker || entry.startedAt === undefined) return;
    const key = `${entry.worker}|${entry.startedAt}`;
    if (entry.msg === 'zone batch started')
      spans.set(key, {
        zoneId: entry.zoneId,
        worker: entry.worker,
        startedAt: entry.startedAt,
        endedAt: undefined,
      });
    if (entry.msg === 'zone batch')
      spans.set(key, {
        zoneId: entry.zoneId,
        worker: entry.worker,
        startedAt: entry.startedAt,
        endedAt: entry.endedAt,
      });
  };

  beforeAll(async () => {
    stack = await startStack({ dispatcher: false });
    fixtures = Fixtures.open(stack.databaseUrl);
    // One job at a time each: while one worker batches a zone, the other zone's job goes to the other.
    for (let i = 0; i < 2; i++)
      workers.push(
        new DispatcherProcess(stack, { LOG_LEVEL: 'debug', DISPATCHER_CONCURRENCY: '1' }, onLineOf(i)),
      );
  });

  afterAll(async () => {
    for (const w of workers) await w.kill();
    for (const driver of acceptingDrivers) await driver.idle();
    for (const s of sockets) s.close();
    await fixtures.close();
    await stack.stop();
  });

  it('no zone is batched by two workers at once; a killed worker loses nothing and doubles nothing', async () => {
    const centres: LngLat[] = [
      [24.95, 60.18],
      [22.27, 60.45],
    ];
    for (const centre of centres) await fixtures.aTerritory({ centre, half: 0.05 });
    for (const [x, y] of centres) {
      for (let i = 0; i < 5; i++) {
        const { socket } = await aDriverOnShift(stack, fixtures, [x - 0.01 + i * 0.004, y + 0.002 * i]);
        sockets.push(socket);
        acceptingDrivers.push(acceptEveryOffer(socket, { complete: true }));
      }
    }
    const riders = await Promise.all(
      Array.from({ length: 12 }, async () => {
        const r = await fixtures.aMember('rider');
        return client(stack.baseUrl, (await login(stack.baseUrl, r.email, r.password)).token);
      }),
    );
    for (const w of workers) w.start();
    // Both workers are up before the first request (each logs when it is ready).
    await eventually(() => Promise.resolve(ready.size === 2 ? true : undefined), 30_000);

    const rideIds: string[] = [];
    // A day's rhythm compressed: waves of requests in both zones, one worker killed in the middle.
    for (let wave = 0; wave < 8; wave++) {
      const created = await Promise.all(
        riders.map((http, i) => {
          const [x, y] = centres[i % 2]!;
          return http.post<RideView>('/api/rides', {
            pickup: {
              type: 'Point',
              coordinates: [x - 0.02 + ((i + wave) % 7) * 0.006, y - 0.01 + wave * 0.002],
            },
            dropoff: { type: 'Point', coordinates: [x + 0.02, y + 0.02] },
          });
        }),
      );
      expect(created.map((c) => c.status)).toEqual(created.map(() => 201));
      rideIds.push(...created.map((c) => c.body.id));
      await new Promise((r) => setTimeout(r, 300));
      // Mid-run: the first worker is killed once it has batched (from the fourth wave on).
      if (wave >= 3 && killedAt.size === 0 && batching.has(0)) {
        const [first] = workers;
        await first!.kill();
        killedAt.set(`${process.pid}`, performance.timeOrigin + performance.now());
      }
    }

    expect(killedAt.size).toBe(1);
    // Every ride decided: with drivers who accept and complete, every ride is completed.
    await eventually(async () => {
      const open = await fixtures.db.query(
        `SELECT 1 FROM rides WHERE id = ANY($1) AND status NOT IN ('completed', 'unserved', 'cancelled')`,
        [rideIds],
      );
      return open.rowCount === 0 ? true : undefined;
    }, 90_000);
    const completed = await fixtures.db.query(
      `SELECT 1 FROM rides WHERE id = ANY($1) AND status = 'completed'`,
      [rideIds],
    );
    expect(completed.rowCount).toBe(rideIds.length);

    // No zone batched by two workers at once: per zone, every batch starts after the one before ended.
    const killTime = [...killedAt.values()][0]!;
    const all = [...spans.values()].map((s) => ({ ...s, endedAt: s.endedAt ?? killTime }));
    const byWorker = new Set(all.map((s) => s.worker));
    const counts: Record<string, number> = {};
    for (const s of all)
      counts[`${s.worker} ${s.zoneId.slice(0, 8)}`] =
        (counts[`${s.worker} ${s.zoneId.slice(0, 8)}`] ?? 0) + 1;
    console.log('zone batches by worker and zone', counts);
    expect(byWorker.size).toBe(2);
    const zones = new Set(all.map((s) => s.zoneId));
    expect(zones.size).toBe(2);
    const overlaps: string[] = [];
    for (const zone of zones) {
      const ordered = all.filter((s) => s.zoneId === zone).sort((a, b) => a.startedAt - b.startedAt);
      for (let i = 1; i < ordered.length; i++) {
        if (ordered[i]!.startedAt < ordered[i - 1]!.endedAt)
          overlaps.push(`${zone}: ${JSON.stringify(ordered[i - 1])} and ${JSON.stringify(ordered[i])}`);
      }
    }
    expect(overlaps).toEqual([]);
    // Both workers batched both zones' rides over the run (not one worker per zone by accident).
    expect(all.length).toBeGreaterThan(4);

    // No duplicate offer, and the invariants of dispatch hold.
    const doubled = await fixtures.db.query(
      `SELECT ride_id FROM offers WHERE status IN ('pending', 'accepted') GROUP BY ride_id HAVING count(*) > 1`,
    );
    expect(doubled.rowCount).toBe(0);
    const assignedTwice = await fixtures.db.query(
      `SELECT ride_id FROM assignments WHERE status <> 'cancelled' GROUP BY ride_id HAVING count(*) > 1`,
    );
    expect(assignedTwice.rowCount).toBe(0);
    expect(await brokenInvariants(fixtures.db, { drained: false })).toEqual([]);
  }, 150_000);
});
