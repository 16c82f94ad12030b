import { h, show } from '@navette/web-kit';
import type { Locale } from './locale.js';
import type { RiderState } from './rider-state.js';

/** A coordinator's count of the drivers seen moving in their territories (markers: RideMap). */
export class LiveDrivers {
  readonly element = h('p', { class: 'live-drivers', 'data-testid': 'live-drivers' });
  private state: RiderState | undefined;

  constructor(private readonly locale: Locale) {
    locale.bind(() => this.state && this.render(this.state));
  }

  render(state: RiderState): void {
    this.state = state;
    const role = state.member?.role;
    show(this.element, role === 'coordinator' || role === 'admin');
    this.element.textContent = this.locale.t('coordinator.liveDrivers', {
      count: Object.keys(state.liveDrivers).length,
    });
  }
}
