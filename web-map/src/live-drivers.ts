import type { DriverMoved } from '@navette/contracts';
import { h } from '@navette/web-kit';
import type { Locale } from './locale.js';
import type { MapView } from '@navette/web-kit/map';

/** Drivers not heard from for this long are taken off the coordinator's map, ms. */
export const STALE_AFTER_MS = 10 * 60_000;

/** A coordinator's view of every driver on shift in their territories, fed by `driver:moved`. */
export class LiveDrivers {
  readonly element = h('p', { class: 'live-drivers', 'data-testid': 'live-drivers' });
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly locale: Locale,
    private readonly map: MapView,
  ) {
    locale.bind(() => this.render());
    setInterval(() => this.forgetStale(Date.now()), 60_000);
  }

  moved(moved: DriverMoved): void {
    this.seen.set(moved.driverId, Date.parse(moved.at) || Date.now());
    this.map.setMarker(`live-${moved.driverId}`, 'live-driver', moved.position);
    this.render();
  }

  private forgetStale(now: number): void {
    for (const [driverId, at] of this.seen) {
      if (now - at < STALE_AFTER_MS) continue;
      this.seen.delete(driverId);
      this.map.setMarker(`live-${driverId}`, 'live-driver', null);
    }
    this.render();
  }

  private render(): void {
    this.element.textContent = this.locale.t('coordinator.liveDrivers', { count: this.seen.size });
  }
}
