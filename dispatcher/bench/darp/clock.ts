import { performance } from 'node:perf_hooks';

/** Which clock a planner time limit runs on. */
export type ClockKind = 'cpu' | 'wall';

/** How the CPU clock is read on this Node: this thread alone (Node ≥ 23.9), else the whole process. */
export const cpuClockSource =
  typeof process.threadCpuUsage === 'function' ? 'process.threadCpuUsage' : 'process.cpuUsage';

/**
 * The planner's clock in milliseconds: `'cpu'` = this thread's CPU time (user + system), so a limit
 * means the same work on a busy shared machine; `'wall'` = `performance.now()`.
 */
export function plannerClock(kind: ClockKind): () => number {
  if (kind === 'wall') return () => performance.now();
  const read =
    cpuClockSource === 'process.threadCpuUsage' ? () => process.threadCpuUsage() : () => process.cpuUsage();
  return () => {
    const u = read();
    return (u.user + u.system) / 1000;
  };
}
