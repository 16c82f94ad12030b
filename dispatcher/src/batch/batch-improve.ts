import type { LnsOptions } from '@navette/matching';
import { performance } from 'node:perf_hooks';

/**
 * The short LNS a batch's first pass runs on the routes not yet driven (the dispatcher, and the
 * benchmarks that decide as it does). Without the 2-opt* tail swaps of every repaired plan: on
 * demo-town days they changed vehicle-km per passenger-km by nothing measurable (4 seeds: −0.006 …
 * +0.006) for ~35 % more engine time per batch, and with a thousand drivers one call took a fifth
 * of the 50 ms (dispatcher/bench/README.md, "2-opt* in the live batch"). The local search that
 * polishes each new best still tries them; the offline planner keeps both.
 */
export function batchImprove(timeLimitMs: number): LnsOptions {
  return { seed: 1, iterations: 200, timeLimitMs, clock: () => performance.now(), tailSwaps: false };
}
