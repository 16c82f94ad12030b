import { parentPort } from 'node:worker_threads';
import type { Ready, Records } from './messages.js';

/** Collects a thread's observations and hands them to the main thread every half second. */
export class Recorder {
  private pending: Required<Omit<Records, 'type' | 'busy' | 'online'>> = Recorder.empty();
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly gauges: () => Pick<Records, 'busy' | 'online'> = () => ({})) {
    this.timer = setInterval(() => this.flush(), 500);
  }

  private static empty() {
    return { offers: [], accepts: [], positions: [], requests: [], assigned: [], errors: {} };
  }

  get records() {
    return this.pending;
  }

  error(kind: string): void {
    this.pending.errors[kind] = (this.pending.errors[kind] ?? 0) + 1;
  }

  flush(): void {
    const records: Records = { type: 'records', ...this.pending, ...this.gauges() };
    this.pending = Recorder.empty();
    parentPort?.postMessage(records);
  }

  close(): void {
    clearInterval(this.timer);
    this.flush();
  }
}

/** Runs `work` on each item with at most `limit` at once. */
export async function inBatches<T>(items: T[], limit: number, work: (item: T) => Promise<void>) {
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await work(items[next++]!);
  });
  await Promise.all(lanes);
}

/** Brings each member online (16 at a time), then tells the main thread how many made it. */
export async function bringOnline(
  emails: string[],
  online: () => number,
  goOnline: (email: string) => Promise<void>,
) {
  const failed: string[] = [];
  await inBatches(emails, 16, async (email) => {
    try {
      await goOnline(email);
    } catch (error) {
      failed.push(`${email}: ${(error as Error).message}`);
    }
  });
  parentPort!.postMessage({ type: 'ready', online: online(), failed } satisfies Ready);
}

/** The last records, then `done`, then the thread's port closes (the thread ends). */
export function finish(recorder: Recorder): void {
  recorder.close();
  parentPort!.postMessage({ type: 'done' });
  parentPort!.close();
}
