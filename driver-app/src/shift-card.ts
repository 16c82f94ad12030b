import type { LngLat } from '@navette/contracts';
import { h, show } from '@navette/web-kit';
import type { DriverState } from './driver-state.js';
import { formatPosition, parsePosition } from './geo.js';
import type { Locale } from './locale.js';
import { PauseBanner } from './pause-banner.js';

/** What the driver does on the shift card. */
export interface ShiftCardEvents {
  /** Start the shift at the typed position (null: none typed, ask the device). */
  start(typed: LngLat | null): void;
  end(): void;
  /** Fill the fields from the device's location. */
  locate(): void;
  /** The driver typed a valid position. */
  typed(position: LngLat): void;
}

type ShiftInput = Pick<DriverState, 'onShift' | 'position' | 'availability' | 'shiftError' | 'shiftBusy'>;

/** On or off shift, why offers paused, the position (typed or located), Start / End. */
export class ShiftCard {
  readonly element: HTMLElement;
  private readonly pause: PauseBanner;
  private readonly status = h('p', { class: 'strong', 'data-testid': 'shift-status' });
  private readonly positionLabel = h('p', { class: 'small' });
  private readonly lngLabel = h('span');
  private readonly latLabel = h('span');
  private readonly lng = h('input', { type: 'text', inputmode: 'decimal', 'data-testid': 'shift-lng' });
  private readonly lat = h('input', { type: 'text', inputmode: 'decimal', 'data-testid': 'shift-lat' });
  private readonly locate = h('button', {
    type: 'button',
    class: 'secondary',
    'data-testid': 'shift-locate',
  });
  private readonly start = h('button', { type: 'button', 'data-testid': 'shift-start' });
  private readonly end = h('button', { type: 'button', class: 'danger', 'data-testid': 'shift-end' });
  private readonly error = h('p', { class: 'error', role: 'alert', 'data-testid': 'shift-error' });
  private input: ShiftInput | null = null;

  constructor(
    private readonly locale: Locale,
    events: ShiftCardEvents,
    canLocate: boolean,
  ) {
    this.pause = new PauseBanner(locale);
    show(this.locate, canLocate);
    this.element = h(
      'section',
      { class: 'card', 'data-testid': 'shift' },
      this.status,
      this.pause.element,
      this.positionLabel,
      h(
        'div',
        { class: 'row' },
        h('label', {}, this.lngLabel, this.lng),
        h('label', {}, this.latLabel, this.lat),
      ),
      h('div', { class: 'buttons' }, this.start, this.locate, this.end),
      this.error,
    );
    this.start.addEventListener('click', () => events.start(this.typedPosition()));
    this.end.addEventListener('click', () => events.end());
    this.locate.addEventListener('click', () => events.locate());
    const typed = () => {
      const position = this.typedPosition();
      if (position) events.typed(position);
    };
    this.lng.addEventListener('change', typed);
    this.lat.addEventListener('change', typed);
    locale.bind(() => this.input && this.render(this.input));
  }

  render(input: ShiftInput): void {
    const previous = this.input;
    this.input = input;
    const t = this.locale.t;
    this.status.textContent = t(input.onShift ? 'shift.on' : 'shift.off');
    this.status.dataset.state = input.onShift ? 'on' : 'off';
    this.positionLabel.textContent = t('shift.position');
    this.lngLabel.textContent = t('shift.lng');
    this.latLabel.textContent = t('shift.lat');
    this.locate.textContent = t('shift.locate');
    this.start.textContent = t('shift.start');
    this.end.textContent = t('shift.end');
    show(this.start, !input.onShift);
    show(this.end, input.onShift);
    this.start.disabled = input.shiftBusy;
    this.end.disabled = input.shiftBusy;
    this.error.textContent = input.shiftError;
    if (input.availability !== previous?.availability) this.pause.set(input.availability);
    else this.pause.render();
    // The fields show a new position from outside (address, device); what the driver types stays.
    if (input.position && input.position !== previous?.position) this.showPosition(input.position);
    const typed = this.typedPosition();
    this.lng.title = typed ? formatPosition(typed) : '';
  }

  private typedPosition(): LngLat | null {
    return parsePosition(this.lng.value, this.lat.value);
  }

  private showPosition([lng, lat]: LngLat): void {
    const typed = this.typedPosition();
    if (typed && typed[0] === lng && typed[1] === lat) return;
    this.lng.value = lng.toFixed(6);
    this.lat.value = lat.toFixed(6);
  }
}
