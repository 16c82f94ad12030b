import { h, show } from '@navette/web-kit';
import type { Locale } from './locale.js';
import { formatDateTime, rideStatusMessage } from './ride-status.js';
import type { RiderState } from './rider-state.js';

/** How many past rides the page lists. */
const SHOWN = 20;

/** The rider's rides, newest first: date, places and how it ended (and what the rider said of it). */
export class RideHistory {
  readonly element: HTMLElement;
  private readonly title = h('h2', { id: 'history-title' });
  private readonly list = h('ol', { class: 'rides', 'data-testid': 'rides-list' });
  private state: RiderState | undefined;

  constructor(private readonly locale: Locale) {
    this.element = h(
      'section',
      { class: 'card', 'data-testid': 'ride-history', 'aria-labelledby': 'history-title' },
      this.title,
      this.list,
    );
    locale.bind(() => this.state && this.render(this.state));
  }

  render(state: RiderState): void {
    this.state = state;
    const t = this.locale.t;
    this.title.textContent = t('rides.title');
    show(this.element, state.rides.length > 0);
    this.list.replaceChildren(
      ...state.rides.slice(0, SHOWN).map((ride) => {
        const answer = state.answers[ride.id];
        const places =
          ride.pickupName && ride.dropoffName
            ? t('rides.places', { from: ride.pickupName, to: ride.dropoffName })
            : t('rides.unnamed');
        return h(
          'li',
          { 'data-ride-id': ride.id, 'data-status': ride.status, 'data-testid': 'history-ride' },
          h(
            'time',
            { dateTime: ride.requestedAt, class: 'small' },
            formatDateTime(ride.requestedAt, this.locale.formatLocale),
          ),
          h('span', { class: 'history-places' }, places),
          h(
            'span',
            { class: 'small history-outcome' },
            t(rideStatusMessage(ride)),
            answer === undefined ? '' : ` · ${t(answer ? 'rides.wentWell' : 'rides.wentBadly')}`,
          ),
        );
      }),
    );
  }
}
