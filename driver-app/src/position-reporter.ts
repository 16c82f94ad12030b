import type { LngLat } from '@navette/contracts';
import { DEFAULT_THROTTLE, shouldReport, type Report, type ThrottleRule } from './position-throttle.js';

/**
 * Sends the driver's latest position while on shift, throttled: at most one report in flight, at
 * most one per `minIntervalMs`, only after a real move or the heartbeat. A report that fails (no
 * ack) is tried again at the next tick with the then latest position.
 */
export class PositionReporter {
  private latest: LngLat | null = null;
  private last: Report | null = null;
  private inFlight = false;
  private running = false;
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
  }

  /** A new position from the device (or typed in). Sent at the next tick if it is worth it. */
  update(position: LngLat): void {
    if (this.running) this.latest = position;
  }

  /** Sends the latest position if the rule allows; resolves whether something was sent. */
  async flush(): Promise<boolean> {
    const position = this.latest;
    const at = this.now();
    if (
      !this.running ||
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
