import { h, show } from '@navette/web-kit';
import type { DriverState } from './driver-state.js';
import type { Locale } from './locale.js';
import { OfferCard, type OfferActions } from './offer-card.js';

type OfferInput = Pick<DriverState, 'onShift' | 'offers' | 'offerErrors' | 'nowMs'>;

/** The offers waiting for an answer, each a card with its countdown; "No offer" when none. */
export class OfferList {
  readonly element = h('section', { 'data-testid': 'offers' });
  private readonly empty = h('p', { class: 'small', 'data-testid': 'offers-empty' });
  private readonly cards = new Map<string, OfferCard>();
  /** The error each card shows, so a card is told once. */
  private readonly shownErrors = new Map<string, string>();
  private input: OfferInput | null = null;

  constructor(
    private readonly locale: Locale,
    private readonly actions: OfferActions,
  ) {
    this.element.append(this.empty);
    locale.bind(() => {
      // Cards were written in the previous language: draw them again.
      for (const card of this.cards.values()) card.element.remove();
      this.cards.clear();
      this.shownErrors.clear();
      if (this.input) this.render(this.input);
    });
  }

  render(input: OfferInput): void {
    this.input = input;
    for (const [id, card] of this.cards) {
      if (input.offers.some((o) => o.id === id)) continue;
      card.element.remove();
      this.cards.delete(id);
      this.shownErrors.delete(id);
    }
    for (const offer of input.offers) {
      let card = this.cards.get(offer.id);
      if (!card) {
        card = new OfferCard(offer, this.locale, this.actions);
        this.cards.set(offer.id, card);
        this.element.append(card.element);
      }
      card.tick(input.nowMs);
      const error = input.offerErrors.get(offer.id);
      if (error && this.shownErrors.get(offer.id) !== error) {
        this.shownErrors.set(offer.id, error);
        card.failed(error);
      }
    }
    this.empty.textContent = this.locale.t('offer.none');
    show(this.empty, input.onShift && input.offers.length === 0);
  }
}
