import type { HandoverRequest, TripEvent, TripView } from '@navette/contracts';
import { h } from '@navette/web-kit';
import type { DriverState } from './driver-state.js';
import type { Locale } from './locale.js';
import { tripCard } from './trip-card.js';

type TripInput = Pick<DriverState, 'trips' | 'tripErrors'>;

/** The trips under way, each a card with the next thing to mark. */
export class TripList {
  readonly element = h('section', { 'data-testid': 'trips' });
  private input: TripInput | null = null;

  constructor(
    private readonly locale: Locale,
    private readonly mark: (trip: TripView, event: TripEvent) => void,
    private readonly handover: (trip: TripView, request: HandoverRequest) => void = () => undefined,
  ) {
    locale.bind(() => this.input && this.draw(this.input));
  }

  render(input: TripInput): void {
    const previous = this.input;
    this.input = input;
    // Cards hold the driver's pressed buttons: drawn again only when the trips or their errors change.
    if (previous?.trips === input.trips && previous.tripErrors === input.tripErrors) return;
    this.draw(input);
  }

  private draw(input: TripInput): void {
    this.element.replaceChildren(
      ...input.trips.map((trip) => {
        const card = tripCard(trip, this.locale, (t, event) => this.mark(t, event), this.handover);
        const error = input.tripErrors.get(trip.rideId);
        const errorLine = card.querySelector<HTMLElement>('[data-testid=trip-error]');
        if (error && errorLine) errorLine.textContent = error;
        return card;
      }),
    );
  }
}
