import type { LngLat } from '@navette/contracts';

/** A position the device gave, and when, ms since the epoch. */
export interface Reading {
  position: LngLat;
  atMs: number;
}

/**
 * The readings taken while the link to dispatch is down, oldest first, at most `limit` (the oldest
 * are dropped). When the link returns they leave as one batch: the server keeps only a driver's
 * latest position (no track is stored, by design), so the batch is sent as a single report of the
 * newest reading — one message after an outage instead of one per reading, retried each tick.
 */
export class PositionQueue {
  private readings: Reading[] = [];

  /** `limit`: readings kept, default 20. */
  constructor(private readonly limit = 20) {}

  push(reading: Reading): void {
    this.readings.push(reading);
    if (this.readings.length > this.limit) this.readings.splice(0, this.readings.length - this.limit);
  }

  get size(): number {
    return this.readings.length;
  }

  /** The newest reading, or null when empty. */
  latest(): Reading | null {
    return this.readings.at(-1) ?? null;
  }

  /** Everything queued, oldest first; the queue is empty afterwards. */
  drain(): Reading[] {
    const all = this.readings;
    this.readings = [];
    return all;
  }

  clear(): void {
    this.readings = [];
  }
}
