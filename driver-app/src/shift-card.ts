import { h, show } from '@navette/web-kit';
import type { DriverState } from './driver-state.js';
import type { MessageKey } from './i18n.js';
import type { Locale } from './locale.js';
import { PauseBanner } from './pause-banner.js';

/** What the driver does on the shift card. */
export interface ShiftCardEvents {
  start(): void;
  end(): void;
  /** Sound and vibration for offers, on or off. */
  alerts(on: boolean): void;
}

type ShiftInput = Pick<
  DriverState,
  'onShift' | 'availability' | 'location' | 'offerAlerts' | 'shiftError' | 'shiftBusy'
>;

/** What the page says of the device's location, by state (nothing while it follows the device). */
const LOCATION_WORDS: Partial<Record<DriverState['location'], MessageKey>> = {
  denied: 'location.denied',
  unsupported: 'location.unsupported',
  fixed: 'location.fixed',
};

/**
 * On or off shift, why offers do not come (the server's reasons, and the location the page cannot
 * read), the offer alert setting, Start / End.
 */
export class ShiftCard {
  readonly element: HTMLElement;
  private readonly pause: PauseBanner;
  private readonly status = h('p', { class: 'strong', 'data-testid': 'shift-status' });
  private readonly location = h('p', {
    class: 'notice warning',
    role: 'alert',
    'data-testid': 'location-status',
  });
  private readonly alertsBox = h('input', { type: 'checkbox', 'data-testid': 'offer-alerts' });
  private readonly alertsLabel = h('span');
  private readonly start = h('button', { type: 'button', 'data-testid': 'shift-start' });
  private readonly end = h('button', { type: 'button', class: 'danger', 'data-testid': 'shift-end' });
  private readonly error = h('p', { class: 'error', role: 'alert', 'data-testid': 'shift-error' });
  private input: ShiftInput | null = null;

  constructor(
    private readonly locale: Locale,
    events: ShiftCardEvents,
  ) {
    this.pause = new PauseBanner(locale);
    this.element = h(
      'section',
      { class: 'card', 'data-testid': 'shift' },
      this.status,
      this.pause.element,
      this.location,
      h('div', { class: 'buttons' }, this.start, this.end),
      h('label', { class: 'toggle' }, this.alertsBox, this.alertsLabel),
      this.error,
    );
    this.start.addEventListener('click', () => events.start());
    this.end.addEventListener('click', () => events.end());
    this.alertsBox.addEventListener('change', () => events.alerts(this.alertsBox.checked));
    locale.bind(() => this.input && this.render(this.input));
  }

  render(input: ShiftInput): void {
    const previous = this.input;
    this.input = input;
    const t = this.locale.t;
    this.status.textContent = t(input.onShift ? 'shift.on' : 'shift.off');
    this.status.dataset.state = input.onShift ? 'on' : 'off';
    this.start.textContent = t('shift.start');
    this.end.textContent = t('shift.end');
    this.alertsLabel.textContent = t('settings.alerts');
    this.alertsBox.checked = input.offerAlerts;
    show(this.start, !input.onShift);
    show(this.end, input.onShift);
    this.start.disabled = input.shiftBusy;
    this.end.disabled = input.shiftBusy;
    this.error.textContent = input.shiftError;
    const words = LOCATION_WORDS[input.location];
    this.location.dataset.state = input.location;
    this.location.textContent = words ? t(words) : '';
    show(this.location, words !== undefined);
    if (input.availability !== previous?.availability) this.pause.set(input.availability);
    else this.pause.render();
  }
}
