import type { LngLat } from '@navette/contracts';
import { PositionQueue } from './position-queue.js';
import { DEFAULT_THROTTLE, shouldReport, type Report, type ThrottleRule } from './position-throttle.js';

/**
 * Sends the driver's latest position while on shift, throttled: at most one report in flight, at
 * most one per `minIntervalMs`, only after a real move or the heartbeat. While the link is down
 * (`linkDown`) nothing is tried: readings wait in a `PositionQueue`, and `linkUp` flushes them at
 * once as one report of the newest. A report that fails (no ack) is tried again at the next tick
 * with the then latest position.
 */
export class PositionReporter {
  private latest: LngLat | null = null;
  private last: Report | null = null;
  private inFlight = false;
  private running = false;
  private link = true;
  private readonly queue = new PositionQueue();
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly send: (position: LngLat) => Promise<boolean>,
    private readonly rule: ThrottleRule = DEFAULT_THROTTLE,
    private readonly now: () => number = Date.now,
  ) {}

  /** Starts ticking; `known` is a position the server already has (the shift's start). */
  start(known: LngLat | null): void {
    this.running = true;
    this.last = known ? { position: known, atMs: this.now() } : null;
    this.latest = known;
    this.timer ??= setInterval(() => void this.flush(), this.rule.minIntervalMs);
  }

  /** Off shift: nothing is sent any more, whatever the device says. */
  stop(): void {
    this.running = false;
    clearInterval(this.timer);
    this.timer = undefined;
    this.latest = null;
    this.last = null;
    this.queue.clear();
  }

  /** A new position from the device (or the address). Sent at the next tick if it is worth it. */
  update(position: LngLat): void {
    if (!this.running) return;
    this.latest = position;
    if (!this.link) this.queue.push({ position, atMs: this.now() });
  }

  /** The connection to dispatch is lost: readings queue instead of being sent. */
  linkDown(): void {
    this.link = false;
  }

  /** Readings queued while the link was down, waiting for `linkUp`. */
  get queued(): number {
    return this.queue.size;
  }

  /** The connection is back: the queued readings leave now, as one report of the newest. */
  async linkUp(): Promise<boolean> {
    this.link = true;
    const newest = this.queue.drain().at(-1);
    if (!this.running || (!newest && this.latest === null)) return false;
    if (newest) this.latest = newest.position;
    // The server may have marked the position stale meanwhile: report now, whatever the throttle says.
    this.last = null;
    return this.flush();
  }

  /** Sends the latest position if the rule allows; resolves whether something was sent. */
  async flush(): Promise<boolean> {
    const position = this.latest;
    const at = this.now();
    if (
      !this.running ||
      !this.link ||
      position === null ||
      this.inFlight ||
      !shouldReport(this.last, position, at, this.rule)
    )
      return false;
    this.inFlight = true;
    try {
      if (!(await this.send(position)) || !this.running) return false;
      this.last = { position, atMs: at };
      return true;
    } finally {
      this.inFlight = false;
    }
  }
}
