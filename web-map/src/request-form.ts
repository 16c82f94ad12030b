import type { CreateRideRequest, LngLat, RideView } from '@navette/contracts';
import { errorText, h, idempotencyKey, show, type ApiClient } from '@navette/web-kit';
import type { Locale } from './locale.js';
import type { MapView } from './map-view.js';
import { pick, roundPosition, START, type PickState } from './pick-state.js';

/**
 * Asking for a ride: a click on the map for the pickup, one for the drop-off, the number of seats,
 * then "Request". A retried request carries the same idempotency key, so it makes one ride.
 */
export class RequestForm {
  readonly element: HTMLElement;
  private state: PickState = START;
  private enabled = true;
  private key = idempotencyKey();
  private readonly title = h('h2');
  private readonly hint = h('p', { 'data-testid': 'request-hint' });
  private readonly seatsLabel = h('span');
  private readonly seats = h('input', {
    type: 'number',
    min: 1,
    max: 8,
    value: '1',
    inputmode: 'numeric',
    'data-testid': 'request-seats',
  });
  private readonly submit = h('button', { type: 'submit', 'data-testid': 'request-submit' });
  private readonly reset = h('button', {
    type: 'button',
    class: 'secondary',
    'data-testid': 'request-reset',
  });
  private readonly error = h('p', { class: 'error', role: 'alert', 'data-testid': 'request-error' });

  constructor(
    private readonly api: ApiClient,
    private readonly locale: Locale,
    private readonly map: MapView,
    private readonly onCreated: (ride: RideView) => void,
  ) {
    const form = h(
      'form',
      { class: 'card', 'data-testid': 'request-form' },
      this.title,
      this.hint,
      h('label', {}, this.seatsLabel, this.seats),
      h('div', { class: 'buttons' }, this.submit, this.reset),
      this.error,
    );
    this.element = form;
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.send();
    });
    this.reset.addEventListener('click', () => this.choose(START));
    map.onClick((at) => {
      if (this.enabled) this.choose(pick(this.state, roundPosition(at)));
    });
    locale.bind(() => this.render());
  }

  /** Only one ride at a time: the form is hidden while one is under way. */
  setEnabled(enabled: boolean): void {
    this.enabled = enabled;
    show(this.element, enabled);
    if (!enabled) this.choose(START);
  }

  private choose(state: PickState): void {
    this.state = state;
    this.key = idempotencyKey();
    this.error.textContent = '';
    const pickup: LngLat | null = state.step === 'pickup' ? null : state.pickup;
    const dropoff: LngLat | null = state.step === 'ready' ? state.dropoff : null;
    this.map.setMarker('request-pickup', 'pickup', pickup);
    this.map.setMarker('request-dropoff', 'dropoff', dropoff);
    this.render();
  }

  private render(): void {
    const t = this.locale.t;
    this.title.textContent = t('request.title');
    this.hint.textContent = t(
      this.state.step === 'pickup'
        ? 'request.pickPickup'
        : this.state.step === 'dropoff'
          ? 'request.pickDropoff'
          : 'request.ready',
    );
    this.seatsLabel.textContent = t('request.seats');
    this.submit.textContent = t('request.submit');
    this.reset.textContent = t('request.reset');
    this.submit.disabled = this.state.step !== 'ready';
  }

  private send(): void {
    const state = this.state;
    if (state.step !== 'ready') return;
    const body: CreateRideRequest = {
      kind: 'ride',
      pickup: { type: 'Point', coordinates: state.pickup },
      dropoff: { type: 'Point', coordinates: state.dropoff },
      seats: Number(this.seats.value) || 1,
    };
    this.submit.disabled = true;
    this.submit.textContent = this.locale.t('request.sending');
    this.error.textContent = '';
    this.api
      .post<RideView>('/api/rides', body, { 'Idempotency-Key': this.key })
      .then((ride) => {
        this.choose(START);
        this.onCreated(ride);
      })
      .catch((failure: unknown) => {
        this.render();
        this.error.textContent = errorText(failure, this.locale);
      });
  }
}
