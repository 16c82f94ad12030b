import type { RouteStopView } from '@navette/contracts';
import { h, show } from '@navette/web-kit';
import type { DriverState } from './driver-state.js';
import type { Locale } from './locale.js';
import { stopCard, type StopCardEvents } from './stop-card.js';

type StopInput = Pick<DriverState, 'route' | 'trips' | 'tripErrors' | 'pendingMark'>;

/** The route ahead: every stop of the pooled trips in the order to serve them, the next one first. */
export class StopList {
  readonly element: HTMLElement;
  private readonly title = h('h2', {});
  private readonly list = h('ol', { class: 'stops', 'data-testid': 'stops' });
  private input: StopInput | null = null;

  constructor(
    private readonly locale: Locale,
    private readonly events: StopCardEvents,
  ) {
    this.element = h('section', { 'data-testid': 'route' }, this.title, this.list);
    locale.bind(() => this.input && this.draw(this.input));
  }

  render(input: StopInput): void {
    const previous = this.input;
    this.input = input;
    // Cards hold the driver's pressed buttons: drawn again only when what they show changes.
    if (
      previous?.route === input.route &&
      previous.trips === input.trips &&
      previous.tripErrors === input.tripErrors &&
      previous.pendingMark === input.pendingMark
    )
      return;
    this.draw(input);
  }

  private draw(input: StopInput): void {
    const stops = input.route?.stops ?? [];
    this.title.textContent = this.locale.t('stop.title', { count: stops.length });
    show(this.element, stops.length > 0);
    this.list.replaceChildren(
      ...stops.map((stop, index) =>
        stopCard(
          {
            stop,
            order: index + 1,
            markable: markable(stop, stops),
            error: input.tripErrors.get(stop.rideId) ?? '',
            pending: input.pendingMark,
            trip: input.trips.find((trip) => trip.rideId === stop.rideId) ?? null,
          },
          this.locale,
          this.events,
        ),
      ),
    );
  }
}

/** A pickup can always be marked; a drop-off once its rider is aboard (their pickup is not ahead). */
function markable(stop: RouteStopView, stops: readonly RouteStopView[]): boolean {
  return stop.type === 'pickup' || !stops.some((s) => s.rideId === stop.rideId && s.type === 'pickup');
}
