import { h, show } from '@navette/web-kit';
import type { Locale } from './locale.js';
import type { RiderState } from './rider-state.js';

/** The map's progress and the live connection's, in words (and as test hooks on the page). */
export class PageStatus {
  readonly element: HTMLElement;
  private readonly map = h('p', { class: 'map-status', 'data-testid': 'map-status', role: 'status' });
  private readonly socket = h('p', { class: 'error', 'data-testid': 'socket-status', hidden: true });
  private state: RiderState | undefined;

  constructor(
    private readonly locale: Locale,
    private readonly mapElement: HTMLElement,
  ) {
    this.element = h('div', {}, this.map, this.socket);
    locale.bind(() => this.state && this.render(this.state));
  }

  render(state: RiderState): void {
    this.state = state;
    const t = this.locale.t;
    // `ready` is set by the entry once the map is idle with the territories drawn.
    if (state.map !== 'ready') this.mapElement.dataset.state = state.map;
    this.map.textContent =
      state.map === 'loading'
        ? t('map.loading')
        : state.map === 'failed'
          ? t('map.failed', { message: state.mapError })
          : '';
    show(this.map, state.map !== 'ready');
    if (state.connection === 'none') delete document.body.dataset.socket;
    else document.body.dataset.socket = state.connection === 'connected' ? 'connected' : 'disconnected';
    this.socket.textContent = t('socket.offline');
    show(this.socket, state.connection === 'lost');
  }
}
