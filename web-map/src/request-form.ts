import type { CreateRideRequest, LngLat, PlaceSearchHit, RideView } from '@navette/contracts';
import { errorText, h, idempotencyKey, show, type ApiClient } from '@navette/web-kit';
import type { Locale } from './locale.js';
import type { MapView } from '@navette/web-kit/map';
import { PickNames } from './pick-names.js';
import { pick, roundPosition, START, withDropoff, withPickup, type PickState } from './pick-state.js';
import { PlaceSearch } from './place-search.js';
import { TaskFields } from './task-fields.js';

/**
 * Asking for a ride: a place searched by name or a click on the map for the pickup, the same for
 * the drop-off (each shown by its name, a pickup snapped to its stop when the territory says so),
 * the number of seats, then "Request". A retried request carries the same idempotency key.
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
  private readonly snapNote = h('p', { class: 'snap-note', role: 'status', 'data-testid': 'request-snap' });
  private readonly names: PickNames;
  private readonly task: TaskFields;
  private readonly seatsRow = h('label', {}, this.seatsLabel, this.seats);
  private readonly pickupSearch: PlaceSearch;
  private readonly dropoffSearch: PlaceSearch;
  /** Counts lookups, so a late answer for an end chosen again is dropped. */
  private lookups = { pickup: 0, dropoff: 0 };

  constructor(
    private readonly api: ApiClient,
    private readonly locale: Locale,
    private readonly map: MapView,
    private readonly onCreated: (ride: RideView) => void,
  ) {
    this.names = new PickNames(api, locale);
    this.task = new TaskFields(locale, (sending) => show(this.seatsRow, !sending));
    const search = (query: string) => this.names.search(query, this.mapCentre());
    const chosen = (end: 'pickup' | 'dropoff') => (hit: PlaceSearchHit) =>
      this.choose((end === 'pickup' ? withPickup : withDropoff)(this.state, hit.position), {
        [end]: hit.name,
      });
    this.pickupSearch = new PlaceSearch(locale, {
      role: 'pickup',
      label: 'search.pickup',
      search,
      onPick: chosen('pickup'),
    });
    this.dropoffSearch = new PlaceSearch(locale, {
      role: 'dropoff',
      label: 'search.dropoff',
      search,
      onPick: chosen('dropoff'),
    });
    const form = h(
      'form',
      { class: 'card', 'data-testid': 'request-form' },
      this.title,
      this.hint,
      this.pickupSearch.element,
      this.snapNote,
      this.dropoffSearch.element,
      this.seatsRow,
      this.task.element,
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

  private choose(state: PickState, names: { pickup?: string; dropoff?: string } = {}): void {
    const before = this.state;
    this.state = state;
    this.key = idempotencyKey();
    this.error.textContent = '';
    const pickup: LngLat | null = state.step === 'pickup' ? null : state.pickup;
    const dropoff = dropoffOf(state);
    this.map.setMarker('request-pickup', 'pickup', pickup);
    this.map.setMarker('request-dropoff', 'dropoff', dropoff);
    if (!samePoint(pickup, pickupOf(before)) || names.pickup) this.namePickup(pickup, names.pickup);
    if (!samePoint(dropoff, dropoffOf(before)) || names.dropoff) this.nameDropoff(dropoff, names.dropoff);
    this.render();
  }

  /** Shows the pickup by name, moved to its stop when the territory snaps pickups. */
  private namePickup(at: LngLat | null, chosenName?: string): void {
    const ask = ++this.lookups.pickup;
    this.snapNote.textContent = '';
    this.pickupSearch.value = at ? (chosenName ?? '') : '';
    if (!at) return;
    this.names
      .pickup(at, chosenName)
      .then((named) => {
        if (ask !== this.lookups.pickup || this.state.step === 'pickup') return;
        this.pickupSearch.value = named.name;
        this.snapNote.textContent = named.note;
        if (!samePoint(named.at, at)) {
          this.state = withPickup(this.state, named.at);
          this.map.setMarker('request-pickup', 'pickup', named.at);
        }
      })
      .catch(() => undefined);
  }

  private nameDropoff(at: LngLat | null, chosenName?: string): void {
    const ask = ++this.lookups.dropoff;
    this.dropoffSearch.value = at ? (chosenName ?? '') : '';
    if (!at || chosenName) return;
    this.names
      .name(at)
      .then((name) => {
        if (ask === this.lookups.dropoff) this.dropoffSearch.value = name;
      })
      .catch(() => undefined);
  }

  private mapCentre(): LngLat {
    const { lng, lat } = this.map.map.getCenter().wrap();
    return [lng, lat];
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
    const task = this.task.task();
    const ends = {
      pickup: { type: 'Point', coordinates: state.pickup },
      dropoff: { type: 'Point', coordinates: state.dropoff },
    } as const;
    const body: CreateRideRequest = task
      ? { kind: 'task', ...ends, task }
      : { kind: 'ride', ...ends, seats: Number(this.seats.value) || 1 };
    this.submit.disabled = true;
    this.submit.textContent = this.locale.t('request.sending');
    this.error.textContent = '';
    this.api
      .post<RideView>('/api/rides', body, { 'Idempotency-Key': this.key })
      .then((ride) => {
        this.choose(START);
        if (task) this.task.clear();
        this.onCreated(ride);
      })
      .catch((failure: unknown) => {
        this.render();
        this.error.textContent = errorText(failure, this.locale);
      });
  }
}

const pickupOf = (state: PickState): LngLat | null => (state.step === 'pickup' ? null : state.pickup);
const dropoffOf = (state: PickState): LngLat | null =>
  state.step === 'pickup' ? (state.dropoff ?? null) : state.step === 'ready' ? state.dropoff : null;
const samePoint = (a: LngLat | null, b: LngLat | null) =>
  a === b || (!!a && !!b && a[0] === b[0] && a[1] === b[1]);
