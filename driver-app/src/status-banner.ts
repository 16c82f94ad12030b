import { h, show } from '@navette/web-kit';
import type { DriverState } from './driver-state.js';
import type { Locale } from './locale.js';

/** The connection warning and the latest notice to the driver. */
export class StatusBanner {
  readonly element: HTMLElement;
  private readonly socketStatus = h('p', { class: 'error', 'data-testid': 'socket-status', hidden: true });
  private readonly notice = h('p', { class: 'notice', role: 'status', 'data-testid': 'notice' });
  private state: Pick<DriverState, 'connection' | 'onShift' | 'notice'> | null = null;

  constructor(private readonly locale: Locale) {
    this.element = h('div', {}, this.socketStatus, this.notice);
    locale.bind(() => this.state && this.render(this.state));
  }

  render(state: Pick<DriverState, 'connection' | 'onShift' | 'notice'>): void {
    this.state = state;
    this.socketStatus.textContent = this.locale.t('socket.offline');
    show(this.socketStatus, state.onShift && state.connection === 'lost');
    this.notice.textContent = state.notice;
  }
}
