// Everything the run observed, joined by ride (request, offer, accept, assigned) or by position
// report (sent by a driver, seen on the coordinator's map), with the time each happened.
import type { Records } from './messages.js';

export class Collector {
  readonly requests = new Map<string, { sentAt: number; answeredAt: number }>();
  readonly offers = new Map<string, number>();
  readonly accepts = new Map<string, { sentAt: number; ok: boolean }>();
  readonly assigned = new Map<string, number>();
  readonly positionsSent = new Map<string, number>();
  readonly positionsSeen = new Map<string, number>();
  /** `[at, kind, count]`, at the time the thread reported them. */
  readonly errors: [number, string, number][] = [];
  /** `[at, online, busy]` summed over the drivers' threads, once a second. */
  readonly drivers: [number, number, number][] = [];
  private readonly gauges = new Map<unknown, { online: number; busy: number }>();

  add(from: unknown, records: Records, at: number): void {
    for (const [rideId, offeredAt] of records.offers ?? [])
      if (!this.offers.has(rideId)) this.offers.set(rideId, offeredAt);
    for (const [rideId, sentAt, ok] of records.accepts ?? [])
      if (!this.accepts.has(rideId)) this.accepts.set(rideId, { sentAt, ok });
    for (const [key, sentAt] of records.positions ?? []) this.positionsSent.set(key, sentAt);
    for (const [rideId, sentAt, answeredAt] of records.requests ?? [])
      this.requests.set(rideId, { sentAt, answeredAt });
    for (const [rideId, assignedAt] of records.assigned ?? [])
      if (!this.assigned.has(rideId)) this.assigned.set(rideId, assignedAt);
    for (const [kind, n] of Object.entries(records.errors ?? {})) this.errors.push([at, kind, n]);
    if (records.online !== undefined)
      this.gauges.set(from, { online: records.online, busy: records.busy ?? 0 });
  }

  /** A move in a `drivers:moved` on the coordinator's socket. */
  seen(key: string, at: number): void {
    if (!this.positionsSeen.has(key)) this.positionsSeen.set(key, at);
  }

  sampleDrivers(at: number): void {
    let [online, busy] = [0, 0];
    for (const g of this.gauges.values()) [online, busy] = [online + g.online, busy + g.busy];
    this.drivers.push([at, online, busy]);
  }
}
