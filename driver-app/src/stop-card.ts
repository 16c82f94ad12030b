import type { HandoverRequest, RouteStopView, TripEvent, TripView } from '@navette/contracts';
import { h } from '@navette/web-kit';
import type { PendingMark } from './driver-state.js';
import { formatDistance, navigationLinks } from './geo.js';
import { handoverPanel } from './handover-panel.js';
import type { MessageKey } from './i18n.js';
import type { Locale } from './locale.js';

/** One thing a driver can mark at a stop: the event, its button's words and test id. */
interface StopMark {
  event: TripEvent;
  label: MessageKey;
  testid: string;
  secondary?: boolean;
}

/**
 * What each kind of stop is called and what can be marked there. A new kind of stop (a task's
 * handover) is a new row here, its words in the catalogues, and its event in the API.
 */
export const STOP_KINDS: Record<RouteStopView['type'], { title: MessageKey; marks: readonly StopMark[] }> = {
  pickup: {
    title: 'stop.pickup',
    marks: [
      { event: 'picked_up', label: 'trip.pickedUp', testid: 'trip-picked-up' },
      { event: 'no_show', label: 'trip.noShow', testid: 'trip-no-show', secondary: true },
    ],
  },
  dropoff: {
    title: 'stop.dropoff',
    marks: [{ event: 'dropped_off', label: 'trip.droppedOff', testid: 'trip-dropped-off' }],
  },
};

export interface StopCardEvents {
  /** Mark `event` for the stop's ride; `confirmed` once the driver said yes to a far mark. */
  mark(stop: RouteStopView, event: TripEvent, confirmed: boolean): void;
  /** The driver took back a far mark. */
  cancelMark(): void;
  /** A task handed over at its drop-off (the code, where it was left, nobody there, given back). */
  handover(rideId: string, request: HandoverRequest): void;
}

export interface StopCardInput {
  stop: RouteStopView;
  /** Its place in the route, from 1 (the next stop). */
  order: number;
  /** Whether it can be marked now (a drop-off only once its rider is aboard). */
  markable: boolean;
  error: string;
  /** A far mark of this stop's ride waiting for confirmation. */
  pending: PendingMark | null;
  /** The stop's ride as a trip (a task's what and contacts); null when not known yet. */
  trip: TripView | null;
}

/**
 * One stop of the route: its order, kind and name (never coordinates), the rider, seats and notes,
 * links to the phone's navigation app, and what can be marked there — with a confirmation when the
 * driver is far from it.
 */
export function stopCard(input: StopCardInput, locale: Locale, events: StopCardEvents): HTMLElement {
  const t = locale.t;
  const { stop } = input;
  const kind = STOP_KINDS[stop.type];
  const name = stop.name ?? t(stop.type === 'pickup' ? 'stop.unnamedPickup' : 'stop.unnamedDropoff');
  const links = navigationLinks(stop.position, name);
  // A task: what it is and who to collect from at its pickup; at its drop-off, once aboard, the
  // handover at the door takes the place of "Dropped off" (the API refuses that mark for a task).
  const task = input.trip?.task ? input.trip : null;
  const handingOver = task !== null && stop.type === 'dropoff';
  const buttons = kind.marks.map((m) => {
    const button = h(
      'button',
      { type: 'button', 'data-testid': m.testid, ...(m.secondary ? { class: 'secondary' } : {}) },
      t(m.label),
    );
    button.addEventListener('click', () => {
      for (const b of buttons) b.disabled = true;
      events.mark(stop, m.event, false);
    });
    return button;
  });
  const card = h(
    'li',
    {
      class: `card stop stop-${stop.type}${input.order === 1 ? ' next' : ''}`,
      'data-testid': 'stop-card',
      'data-kind': stop.type,
      'data-ride-id': stop.rideId,
    },
    h(
      'h3',
      { 'data-testid': 'stop-name' },
      h('span', { class: 'order', 'aria-hidden': 'true' }, String(input.order)),
      t(kind.title, { where: name }),
    ),
    h(
      'p',
      { 'data-testid': 'stop-rider' },
      task
        ? `${stop.riderName} · ${t('handover.offerCargo', { units: stop.cargoUnits ?? 1 })}`
        : t('stop.rider', { name: stop.riderName, seats: stop.seats }),
    ),
    ...(stop.notes
      ? [h('p', { class: 'notes', 'data-testid': 'stop-notes' }, t('stop.notes', { notes: stop.notes }))]
      : []),
    h(
      'p',
      { class: 'links' },
      h('a', { href: links.geo, 'data-testid': 'stop-navigate' }, t('stop.navigate')),
      h(
        'a',
        { href: links.osm, rel: 'noopener noreferrer', target: '_blank', 'data-testid': 'stop-osm' },
        t('stop.osm'),
      ),
    ),
  );
  if (task && (stop.type === 'pickup' || input.markable)) {
    const panel = handoverPanel(task, locale, (trip, request) => events.handover(trip.rideId, request));
    if (panel) card.append(panel);
  } else if (handingOver && stop.handover) {
    card.append(
      h(
        'p',
        { 'data-testid': 'handover-deliver' },
        t('handover.deliverTo', { name: stop.handover.contactName ?? t('handover.someone') }),
      ),
    );
  }
  if (input.markable && !handingOver) card.append(h('div', { class: 'buttons' }, ...buttons));
  const pending = input.pending;
  if (pending && pending.rideId === stop.rideId && kind.marks.some((m) => m.event === pending.event)) {
    for (const b of buttons) b.disabled = true;
    const yes = h('button', { type: 'button', 'data-testid': 'mark-confirm' }, t('mark.confirm'));
    const no = h(
      'button',
      { type: 'button', class: 'secondary', 'data-testid': 'mark-cancel' },
      t('mark.cancel'),
    );
    yes.addEventListener('click', () => events.mark(stop, pending.event, true));
    no.addEventListener('click', () => events.cancelMark());
    card.append(
      h(
        'div',
        { class: 'confirm', role: 'alertdialog', 'aria-label': t('mark.title'), 'data-testid': 'mark-far' },
        h(
          'p',
          { class: 'strong' },
          t('mark.far', {
            distance: formatDistance(pending.distanceMeters, locale.formatLocale),
            where: name,
          }),
        ),
        h('div', { class: 'buttons' }, yes, no),
      ),
    );
  }
  card.append(h('p', { class: 'error', role: 'alert', 'data-testid': 'trip-error' }, input.error));
  return card;
}
