import { performance } from 'node:perf_hooks';

/**
 * The machine floor: milliseconds for a fixed tight integer loop (50 M xorshift steps), so readers can
 * compare benchmark times across machines. Best of three.
 */
export function machineFloorMs(): number {
  let best = Infinity;
  for (let round = 0; round < 3; round++) {
    const started = performance.now();
    let x = 2463534242;
    for (let i = 0; i < 50_000_000; i++) {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
    }
    const ms = performance.now() - started;
    if (x === 42) console.log('');
    best = Math.min(best, ms);
  }
  return best;
}
