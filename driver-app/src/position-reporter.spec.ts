import type { LngLat } from '@navette/contracts';
import { PositionReporter } from './position-reporter.js';

describe('PositionReporter', () => {
  function reporter(answers: boolean[]) {
    let now = 0;
    const sent: LngLat[] = [];
    const r = new PositionReporter(
      (position) => {
        sent.push(position);
        return Promise.resolve(answers.shift() ?? true);
      },
      { minIntervalMs: 5_000, minMoveMeters: 50, heartbeatMs: 60_000 },
      () => now,
    );
    return { r, sent, at: (ms: number) => (now = ms) };
  }

  it('does not repeat the shift start position, then sends real moves at most every 5 s', async () => {
    const { r, sent, at } = reporter([]);
    r.start([24.95, 60.18]);
    at(5_000);
    expect(await r.flush()).toBe(false);
    r.update([24.952, 60.18]);
    expect(await r.flush()).toBe(true);
    r.update([24.954, 60.18]);
    at(7_000);
    expect(await r.flush()).toBe(false);
    at(10_000);
    expect(await r.flush()).toBe(true);
    expect(sent).toEqual([
      [24.952, 60.18],
      [24.954, 60.18],
    ]);
    r.stop();
  });

  it('tries again after a report that got no ack', async () => {
    const { r, sent, at } = reporter([false, true]);
    r.start(null);
    r.update([24.95, 60.18]);
    expect(await r.flush()).toBe(false);
    at(1_000);
    expect(await r.flush()).toBe(true);
    expect(sent).toHaveLength(2);
    r.stop();
  });

  it('sends nothing once stopped', async () => {
    const { r, sent } = reporter([]);
    r.start(null);
    r.stop();
    r.update([24.95, 60.18]);
    expect(await r.flush()).toBe(false);
    expect(sent).toEqual([]);
  });

  it('queues readings while the link is down and flushes them as one report of the newest on reconnect', async () => {
    const { r, sent, at } = reporter([]);
    r.start([24.95, 60.18]);
    r.linkDown();
    at(10_000);
    r.update([24.952, 60.18]);
    at(20_000);
    r.update([24.954, 60.18]);
    at(30_000);
    r.update([24.956, 60.18]);
    // Nothing is tried while the link is down, however long.
    at(120_000);
    expect(await r.flush()).toBe(false);
    expect(r.queued).toBe(3);
    expect(sent).toEqual([]);
    // Back: one report, the newest reading, at once (not waiting for the next tick).
    expect(await r.linkUp()).toBe(true);
    expect(sent).toEqual([[24.956, 60.18]]);
    expect(r.queued).toBe(0);
    r.stop();
  });

  it('reports again on reconnect even without a move, so a stale position is lifted', async () => {
    const { r, sent, at } = reporter([]);
    r.start([24.95, 60.18]);
    r.linkDown();
    at(1_000);
    expect(await r.linkUp()).toBe(true);
    expect(sent).toEqual([[24.95, 60.18]]);
    r.stop();
  });
});
