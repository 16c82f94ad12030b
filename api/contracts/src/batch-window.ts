/**
 * How the batching window follows the arrival rate (ADR 0029). Here, in the shared contracts, so the
 * API (which delays each match job by it) and the dispatcher's day simulation use the same function.
 */
export interface BatchWindowSettings {
  /** Window when nothing else arrives, milliseconds (`BATCH_WINDOW_MIN_MS`). */
  readonly minMs: number;
  /** Window under load, milliseconds (`BATCH_WINDOW_MS`). */
  readonly maxMs: number;
  /** Arrivals per second from which the whole window applies (`BATCH_WINDOW_FULL_AT`). */
  readonly fullAtPerSecond: number;
}

/**
 * How long a new request waits for others before its batch: `minMs` when it arrives alone, growing
 * linearly with the requests that arrived in the last second, to `maxMs` at `fullAtPerSecond`.
 * A quiet service offers at once; a busy one gathers enough rides per batch to pool them well.
 */
export function batchWindowMs(arrivalsLastSecond: number, settings: BatchWindowSettings): number {
  const max = Math.max(0, settings.maxMs);
  const min = Math.min(Math.max(0, settings.minMs), max);
  if (settings.fullAtPerSecond <= 0) return max;
  const load = Math.min(1, Math.max(0, arrivalsLastSecond) / settings.fullAtPerSecond);
  return Math.round(min + (max - min) * load);
}
