import { ArrivalCounter, batchWindowMs } from './batch-window.js';

const settings = { minMs: 50, maxMs: 2000, fullAtPerSecond: 20 };

describe('the batching window follows the arrival rate', () => {
  it('is the minimum for a request arriving alone, the whole window from the full rate on', () => {
    expect(batchWindowMs(0, settings)).toBe(50);
    expect(batchWindowMs(20, settings)).toBe(2000);
    expect(batchWindowMs(400, settings)).toBe(2000);
  });

  it('grows linearly in between, and never shrinks as more arrive', () => {
    expect(batchWindowMs(1, settings)).toBe(148);
    expect(batchWindowMs(10, settings)).toBe(1025);
    const windows = Array.from({ length: 30 }, (_, n) => batchWindowMs(n, settings));
    expect(windows).toEqual([...windows].sort((a, b) => a - b));
  });

  it('is the fixed window when the minimum is the maximum (or above it), or no rate is set', () => {
    expect(batchWindowMs(0, { ...settings, minMs: 2000 })).toBe(2000);
    expect(batchWindowMs(0, { ...settings, minMs: 5000 })).toBe(2000);
    expect(batchWindowMs(0, { ...settings, fullAtPerSecond: 0 })).toBe(2000);
  });
});

describe('arrivals over the last second', () => {
  it('counts the others within the period, forgetting older ones', () => {
    let now = 0;
    const counter = new ArrivalCounter(1000, () => now);
    expect(counter.record()).toBe(0);
    now = 400;
    expect(counter.record()).toBe(1);
    now = 900;
    expect(counter.record()).toBe(2);
    now = 1400;
    // The arrival at 0 and the one at 400 are a second old or more.
    expect(counter.record()).toBe(1);
    now = 5000;
    expect(counter.record()).toBe(0);
  });
});
