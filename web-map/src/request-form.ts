import type { CreateTaskRequest, PlaceSearchHit } from '@navette/contracts';
import { h, show } from '@navette/web-kit';
import type { Locale } from './locale.js';
import { PlaceSearch } from './place-search.js';
import type { TripEnd } from './pick-controller.js';
import type { RiderState } from './rider-state.js';
import { formatDuration } from './ride-status.js';
import { TaskFields } from './task-fields.js';

/** What the request form asks of the page. */
export interface RequestFormEvents {
  search(query: string): Promise<PlaceSearchHit[]>;
  picked(end: TripEnd, hit: PlaceSearchHit): void;
  locate(): void;
  reset(): void;
  /** Ask: a ride for `seats`, or, with `task`, something sent (no seat). */
  submit(seats: number, task: CreateTaskRequest | null): void;
}

/**
 * Asking for a ride: pickup and drop-off by search (or by the places list, the device's location, a
 * tap on the map, wired elsewhere), each shown by name; the stop a snapped pickup moves to; the
 * estimated wait and trip time; the seats; "Request".
 */
export class RequestForm {
  readonly element: HTMLElement;
  private readonly title = h('h2');
  private readonly hint = h('p', { 'data-testid': 'request-hint' });
  private readonly locate = h('button', {
    type: 'button',
    class: 'secondary',
    'data-testid': 'use-my-location',
  });
  private readonly seatsLabel = h('span');
  private readonly seats = h('input', {
    type: 'number',
    min: 1,
    max: 8,
    value: '1',
    inputmode: 'numeric',
    'data-testid': 'request-seats',
  });
  private readonly estimate = h('p', {
    class: 'estimate',
    role: 'status',
    'data-testid': 'request-estimate',
  });
  private readonly submit = h('button', { type: 'submit', 'data-testid': 'request-submit' });
  private readonly reset = h('button', {
    type: 'button',
    class: 'secondary',
    'data-testid': 'request-reset',
  });
  private readonly error = h('p', { class: 'error', role: 'alert', 'data-testid': 'request-error' });
  private readonly snapNote = h('p', { class: 'snap-note', role: 'status', 'data-testid': 'request-snap' });
  private readonly pickupSearch: PlaceSearch;
  private readonly dropoffSearch: PlaceSearch;
  /** The names last written into the boxes: a box is rewritten only when its name changes. */
  private shown = { pickup: '', dropoff: '' };
  private state: RiderState | undefined;
  private readonly task: TaskFields;
  private readonly seatsRow: HTMLElement;

  constructor(
    private readonly locale: Locale,
    events: RequestFormEvents,
  ) {
    this.seatsRow = h('label', {}, this.seatsLabel, this.seats);
    this.task = new TaskFields(locale, (sending) => show(this.seatsRow, !sending));
    const search = (query: string) => events.search(query);
    this.pickupSearch = new PlaceSearch(locale, {
      role: 'pickup',
      label: 'search.pickup',
      search,
      onPick: (hit) => events.picked('pickup', hit),
    });
    this.dropoffSearch = new PlaceSearch(locale, {
      role: 'dropoff',
      label: 'search.dropoff',
      search,
      onPick: (hit) => events.picked('dropoff', hit),
    });
    const form = h(
      'form',
      { class: 'card', 'data-testid': 'request-form' },
      this.title,
      this.hint,
      this.pickupSearch.element,
      this.locate,
      this.snapNote,
      this.dropoffSearch.element,
      this.seatsRow,
      this.task.element,
      this.estimate,
      h('div', { class: 'buttons' }, this.submit, this.reset),
      this.error,
    );
    this.element = form;
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      events.submit(Number(this.seats.value) || 1, this.task.task());
    });
    this.reset.addEventListener('click', () => events.reset());
    this.locate.addEventListener('click', () => events.locate());
    locale.bind(() => this.state && this.render(this.state));
  }

  /** Empties the "Send something" fields once the task is asked for. */
  clearTask(): void {
    this.task.clear();
  }

  render(state: RiderState): void {
    this.state = state;
    const t = this.locale.t;
    const step = state.pick.step;
    this.title.textContent = t('request.title');
    this.hint.textContent = t(
      step === 'pickup' ? 'request.pickPickup' : step === 'dropoff' ? 'request.pickDropoff' : 'request.ready',
    );
    this.locate.textContent = t(state.locating ? 'locate.busy' : 'locate.button');
    this.locate.disabled = state.locating;
    this.seatsLabel.textContent = t('request.seats');
    this.submit.textContent = t(state.requestBusy ? 'request.sending' : 'request.submit');
    this.submit.disabled = step !== 'ready' || state.requestBusy;
    this.reset.textContent = t('request.reset');
    for (const end of ['pickup', 'dropoff'] as const) {
      const name = state.names[end];
      if (name === this.shown[end]) continue;
      this.shown[end] = name;
      (end === 'pickup' ? this.pickupSearch : this.dropoffSearch).value = name;
    }
    this.snapNote.textContent = state.names.snapNote;
    const estimate = state.estimate;
    this.estimate.textContent = !estimate
      ? ''
      : t(estimate.waitSeconds === null ? 'estimate.noDriver' : 'estimate.text', {
          wait: formatDuration(estimate.waitSeconds ?? 0, t),
          trip: formatDuration(estimate.tripSeconds, t),
        });
    show(this.estimate, estimate !== null);
    this.error.textContent = state.requestError;
  }
}
