import { h, show } from '@navette/web-kit';
import type { Locale } from './locale.js';
import { canCancel, formatClock, isFinished, rideStatusMessage } from './ride-status.js';
import { followedRide, type RiderState } from './rider-state.js';
import { soonerDriverShown } from './sooner-driver.js';

/**
 * The ride the rider follows, live: its status and places, then the driver and vehicle, the pickup
 * and drop-off times, whether it is shared, and "Cancel" (which asks first, see CancelDialog).
 */
export class RidePanel {
  readonly element: HTMLElement;
  private readonly title = h('h2');
  private readonly status = h('p', { class: 'status', 'data-testid': 'ride-status', role: 'status' });
  private readonly sooner = h('p', { class: 'notice', role: 'status', 'data-testid': 'ride-sooner-driver' });
  private readonly route = h('p', { 'data-testid': 'ride-route' });
  private readonly driver = h('p', { 'data-testid': 'ride-driver' });
  private readonly pickupTime = h('p', { 'data-testid': 'ride-pickup-time' });
  private readonly dropoffTime = h('p', { 'data-testid': 'ride-dropoff-time' });
  private readonly shared = h('p', { class: 'shared', 'data-testid': 'ride-shared' });
  private readonly offline = h('p', { class: 'notice', 'data-testid': 'ride-offline' });
  private readonly cancel = h('button', { type: 'button', class: 'danger', 'data-testid': 'ride-cancel' });
  private readonly error = h('p', { class: 'error', role: 'alert', 'data-testid': 'ride-error' });
  private state: RiderState | undefined;

  constructor(
    private readonly locale: Locale,
    askCancel: () => void,
  ) {
    this.element = h(
      'section',
      { class: 'card', 'data-testid': 'ride-panel', 'aria-labelledby': 'ride-title' },
      this.title,
      this.offline,
      this.status,
      this.sooner,
      this.route,
      this.driver,
      this.pickupTime,
      this.dropoffTime,
      this.shared,
      this.cancel,
      this.error,
    );
    this.title.id = 'ride-title';
    this.cancel.addEventListener('click', askCancel);
    locale.bind(() => this.state && this.render(this.state));
  }

  render(state: RiderState): void {
    this.state = state;
    const t = this.locale.t;
    const ride = followedRide(state);
    const clock = (iso: string) => formatClock(iso, this.locale.formatLocale);
    // No ride followed: nothing to say (the request form says what to do); offline, the notice.
    show(this.element, ride !== undefined || state.offline);
    // A task says what is sent; a ride (or no ride, offline) is "your ride".
    const what = ride?.task?.what;
    this.title.textContent = what ? t('task.panelTitle', { what }) : t('ride.title');
    this.offline.textContent = state.offline ? t('ride.offline') : '';
    show(this.offline, state.offline);
    this.status.textContent = ride ? t(rideStatusMessage(ride)) : t('ride.none');
    if (ride) this.status.dataset.status = ride.status;
    else delete this.status.dataset.status;
    // Where from and to, by the names the ride was given (rides from before places have none).
    // The driver changed to one who can come sooner (ADR 0041): said until the pickup.
    const sooner = soonerDriverShown(state.soonerDriver, ride) ? state.soonerDriver : null;
    this.sooner.textContent = sooner
      ? sooner.driverName
        ? t('ride.soonerDriver', { name: sooner.driverName })
        : t('ride.soonerDriverUnnamed')
      : '';
    show(this.sooner, sooner !== null);
    const from = ride?.pickupName;
    const to = ride?.dropoffName;
    this.route.textContent = from && to ? t('ride.route', { from, to }) : '';
    show(this.route, Boolean(from && to));
    const live = ride && !isFinished(ride.status) ? ride : undefined;
    this.driver.textContent = live?.driverName
      ? live.vehicleLabel
        ? t('ride.driverVehicle', { name: live.driverName, vehicle: live.vehicleLabel })
        : t('ride.driver', { name: live.driverName })
      : '';
    show(this.driver, Boolean(live?.driverName));
    const pickupAt = live?.status === 'assigned' ? live.expectedPickupAt : null;
    this.pickupTime.textContent = pickupAt ? t('ride.expectedPickup', { time: clock(pickupAt) }) : '';
    show(this.pickupTime, pickupAt !== null);
    const dropoffAt = live?.expectedDropoffAt ?? null;
    this.dropoffTime.textContent = dropoffAt ? t('ride.expectedDropoff', { time: clock(dropoffAt) }) : '';
    show(this.dropoffTime, dropoffAt !== null);
    const others = live?.sharedWith ?? 0;
    this.shared.textContent =
      others > 0 ? t(others === 1 ? 'ride.sharedOne' : 'ride.shared', { count: others }) : '';
    show(this.shared, others > 0);
    this.cancel.textContent = t('ride.cancel');
    show(this.cancel, ride !== undefined && canCancel(ride.status) && !state.offline);
    this.error.textContent = state.rideError;
  }
}
