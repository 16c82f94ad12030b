import type { HandoverRequest, LngLat, TripEvent, TripView } from '@navette/contracts';
import { h } from '@navette/web-kit';
import { formatPosition } from './geo.js';
import { handoverPanel } from './handover-panel.js';
import type { Locale } from './locale.js';

/** A `geo:` link opens the phone's own map app at the place, without this page calling anyone. */
function geoLink(position: LngLat, text: string): HTMLAnchorElement {
  const [lng, lat] = position;
  return h('a', { href: `geo:${lat},${lng}` }, text);
}

/** An accepted trip: rider, exact pickup and drop-off, and the next thing to mark. */
export function tripCard(
  trip: TripView,
  locale: Locale,
  mark: (trip: TripView, event: TripEvent, card: HTMLElement) => void,
  handover: (trip: TripView, request: HandoverRequest) => void = () => undefined,
): HTMLElement {
  const t = locale.t;
  const onBoard = trip.rideStatus === 'picked_up';
  const next: TripEvent = onBoard ? 'dropped_off' : 'picked_up';
  const button = h(
    'button',
    { type: 'button', 'data-testid': onBoard ? 'trip-dropped-off' : 'trip-picked-up' },
    t(onBoard ? 'trip.droppedOff' : 'trip.pickedUp'),
  );
  // Before pickup the driver may also say the rider was not there.
  const noShow = h(
    'button',
    { type: 'button', class: 'secondary', 'data-testid': 'trip-no-show' },
    t('trip.noShow'),
  );
  const card = h(
    'section',
    {
      class: 'card trip',
      'data-testid': 'trip-card',
      'data-ride-id': trip.rideId,
      'data-status': trip.rideStatus,
    },
    h('h2', {}, t('trip.title', { name: trip.riderName })),
    h(
      'p',
      { class: 'strong', 'data-testid': 'trip-status' },
      trip.task
        ? t(onBoard ? 'handover.status.picked_up' : 'handover.status.assigned')
        : t(onBoard ? 'trip.status.picked_up' : 'trip.status.assigned'),
    ),
    h(
      'p',
      { 'data-testid': 'trip-pickup' },
      geoLink(
        trip.pickup.coordinates,
        t('trip.pickup', { where: trip.pickupName ?? formatPosition(trip.pickup.coordinates) }),
      ),
    ),
    h(
      'p',
      { 'data-testid': 'trip-dropoff' },
      geoLink(
        trip.dropoff.coordinates,
        t('trip.dropoff', { where: trip.dropoffName ?? formatPosition(trip.dropoff.coordinates) }),
      ),
    ),
    ...(trip.task
      ? [handoverPanel(trip, locale, handover)!]
      : [h('p', {}, t('trip.seats', { seats: trip.seats }))]),
    // A task aboard ends by its handover, not by "dropped off".
    ...(trip.task && onBoard ? [] : [h('div', { class: 'buttons' }, button, ...(onBoard ? [] : [noShow]))]),
    h('p', { class: 'error', role: 'alert', 'data-testid': 'trip-error' }),
  );
  button.addEventListener('click', () => {
    button.disabled = true;
    noShow.disabled = true;
    mark(trip, next, card);
  });
  noShow.addEventListener('click', () => {
    button.disabled = true;
    noShow.disabled = true;
    mark(trip, 'no_show', card);
  });
  return card;
}
