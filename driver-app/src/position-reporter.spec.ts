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
});
