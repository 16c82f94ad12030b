export { batchWindowMs, type BatchWindowSettings } from '@navette/contracts';

/** Counts arrivals over a sliding period (one API node's own; in memory). */
export class ArrivalCounter {
  private readonly times: number[] = [];

  constructor(
    private readonly periodMs = 1000,
    private readonly clock: () => number = Date.now,
  ) {}

  /** Records an arrival; returns how many others arrived within the period before it. */
  record(): number {
    const now = this.clock();
    let stale = 0;
    while (stale < this.times.length && this.times[stale]! <= now - this.periodMs) stale++;
    if (stale) this.times.splice(0, stale);
    const before = this.times.length;
    this.times.push(now);
    return before;
  }
}
