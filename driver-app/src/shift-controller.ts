import type { HandoverRequest, LngLat, OfferView, TripEvent, TripView } from '@navette/contracts';
import {
  ACK_TIMEOUT_MS,
  connectRealtime,
  errorBodyText,
  errorText,
  noAck,
  type Ack,
  type ApiClient,
  type NavetteSocket,
  type Store,
} from '@navette/web-kit';
import type { DriverState } from './driver-state.js';
import type { Locale } from './locale.js';
import { OfferBook } from './offer-book.js';
import { PositionReporter } from './position-reporter.js';

/** The environment a shift runs in: the browser's, or a test's. */
export interface ShiftEnvironment {
  /** A position fixed by the page's address (desk use, tests): the device is then not asked. */
  fixedPosition: LngLat | null;
  geolocation: Geolocation | null;
  /** The server ended the session (token expired, role changed, suspended): sign in again. */
  sessionEnded(): void;
}

/**
 * The driver's shift: talks to the API and the socket, and writes what happened into the page's
 * state. The components never call it back except through the events the entry wires to it.
 */
export class ShiftController {
  private socket: NavetteSocket | null = null;
  private watchId: number | null = null;
  private ticker: ReturnType<typeof setInterval> | undefined;
  private readonly offers = new OfferBook();
  private readonly reporter = new PositionReporter((position) => this.report(position));

  constructor(
    private readonly api: ApiClient,
    private readonly token: string,
    private readonly store: Store<DriverState>,
    private readonly locale: Locale,
    private readonly env: ShiftEnvironment,
  ) {}

  /** After a page load: is the shift on, which offers wait, which trips are under way. */
  async restore(): Promise<void> {
    try {
      const shift = await this.api.get('/api/shifts/current');
      if (shift) this.goOnline(null);
      if (shift?.availability) this.store.update({ availability: shift.availability });
      await this.reloadTrips();
      if (shift) for (const offer of await this.api.get('/api/offers/pending')) this.addOffer(offer);
    } catch (failure) {
      this.store.update({ shiftError: errorText(failure, this.locale) });
    }
  }

  async startShift(typed: LngLat | null): Promise<void> {
    this.store.update({ shiftError: '', shiftBusy: true });
    try {
      const position = typed ?? (await this.locate());
      if (!position) {
        this.store.update({ shiftError: this.locale.t('shift.noPosition') });
        return;
      }
      await this.api.post('/api/shifts/start', { position });
      this.goOnline(position);
    } catch (failure) {
      this.store.update({ shiftError: errorText(failure, this.locale) });
    } finally {
      this.store.update({ shiftBusy: false });
    }
  }

  async endShift(): Promise<void> {
    this.store.update({ shiftError: '', shiftBusy: true });
    try {
      await this.api.post('/api/shifts/end');
      this.goOffline();
    } catch (failure) {
      this.store.update({ shiftError: errorText(failure, this.locale) });
    } finally {
      this.store.update({ shiftBusy: false });
    }
  }

  /** A position the driver typed: reported while on shift. */
  typed(position: LngLat): void {
    this.store.update({ position });
    this.reporter.update(position);
  }

  /** One reading of the device's position, shown in the fields; null when refused or absent. */
  locate(): Promise<LngLat | null> {
    const geolocation = this.env.geolocation;
    if (!geolocation) return Promise.resolve(null);
    return new Promise((resolve) => {
      geolocation.getCurrentPosition(
        ({ coords }) => {
          const position: LngLat = [coords.longitude, coords.latitude];
          this.store.update({ position });
          resolve(position);
        },
        () => resolve(null),
        { enableHighAccuracy: false, timeout: 10_000, maximumAge: 60_000 },
      );
    });
  }

  async answer(offer: OfferView, answer: 'accept' | 'decline'): Promise<void> {
    const socket = this.socket;
    if (!socket) return;
    const payload = { offerId: offer.id };
    const ack: Ack<unknown> = await this.ack<unknown>(() =>
      answer === 'accept'
        ? socket.timeout(ACK_TIMEOUT_MS).emitWithAck('offer:accept', payload)
        : socket.timeout(ACK_TIMEOUT_MS).emitWithAck('offer:decline', payload),
    );
    if ('error' in ack) {
      const text = errorBodyText(ack.error, this.locale);
      if (ack.error.code === 'OFFER_NOT_PENDING' || ack.error.code === 'NOT_FOUND')
        this.removeOffer(offer.id);
      else this.store.update({ offerErrors: new Map([...this.store.state.offerErrors, [offer.id, text]]) });
      this.store.update({ notice: text });
      return;
    }
    this.store.update({ notice: '' });
    this.removeOffer(offer.id);
    if (answer === 'accept') this.setTrip(ack.data as TripView);
  }

  async mark(trip: TripView, event: TripEvent): Promise<void> {
    const socket = this.socket;
    const payload = { rideId: trip.rideId, event };
    const ack: Ack<TripView> = socket
      ? await this.ack(() => socket.timeout(ACK_TIMEOUT_MS).emitWithAck('trip:mark', payload))
      : await this.api.post(`/api/trips/${trip.rideId}/mark`, { event }).then(
          (data) => ({ data }),
          (failure: unknown) => noAck(errorText(failure, this.locale)),
        );
    this.settle(trip, ack, 'data' in ack && ack.data.status === 'completed');
  }

  /** A task at the door: the recipient's code, where it was left, or nobody there (HTTP: no socket command). */
  async handover(trip: TripView, request: HandoverRequest): Promise<void> {
    const ack: Ack<TripView> = await this.api
      .post<TripView>(`/api/trips/${trip.rideId}/handover`, request)
      .then(
        (data) => ({ data }),
        (failure: unknown) => noAck(errorText(failure, this.locale)),
      );
    this.settle(trip, ack, 'data' in ack && ack.data.rideStatus === 'completed');
  }

  /** A mark or a handover answered: the error on the trip's card, or the trip as it now is. */
  private settle(trip: TripView, ack: Ack<TripView>, done: boolean): void {
    if ('error' in ack) {
      const text = errorBodyText(ack.error, this.locale);
      this.store.update({ tripErrors: new Map([...this.store.state.tripErrors, [trip.rideId, text]]) });
      return;
    }
    if (done) this.store.update({ notice: this.locale.t('trip.done') });
    this.setTrip(ack.data);
  }

  private goOnline(known: LngLat | null): void {
    this.store.update({ onShift: true });
    this.reporter.start(known);
    const geolocation = this.env.geolocation;
    if (!this.env.fixedPosition && geolocation && this.watchId === null) {
      this.watchId = geolocation.watchPosition(
        ({ coords }) => {
          const position: LngLat = [coords.longitude, coords.latitude];
          this.store.update({ position });
          this.reporter.update(position);
        },
        () => undefined,
        { enableHighAccuracy: true, maximumAge: 5_000 },
      );
    }
    if (this.socket) return;
    const socket = connectRealtime(this.token);
    this.socket = socket;
    socket.on('connect', () => {
      document.body.dataset.socket = 'connected';
      this.store.update({ connection: 'connected' });
      // Offers and trips may have changed while the connection was down: ask again (deduped by id).
      socket.timeout(ACK_TIMEOUT_MS).emit('offers:resend', {}, () => undefined);
      void this.reloadTrips().catch(() => undefined);
    });
    socket.on('disconnect', () => {
      document.body.dataset.socket = 'disconnected';
      this.store.update({ connection: 'lost' });
    });
    socket.on('connect_error', () => this.store.update({ connection: 'lost' }));
    socket.on('session:ended', () => this.env.sessionEnded());
    socket.on('offer:received', (offer) => this.addOffer(offer));
    socket.on('offer:expired', ({ offerId }) => this.removeOffer(offerId));
    socket.on('driver:paused', (paused) =>
      this.store.update({ availability: { state: 'paused', ...paused } }),
    );
    socket.on('driver:resumed', () => this.store.update({ availability: null }));
    socket.on('ride:updated', (ride) => {
      if (!this.store.state.trips.some((trip) => trip.rideId === ride.id)) return;
      if (ride.status === 'cancelled') this.store.update({ notice: this.locale.t('trip.cancelled') });
      void this.reloadTrips().catch(() => undefined);
    });
  }

  private goOffline(): void {
    this.reporter.stop();
    if (this.watchId !== null) this.env.geolocation?.clearWatch(this.watchId);
    this.watchId = null;
    this.socket?.disconnect();
    this.socket = null;
    this.offers.clear();
    this.store.update({ onShift: false, availability: null, connection: 'none' });
    this.offersChanged();
  }

  private async report(position: LngLat): Promise<boolean> {
    const socket = this.socket;
    if (!socket?.connected) return false;
    const ack = await this.ack(() =>
      socket.timeout(ACK_TIMEOUT_MS).emitWithAck('position:report', { position }),
    );
    return 'data' in ack;
  }

  private async ack<T>(send: () => Promise<Ack<T>>): Promise<Ack<T>> {
    try {
      return await send();
    } catch {
      return noAck(this.locale.t('error.network'));
    }
  }

  private addOffer(offer: OfferView): void {
    if (!this.store.state.onShift) return;
    this.offers.add(offer);
    this.offersChanged();
  }

  private removeOffer(offerId: string): void {
    this.offers.remove(offerId);
    this.offersChanged();
  }

  /** Writes the offers into the state; the countdowns tick once a second while any offer waits. */
  private offersChanged(): void {
    const offers = this.offers.list();
    const offerErrors = new Map(
      [...this.store.state.offerErrors].filter(([id]) => offers.some((o) => o.id === id)),
    );
    this.store.update({ offers, offerErrors, nowMs: Date.now() });
    if (offers.length > 0 && this.ticker === undefined) this.ticker = setInterval(() => this.tick(), 1000);
    if (offers.length === 0 && this.ticker !== undefined) {
      clearInterval(this.ticker);
      this.ticker = undefined;
    }
  }

  private tick(): void {
    const nowMs = Date.now();
    if (this.offers.prune(nowMs).length > 0) this.offersChanged();
    else this.store.update({ nowMs });
  }

  private async reloadTrips(): Promise<void> {
    const trips = await this.api.get('/api/trips/current');
    this.store.update({ trips, tripErrors: new Map() });
  }

  private setTrip(trip: TripView): void {
    // A pooled trip stays active after one rider is dropped off (or did not come): that ride is done.
    const rideDone = trip.rideStatus === 'completed' || trip.rideStatus === 'no_show';
    const keep = trip.status === 'active' && !rideDone;
    const known = this.store.state.trips.some((t) => t.rideId === trip.rideId);
    const trips = this.store.state.trips.flatMap((t) =>
      t.rideId !== trip.rideId ? [t] : keep ? [trip] : [],
    );
    if (keep && !known) trips.push(trip);
    const tripErrors = new Map(this.store.state.tripErrors);
    tripErrors.delete(trip.rideId);
    this.store.update({ trips, tripErrors });
  }
}
