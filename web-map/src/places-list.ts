import type { PlaceView } from '@navette/contracts';
import { h, show } from '@navette/web-kit';
import type { Locale } from './locale.js';
import type { TripEnd } from './pick-controller.js';
import type { RiderState } from './rider-state.js';

/**
 * The map's points as a list, for the keyboard and screen readers: every named place of the
 * territories, each with "from here" and "to here". Collapsed by default (a disclosure).
 */
export class PlacesList {
  readonly element: HTMLElement;
  private readonly summary = h('summary', { 'data-testid': 'places-toggle' });
  private readonly list = h('ul', { class: 'places', 'data-testid': 'places-list' });
  private places: readonly PlaceView[] = [];
  private state: RiderState | undefined;

  constructor(
    private readonly locale: Locale,
    private readonly chosen: (end: TripEnd, place: PlaceView) => void,
  ) {
    this.element = h(
      'details',
      { class: 'card places-card', 'data-testid': 'places' },
      this.summary,
      this.list,
    );
    locale.bind(() => {
      this.places = [];
      if (this.state) this.render(this.state);
    });
  }

  render(state: RiderState): void {
    this.state = state;
    show(this.element, state.places.length > 0 && state.member !== null);
    if (state.places === this.places) return;
    this.places = state.places;
    const t = this.locale.t;
    this.summary.textContent = t('places.title', { count: state.places.length });
    this.list.replaceChildren(
      ...state.places.map((place) => {
        const button = (end: TripEnd) => {
          const label = t(end === 'pickup' ? 'places.from' : 'places.to');
          const element = h(
            'button',
            {
              type: 'button',
              class: 'secondary small',
              'data-testid': `place-${end}`,
              'aria-label': `${label}: ${place.name}`,
            },
            label,
          );
          element.addEventListener('click', () => this.chosen(end, place));
          return element;
        };
        return h(
          'li',
          { 'data-place-id': place.id },
          h('span', { class: 'place-name' }, place.name),
          h('span', { class: 'buttons' }, button('pickup'), button('dropoff')),
        );
      }),
    );
  }
}
