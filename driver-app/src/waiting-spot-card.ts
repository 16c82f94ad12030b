import type { WaitingSpotSuggestion } from '@navette/contracts';
import { h, show } from '@navette/web-kit';
import type { DriverState } from './driver-state.js';
import { formatMinutes, navigationLinks } from './geo.js';
import type { Locale } from './locale.js';

export interface WaitingSpotEvents {
  /** "Go there": the links hand the place to the navigation app; the answer is recorded. */
  go(suggestion: WaitingSpotSuggestion): void;
  /** "Not now": recorded, no penalty, no new suggestion for a while. */
  notNow(suggestion: WaitingSpotSuggestion): void;
}

type WaitingSpotInput = Pick<DriverState, 'onShift' | 'waitingSpot' | 'offers' | 'route'>;

/**
 * "Waiting near <place> helps <zone>: … min away" for an idle driver on shift (issue 13, ADR 0034),
 * with the same hand-off to navigation as the stop cards, and Not now. Hidden while an offer waits
 * or stops are ahead.
 */
export class WaitingSpotCard {
  readonly element: HTMLElement;
  private input: WaitingSpotInput | null = null;

  constructor(
    private readonly locale: Locale,
    private readonly events: WaitingSpotEvents,
  ) {
    this.element = h('section', { class: 'card waiting-spot', 'data-testid': 'waiting-spot' });
    locale.bind(() => this.input && this.draw(this.input));
  }

  render(input: WaitingSpotInput): void {
    const previous = this.input;
    this.input = input;
    if (
      previous?.waitingSpot === input.waitingSpot &&
      previous.onShift === input.onShift &&
      previous.offers === input.offers &&
      previous.route === input.route
    )
      return;
    this.draw(input);
  }

  private draw(input: WaitingSpotInput): void {
    const spot = input.waitingSpot;
    const idle = input.onShift && input.offers.length === 0 && (input.route?.stops.length ?? 0) === 0;
    show(this.element, spot !== null && idle);
    if (!spot || !idle) {
      this.element.replaceChildren();
      return;
    }
    const t = this.locale.t;
    const links = navigationLinks(spot.position, spot.placeName);
    const go = h(
      'a',
      { href: links.geo, class: 'go-button', 'data-testid': 'waiting-spot-go' },
      t('waitingSpot.go'),
    );
    const osm = h(
      'a',
      { href: links.osm, rel: 'noopener noreferrer', target: '_blank', 'data-testid': 'waiting-spot-osm' },
      t('waitingSpot.osm'),
    );
    const notNow = h(
      'button',
      { type: 'button', class: 'secondary', 'data-testid': 'waiting-spot-not-now' },
      t('waitingSpot.notNow'),
    );
    go.addEventListener('click', () => this.events.go(spot));
    osm.addEventListener('click', () => this.events.go(spot));
    notNow.addEventListener('click', () => {
      notNow.disabled = true;
      this.events.notNow(spot);
    });
    this.element.replaceChildren(
      h('h2', {}, t('waitingSpot.title')),
      h(
        'p',
        { class: 'strong', 'data-testid': 'waiting-spot-text' },
        t('waitingSpot.text', {
          place: spot.placeName,
          zone: spot.zoneName,
          minutes: formatMinutes(spot.travelSeconds),
        }),
      ),
      h('p', {}, t('waitingSpot.why')),
      h('div', { class: 'buttons' }, go, notNow),
      h('p', { class: 'links' }, osm),
    );
  }
}
