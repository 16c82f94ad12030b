import type { OfferView } from '@navette/contracts';
import { h } from '@navette/web-kit';
import { formatDistance, formatMinutes } from './geo.js';
import type { Locale } from './locale.js';
import { formatCountdown, secondsLeft } from './offer-countdown.js';
import { takeoverLine } from './takeover.js';

export interface OfferActions {
  accept(offer: OfferView): void;
  decline(offer: OfferView): void;
}

/** One offer: areas only (the exact address comes with the trip), a countdown, Accept / Decline. */
export class OfferCard {
  readonly element: HTMLElement;
  private readonly countdown = h('p', { class: 'countdown', 'data-testid': 'offer-countdown' });
  private readonly error = h('p', { class: 'error', role: 'alert', 'data-testid': 'offer-error' });
  private readonly buttons: HTMLButtonElement[];

  constructor(
    readonly offer: OfferView,
    private readonly locale: Locale,
    actions: OfferActions,
  ) {
    const t = locale.t;
    const accept = h('button', { type: 'button', 'data-testid': 'offer-accept' }, t('offer.accept'));
    const decline = h(
      'button',
      { type: 'button', class: 'secondary', 'data-testid': 'offer-decline' },
      t('offer.decline'),
    );
    this.buttons = [accept, decline];
    accept.addEventListener('click', () => {
      this.busy(true);
      actions.accept(offer);
    });
    decline.addEventListener('click', () => {
      this.busy(true);
      actions.decline(offer);
    });
    const details = [
      // A task takes cargo room, not a seat.
      offer.kind === 'task'
        ? t('handover.offerCargo', { units: offer.cargoUnits ?? 1 })
        : t('offer.seats', { seats: offer.seats }),
      offer.wheelchairPlaces > 0 ? t('offer.wheelchair', { count: offer.wheelchairPlaces }) : '',
      t('offer.approach', { distance: formatDistance(offer.approachMeters, locale.formatLocale) }),
    ].filter(Boolean);
    const detour =
      offer.detourSeconds === null || offer.detourMeters === null
        ? ''
        : t('offer.detour', {
            time: formatMinutes(offer.detourSeconds),
            distance: formatDistance(offer.detourMeters, locale.formatLocale),
          });
    // A ride already promised to another driver (ADR 0041) says so first, before the details.
    const takeover = takeoverLine(offer, t);
    this.element = h(
      'section',
      { class: 'card offer', 'data-testid': 'offer-card', 'data-offer-id': offer.id },
      h('h2', {}, t('offer.title')),
      ...(takeover ? [h('p', { class: 'takeover', 'data-testid': 'offer-takeover' }, takeover)] : []),
      h('p', { class: 'strong' }, details.join(' · ')),
      // Names (a place, a street, a neighbourhood); rides from before places had none: never coordinates.
      h(
        'p',
        { 'data-testid': 'offer-pickup' },
        t('offer.pickupArea', { where: offer.pickupName ?? t('offer.unnamed') }),
      ),
      h(
        'p',
        { 'data-testid': 'offer-dropoff' },
        t('offer.dropoffArea', { where: offer.dropoffName ?? t('offer.unnamed') }),
      ),
      h('p', { class: 'strong', 'data-testid': 'offer-detour' }, detour),
      this.countdown,
      h('div', { class: 'buttons' }, accept, decline),
      this.error,
    );
    this.tick(Date.now());
  }

  /** Updates the countdown; returns the seconds left. */
  tick(nowMs: number): number {
    const left = secondsLeft(this.offer.expiresAt, nowMs);
    this.countdown.textContent = this.locale.t('offer.expiresIn', { time: formatCountdown(left) });
    return left;
  }

  failed(message: string): void {
    this.error.textContent = message;
    this.busy(false);
  }

  private busy(busy: boolean): void {
    for (const button of this.buttons) button.disabled = busy;
  }
}
