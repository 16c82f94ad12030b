import { h, show } from '@navette/web-kit';
import type { DriverState } from './driver-state.js';
import type { Locale } from './locale.js';

type StatusInput = Pick<DriverState, 'connection' | 'onShift' | 'online' | 'notice'>;

/**
 * The connection warning (the device offline, or the link to dispatch lost and being re-made) and
 * the latest notice to the driver. The page keeps showing the last state it had underneath.
 */
export class StatusBanner {
  readonly element: HTMLElement;
  private readonly offline = h('p', {
    class: 'banner offline',
    role: 'alert',
    'data-testid': 'offline-banner',
    hidden: true,
  });
  private readonly notice = h('p', { class: 'notice', role: 'status', 'data-testid': 'notice' });
  private state: StatusInput | null = null;

  constructor(private readonly locale: Locale) {
    this.element = h('div', { class: 'status-banner' }, this.offline, this.notice);
    locale.bind(() => this.state && this.render(this.state));
  }

  render(state: StatusInput): void {
    this.state = state;
    const lost = state.onShift && state.connection === 'lost';
    this.offline.dataset.state = !state.online ? 'offline' : lost ? 'reconnecting' : '';
    this.offline.textContent = this.locale.t(!state.online ? 'network.offline' : 'socket.offline');
    show(this.offline, !state.online || lost);
    this.notice.textContent = state.notice;
    show(this.notice, state.notice !== '');
  }
}
