import type { RotaOccurrenceView } from '@navette/contracts';
import { h, show } from '@navette/web-kit';
import './rota.css';
import type { Locale } from './locale.js';
import { startable, type RotaState } from './rota-state.js';

/** What the driver does on the rota panel. */
export interface RotaPanelEvents {
  signUp(shift: RotaOccurrenceView, waitlist: boolean): void;
  withdraw(signupId: string): void;
  offerPlace(signupId: string): void;
  takePlace(swapId: string): void;
  start(signupId: string): void;
  showStops(date: string): void;
}

/**
 * The driver's rota: the shifts of their territories with sign up, waiting list, withdraw, swap
 * and "start scheduled shift"; reminders and promotions as a notice; their planned stops of a day.
 */
export class RotaPanel {
  readonly element: HTMLElement;
  private readonly title = h('h2', {});
  private readonly notice = h('p', { class: 'notice', role: 'status', 'data-testid': 'rota-notice' });
  private readonly error = h('p', { class: 'error', role: 'alert', 'data-testid': 'rota-error' });
  private readonly list = h('ul', { class: 'rota-list', 'data-testid': 'rota-shifts' });
  private readonly empty = h('p', { class: 'small', 'data-testid': 'rota-empty' });
  private readonly stops = h('div', { class: 'rota-stops', 'data-testid': 'rota-stops' });
  private state: RotaState | null = null;

  constructor(
    private readonly locale: Locale,
    private readonly events: RotaPanelEvents,
  ) {
    this.element = h(
      'section',
      { class: 'card rota', 'data-testid': 'rota', 'aria-labelledby': 'rota-title' },
      this.title,
      this.notice,
      this.error,
      this.empty,
      this.list,
      this.stops,
    );
    this.title.id = 'rota-title';
    locale.bind(() => this.state && this.render(this.state));
  }

  render(state: RotaState): void {
    this.state = state;
    const t = this.locale.t;
    this.title.textContent = t('rota.title');
    this.notice.textContent = state.notice;
    show(this.notice, state.notice !== '');
    this.error.textContent = state.error;
    show(this.error, state.error !== '');
    this.empty.textContent = t('rota.empty');
    show(this.empty, state.shifts.length === 0);
    this.list.replaceChildren(...state.shifts.map((shift) => this.item(shift, state)));
    this.renderStops(state);
  }

  private item(shift: RotaOccurrenceView, state: RotaState): HTMLElement {
    const t = this.locale.t;
    const time = (iso: string) =>
      new Intl.DateTimeFormat(this.locale.formatLocale, { hour: '2-digit', minute: '2-digit' }).format(
        new Date(iso),
      );
    const day = new Intl.DateTimeFormat(this.locale.formatLocale, {
      weekday: 'long',
      day: 'numeric',
      month: 'long',
    }).format(new Date(shift.startsAt));
    const mine = shift.mine ?? null;
    const button = (label: string, testid: string, action: () => void, kind = '') => {
      const b = h(
        'button',
        { type: 'button', class: kind, 'data-testid': testid, disabled: state.busy },
        label,
      );
      b.addEventListener('click', action);
      return b;
    };
    const buttons: HTMLElement[] = [];
    if (!mine && shift.gap > 0)
      buttons.push(button(t('rota.signUp'), 'rota-signup', () => this.events.signUp(shift, false)));
    if (!mine && shift.gap === 0)
      buttons.push(
        button(t('rota.joinWaitlist'), 'rota-waitlist', () => this.events.signUp(shift, true), 'secondary'),
      );
    if (mine?.status !== 'signed')
      for (const swap of shift.swaps)
        buttons.push(
          button(t('rota.takePlace', { name: swap.fromDriverName }), 'rota-take', () =>
            this.events.takePlace(swap.id),
          ),
        );
    if (mine && startable(shift, state.nowMs))
      buttons.push(button(t('rota.startShift'), 'rota-start', () => this.events.start(mine.id)));
    if (mine?.status === 'signed') {
      if (!shift.swaps.some((s) => s.signupId === mine.id))
        buttons.push(
          button(t('rota.offerPlace'), 'rota-offer', () => this.events.offerPlace(mine.id), 'secondary'),
        );
      buttons.push(
        button(t('rota.myStops'), 'rota-stops-show', () => this.events.showStops(shift.date), 'secondary'),
      );
    }
    if (mine && mine.shiftId === null)
      buttons.push(
        button(
          t(mine.status === 'signed' ? 'rota.withdraw' : 'rota.leaveWaitlist'),
          'rota-withdraw',
          () => this.events.withdraw(mine.id),
          'danger',
        ),
      );
    const status = mine ? t(mine.status === 'signed' ? 'rota.signedUp' : 'rota.waiting') : '';
    return h(
      'li',
      {
        class: 'rota-shift',
        'data-testid': 'rota-shift',
        'data-slot': shift.slotId,
        'data-date': shift.date,
      },
      h(
        'p',
        { class: 'strong' },
        t('rota.when', { day, from: time(shift.startsAt), to: time(shift.endsAt) }),
      ),
      h('p', { class: 'small' }, [shift.territoryName, shift.note ?? ''].filter(Boolean).join(' · ')),
      h(
        'p',
        { class: 'small', 'data-testid': 'rota-count' },
        t('rota.drivers', { signed: shift.signed.length, needed: shift.driversNeeded }) +
          (shift.waiting.length ? ` · ${t('rota.waitingCount', { count: shift.waiting.length })}` : ''),
      ),
      h('p', { 'data-testid': 'rota-mine' }, status),
      h('div', { class: 'buttons' }, ...buttons),
    );
  }

  private renderStops(state: RotaState): void {
    show(this.stops, state.stops !== null);
    if (!state.stops) return;
    const t = this.locale.t;
    const time = (iso: string) =>
      new Intl.DateTimeFormat(this.locale.formatLocale, { hour: '2-digit', minute: '2-digit' }).format(
        new Date(iso),
      );
    const items = state.stops.stops.map((stop) =>
      h(
        'li',
        { 'data-testid': 'rota-stop' },
        t(stop.type === 'pickup' ? 'rota.stop.pickup' : 'rota.stop.dropoff', {
          time: time(stop.at),
          place: stop.placeName ?? t('rota.stop.unnamed'),
        }),
      ),
    );
    this.stops.replaceChildren(
      h(
        'h3',
        {},
        t('rota.stopsOf', {
          day: new Intl.DateTimeFormat(this.locale.formatLocale, {
            timeZone: 'UTC',
            weekday: 'long',
            day: 'numeric',
            month: 'long',
          }).format(new Date(`${state.stops.date}T12:00:00Z`)),
        }),
      ),
      items.length ? h('ol', {}, ...items) : h('p', { class: 'small' }, t('rota.noStops')),
    );
  }
}
