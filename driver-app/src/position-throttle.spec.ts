import { shouldReport } from './position-throttle.js';

describe('shouldReport', () => {
  const last = { position: [24.95, 60.18] as [number, number], atMs: 0 };
  const moved = [24.952, 60.18] as [number, number]; // about 111 m east
  const jitter = [24.9503, 60.18] as [number, number]; // about 17 m

  it('always sends the first position', () => {
    expect(shouldReport(null, jitter, 0)).toBe(true);
  });

  it('waits at least five seconds between reports, however far the driver went', () => {
    expect(shouldReport(last, moved, 4_999)).toBe(false);
    expect(shouldReport(last, moved, 5_000)).toBe(true);
  });

  it('ignores small moves until the heartbeat', () => {
    expect(shouldReport(last, jitter, 30_000)).toBe(false);
    expect(shouldReport(last, jitter, 60_000)).toBe(true);
  });
});
