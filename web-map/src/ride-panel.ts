import type { DriverMoved, RideView } from '@navette/contracts';
import { errorText, h, show, type ApiClient } from '@navette/web-kit';
import type { Locale } from './locale.js';
import type { MapView } from '@navette/web-kit/map';
import { canCancel, currentRide, formatClock, isFinished, statusMessage } from './ride-status.js';

/**
 * The rider's ride, live: its status, expected pickup, driver (name and marker until pickup), a
 * Cancel button, and the list of the rider's rides.
 */
export class RidePanel {
  readonly element: HTMLElement;
  private ride: RideView | undefined;
  private rides = new Map<string, RideView>();
  private readonly title = h('h2');
  private readonly status = h('p', { class: 'status', 'data-testid': 'ride-status', role: 'status' });
  private readonly route = h('p', { 'data-testid': 'ride-route' });
  private readonly pickupTime = h('p', { 'data-testid': 'ride-pickup-time' });
  private readonly driver = h('p', { 'data-testid': 'ride-driver' });
  private readonly cancel = h('button', { type: 'button', class: 'danger', 'data-testid': 'ride-cancel' });
  private readonly error = h('p', { class: 'error', role: 'alert', 'data-testid': 'ride-error' });
  private readonly listTitle = h('h3');
  private readonly list = h('ul', { class: 'rides', 'data-testid': 'rides-list' });

  constructor(
    private readonly api: ApiClient,
    private readonly locale: Locale,
    private readonly map: MapView,
    private readonly onActiveChange: (active: boolean) => void,
  ) {
    this.element = h(
      'section',
      { class: 'card', 'data-testid': 'ride-panel' },
      this.title,
      this.status,
      this.route,
      this.pickupTime,
      this.driver,
      this.cancel,
      this.error,
      this.listTitle,
      this.list,
    );
    this.cancel.addEventListener('click', () => this.cancelRide());
    locale.bind(() => this.render());
  }

  /** Every ride of the rider (on load and after a reconnect); follows the newest one under way. */
  setRides(rides: readonly RideView[]): void {
    this.rides = new Map(rides.map((ride) => [ride.id, ride]));
    this.ride = currentRide(rides) ?? (this.ride ? this.rides.get(this.ride.id) : undefined);
    this.render();
  }

  /** A ride created here or changed on the server (`ride:updated`). */
  update(ride: RideView): void {
    this.rides.set(ride.id, ride);
    const following = this.ride;
    if (!following || following.id === ride.id || (isFinished(following.status) && !isFinished(ride.status)))
      this.ride = ride;
    this.render();
  }

  /** `driver:moved`: moves the marker of the ride's driver, while they are on their way. */
  driverMoved(moved: DriverMoved): void {
    const ride = this.ride;
    if (!ride || ride.driverId !== moved.driverId || ride.status !== 'assigned') return;
    this.ride = { ...ride, driverPosition: moved.position };
    this.renderMarkers();
  }

  get driverId(): string | null {
    return this.ride?.driverId ?? null;
  }

  private cancelRide(): void {
    const ride = this.ride;
    if (!ride) return;
    this.cancel.disabled = true;
    this.api
      .post<RideView>(`/api/rides/${ride.id}/cancel`)
      .then((cancelled) => this.update(cancelled))
      .catch((failure: unknown) => {
        this.error.textContent = errorText(failure, this.locale);
      })
      .finally(() => {
        this.cancel.disabled = false;
      });
  }

  private render(): void {
    const t = this.locale.t;
    const ride = this.ride;
    this.title.textContent = t('ride.title');
    this.status.textContent = ride ? t(statusMessage(ride.status)) : t('ride.none');
    if (ride) this.status.dataset.status = ride.status;
    else delete this.status.dataset.status;
    // Where from and to, by the names the ride was given (rides from before places have none).
    const from = ride?.pickupName;
    const to = ride?.dropoffName;
    this.route.textContent = from && to ? t('ride.route', { from, to }) : '';
    show(this.route, Boolean(from && to));
    const expected = ride?.expectedPickupAt && ride.status === 'assigned' ? ride.expectedPickupAt : null;
    this.pickupTime.textContent = expected
      ? t('ride.expectedPickup', { time: formatClock(expected, this.locale.formatLocale) })
      : '';
    show(this.pickupTime, expected !== null);
    this.driver.textContent = ride?.driverName ? t('ride.driver', { name: ride.driverName }) : '';
    show(this.driver, Boolean(ride?.driverName) && !isFinished(ride?.status ?? 'completed'));
    this.cancel.textContent = t('ride.cancel');
    show(this.cancel, ride !== undefined && canCancel(ride.status));
    this.listTitle.textContent = t('rides.title');
    const rides = [...this.rides.values()]
      .sort((a, b) => b.requestedAt.localeCompare(a.requestedAt))
      .slice(0, 10);
    show(this.listTitle, rides.length > 0);
    this.list.replaceChildren(
      ...rides.map((r) =>
        h(
          'li',
          { 'data-ride-id': r.id, 'data-status': r.status },
          `${formatClock(r.requestedAt, this.locale.formatLocale)} · ${t(statusMessage(r.status))}`,
        ),
      ),
    );
    this.renderMarkers();
    this.onActiveChange(ride !== undefined && !isFinished(ride.status));
  }

  private renderMarkers(): void {
    const ride = this.ride;
    const live = ride && !isFinished(ride.status) ? ride : undefined;
    this.map.setMarker('ride-pickup', 'pickup', live?.pickup.coordinates ?? null);
    this.map.setMarker('ride-dropoff', 'dropoff', live?.dropoff.coordinates ?? null);
    const driverAt = live?.status === 'assigned' ? live.driverPosition : null;
    this.map.setMarker('ride-driver', 'driver', driverAt, live?.driverName ?? '');
  }
}
