import type {
  FileReportRequest,
  HandoverRequest,
  LngLat,
  OfferView,
  RideView,
  RouteStopView,
  TripEvent,
  TripTakenOver,
  TripView,
  WaitingSpotAnswerRequest,
  WaitingSpotSuggestion,
  WaitingSpotView,
} from '@navette/contracts';
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
import type { AfterTrip, DriverState } from './driver-state.js';
import { distanceMeters, FAR_FROM_STOP_METERS } from './geo.js';
import type { Locale } from './locale.js';
import type { OfferAlert } from './offer-alert.js';
import { OfferBook } from './offer-book.js';
import { PositionReporter } from './position-reporter.js';
import type { ThrottleRule } from './position-throttle.js';
import { takenOverNotice } from './takeover.js';

/** The environment a shift runs in: the browser's, or a test's. */
export interface ShiftEnvironment {
  /** A position fixed by the page's address (desk use, tests): the device is then not asked. */
  fixedPosition: LngLat | null;
  geolocation: Geolocation | null;
  alert: OfferAlert;
  /** How often positions may be reported (default `DEFAULT_THROTTLE`). */
  throttle?: ThrottleRule;
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
  private readonly reporter: PositionReporter;

  constructor(
    private readonly api: ApiClient,
    private readonly token: string,
    private readonly store: Store<DriverState>,
    private readonly locale: Locale,
    private readonly env: ShiftEnvironment,
  ) {
    this.reporter = new PositionReporter((position) => this.report(position), env.throttle);
  }

  /**
   * After a page load, and again when the page comes back (woken from sleep, unfrozen, back
   * online): is the shift on, which offers wait, which trips and stops are ahead.
   */
  async restore(): Promise<void> {
    try {
      const shift = await this.api.get('/api/shifts/current');
      if (shift) this.goOnline(null);
      else if (this.store.state.onShift) this.goOffline();
      this.store.update({ availability: shift?.availability ?? null, shiftError: '' });
      await this.reloadTrips();
      if (shift) for (const offer of await this.api.get('/api/offers/pending')) this.addOffer(offer);
    } catch (failure) {
      this.store.update({ shiftError: errorText(failure, this.locale) });
    }
  }

  /** The page is seen again or the network is back: reconnect at once and ask the server again. */
  wake(): void {
    if (this.socket && !this.socket.connected) this.socket.connect();
    void this.restore();
  }

  /** The browser says the network is there or not (`online`/`offline` events). */
  network(online: boolean): void {
    this.store.update({ online });
    if (!online) this.reporter.linkDown();
    else this.wake();
  }

  async startShift(): Promise<void> {
    this.store.update({ shiftError: '', shiftBusy: true });
    try {
      const position = this.env.fixedPosition ?? (await this.locate());
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

  /** One reading of the device's position; null when refused or absent. */
  locate(): Promise<LngLat | null> {
    const geolocation = this.env.geolocation;
    if (!geolocation) {
      this.store.update({ location: 'unsupported' });
      return Promise.resolve(null);
    }
    return new Promise((resolve) => {
      geolocation.getCurrentPosition(
        ({ coords }) => {
          const position: LngLat = [coords.longitude, coords.latitude];
          this.store.update({ position, location: 'following' });
          resolve(position);
        },
        (error) => {
          if (error.code === error.PERMISSION_DENIED) this.store.update({ location: 'denied' });
          resolve(null);
        },
        { enableHighAccuracy: true, timeout: 15_000, maximumAge: 60_000 },
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
    if (answer === 'accept') await this.reloadTrips().catch(() => undefined);
  }

  /**
   * Marks a stop. Farther than `FAR_FROM_STOP_METERS` from it, the driver is asked first
   * (`pendingMark`); the position goes with the mark so the API records the distance.
   */
  async mark(stop: RouteStopView, event: TripEvent, confirmed: boolean): Promise<void> {
    const position = this.store.state.position;
    const far = position ? distanceMeters(position, stop.position) : 0;
    if (!confirmed && far > FAR_FROM_STOP_METERS) {
      this.store.update({ pendingMark: { rideId: stop.rideId, event, distanceMeters: far } });
      return;
    }
    this.store.update({ pendingMark: null });
    const riderName = this.riderName(stop.rideId);
    const socket = this.socket;
    const mark = position ? { event, position } : { event };
    const ack: Ack<TripView> = socket?.connected
      ? await this.ack(() =>
          socket.timeout(ACK_TIMEOUT_MS).emitWithAck('trip:mark', { rideId: stop.rideId, ...mark }),
        )
      : await this.api.post(`/api/trips/${stop.rideId}/mark`, mark).then(
          (data) => ({ data }),
          (failure: unknown) => noAck(errorText(failure, this.locale)),
        );
    await this.settle(stop.rideId, ack, 'data' in ack && ack.data.rideStatus === 'completed', riderName);
  }

  /** A task at the door: the recipient's code, where it was left, or nobody there (HTTP: no socket command). */
  async handover(rideId: string, request: HandoverRequest): Promise<void> {
    const riderName = this.riderName(rideId);
    const ack: Ack<TripView> = await this.api.post<TripView>(`/api/trips/${rideId}/handover`, request).then(
      (data) => ({ data }),
      (failure: unknown) => noAck(errorText(failure, this.locale)),
    );
    await this.settle(rideId, ack, 'data' in ack && ack.data.rideStatus === 'completed', riderName);
  }

  /** A mark or a handover answered: the error on the stop's card, or the trips and route read again. */
  private async settle(rideId: string, ack: Ack<TripView>, done: boolean, riderName: string): Promise<void> {
    if ('error' in ack) {
      const text = errorBodyText(ack.error, this.locale);
      this.store.update({ tripErrors: new Map([...this.store.state.tripErrors, [rideId, text]]) });
      return;
    }
    if (done) {
      const asked = this.store.state.afterTrips.filter((a) => a.rideId !== rideId);
      const after: AfterTrip = {
        rideId,
        riderName,
        answered: null,
        reporting: false,
        reported: false,
        busy: false,
        error: '',
      };
      this.store.update({ notice: this.locale.t('trip.done'), afterTrips: [...asked, after] });
    }
    await this.reloadTrips().catch(() => undefined);
  }

  /** "Did it go well with the rider?" for a completed ride (yes or no, once). */
  async answerAfterTrip(rideId: string, success: boolean): Promise<void> {
    this.afterTrip(rideId, { busy: true, error: '' });
    try {
      await this.api.post(`/api/rides/${rideId}/outcome`, { success });
      this.afterTrip(rideId, { answered: success });
    } catch (failure) {
      this.afterTrip(rideId, { error: errorText(failure, this.locale) });
    } finally {
      this.afterTrip(rideId, { busy: false });
    }
  }

  openReport(rideId: string, open: boolean): void {
    this.afterTrip(rideId, { reporting: open, error: '' });
  }

  /** Files a report about the rider of a completed ride (the ride tells who the rider is). */
  async reportRider(rideId: string, kind: FileReportRequest['kind'], text: string): Promise<void> {
    if (!text.trim()) {
      this.afterTrip(rideId, { error: this.locale.t('afterTrip.textNeeded') });
      return;
    }
    this.afterTrip(rideId, { busy: true, error: '' });
    try {
      const ride = await this.api.get<RideView>(`/api/rides/${rideId}`);
      const body: FileReportRequest = { subjectId: ride.riderId, rideId, kind, text: text.trim() };
      await this.api.post('/api/reports', body);
      this.afterTrip(rideId, { reported: true, reporting: false });
    } catch (failure) {
      this.afterTrip(rideId, { error: errorText(failure, this.locale) });
    } finally {
      this.afterTrip(rideId, { busy: false });
    }
  }

  /** The driver is done with a completed ride's card. */
  dismissAfterTrip(rideId: string): void {
    this.store.update({ afterTrips: this.store.state.afterTrips.filter((a) => a.rideId !== rideId) });
  }

  private afterTrip(rideId: string, patch: Partial<AfterTrip>): void {
    this.store.update({
      afterTrips: this.store.state.afterTrips.map((a) => (a.rideId === rideId ? { ...a, ...patch } : a)),
    });
  }

  /** Read before a mark is sent: `ride:updated` may reload the trips before the mark's answer comes. */
  private riderName(rideId: string): string {
    return this.store.state.trips.find((t) => t.rideId === rideId)?.riderName ?? '';
  }

  cancelMark(): void {
    this.store.update({ pendingMark: null });
  }

  private goOnline(known: LngLat | null): void {
    this.store.update({ onShift: true });
    this.reporter.start(known ?? this.env.fixedPosition);
    const geolocation = this.env.geolocation;
    if (!this.env.fixedPosition && geolocation && this.watchId === null) {
      this.watchId = geolocation.watchPosition(
        ({ coords }) => {
          const position: LngLat = [coords.longitude, coords.latitude];
          this.store.update({ position, location: 'following' });
          this.reporter.update(position);
        },
        (error) => {
          if (error.code === error.PERMISSION_DENIED) this.store.update({ location: 'denied' });
        },
        { enableHighAccuracy: true, maximumAge: 5_000 },
      );
    }
    if (this.socket) return;
    const socket = connectRealtime(this.token);
    this.socket = socket;
    socket.on('connect', () => {
      document.body.dataset.socket = 'connected';
      this.store.update({ connection: 'connected' });
      void this.reporter.linkUp();
      // Offers and trips may have changed while the connection was down: ask again (deduped by id).
      socket.timeout(ACK_TIMEOUT_MS).emit('offers:resend', {}, () => undefined);
      void this.reloadTrips().catch(() => undefined);
      // Where to wait: asked once per connection; the server pushes each change after that.
      void this.refreshWaitingSpot();
    });
    socket.on('disconnect', () => {
      document.body.dataset.socket = 'disconnected';
      this.reporter.linkDown();
      this.store.update({ connection: 'lost' });
    });
    socket.on('connect_error', () => {
      this.reporter.linkDown();
      this.store.update({ connection: 'lost' });
    });
    socket.on('session:ended', () => this.env.sessionEnded());
    socket.on('offer:received', (offer) => this.addOffer(offer));
    socket.on('offer:expired', ({ offerId }) => this.removeOffer(offerId));
    socket.on('driver:paused', (paused) =>
      this.store.update({ availability: { state: 'paused', ...paused } }),
    );
    socket.on('driver:resumed', () => this.store.update({ availability: null }));
    socket.on('waiting-spot:changed', (view) => this.store.update({ waitingSpot: view.suggestion }));
    socket.on('ride:updated', (ride) => {
      if (!this.store.state.trips.some((trip) => trip.rideId === ride.id)) return;
      if (ride.status === 'cancelled') this.store.update({ notice: this.locale.t('trip.cancelled') });
      void this.reloadTrips().catch(() => undefined);
    });
    socket.on('trip:taken-over', (takenOver) => this.takenOver(takenOver));
  }

  /**
   * A ride of this driver's went to a driver who can be at the pickup sooner (ADR 0041): say so
   * (it is not a cancellation, and not the driver's doing), and read the route again without it.
   */
  private takenOver(takenOver: TripTakenOver): void {
    const pendingMark = this.store.state.pendingMark;
    this.store.update({
      notice: takenOverNotice(takenOver, this.locale.t),
      ...(pendingMark?.rideId === takenOver.rideId ? { pendingMark: null } : {}),
    });
    void this.reloadTrips().catch(() => undefined);
  }

  private goOffline(): void {
    this.reporter.stop();
    if (this.watchId !== null) this.env.geolocation?.clearWatch(this.watchId);
    this.watchId = null;
    this.socket?.disconnect();
    this.socket = null;
    this.offers.clear();
    this.store.update({ onShift: false, availability: null, connection: 'none', waitingSpot: null });
    this.offersChanged();
  }

  private async report(position: LngLat): Promise<boolean> {
    const socket = this.socket;
    if (!socket?.connected) return false;
    const ack = await this.ack(() =>
      socket.timeout(ACK_TIMEOUT_MS).emitWithAck('position:report', { position }),
    );
    // Outside every territory the server refuses the position, and the dispatcher could not match
    // the driver there anyway: say so, rather than the "stale position" the server would see next.
    const outside = 'error' in ack && ack.error.code === 'OUT_OF_TERRITORY';
    const shown = this.store.state.availability;
    const shownOutside = shown?.state === 'paused' && shown.reason === 'outside-territory';
    if (outside && !shownOutside)
      this.store.update({ availability: { state: 'paused', reason: 'outside-territory' } });
    if ('data' in ack && shownOutside) this.store.update({ availability: null });
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
    const isNew = this.offers.add(offer);
    this.offersChanged();
    if (isNew && this.store.state.offerAlerts) {
      const rang = this.env.alert.ring();
      document.body.dataset.alert = [rang.sound ? 'sound' : '', rang.vibration ? 'vibration' : '']
        .filter(Boolean)
        .join(' ');
    }
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

  /** The trips under way and the stops ahead, in the order to serve them. */
  private async reloadTrips(): Promise<void> {
    const [trips, route] = await Promise.all([
      this.api.get('/api/trips/current'),
      this.api.get('/api/trips/route'),
    ]);
    this.store.update({ trips, route, tripErrors: new Map() });
  }

  /** Asks where to wait while idle (the server says none while busy, opted out or after Not now). */
  private async refreshWaitingSpot(): Promise<void> {
    try {
      const view = await this.api.get<WaitingSpotView>('/api/drivers/me/waiting-spot');
      this.store.update({ waitingSpot: view.suggestion });
    } catch {
      // A suggestion is never urgent: keep what is shown until the next try.
    }
  }

  /** "Go there" or "Not now" on the waiting spot shown; Not now hides it at once. */
  async answerWaitingSpot(
    spot: WaitingSpotSuggestion,
    answer: WaitingSpotAnswerRequest['answer'],
  ): Promise<void> {
    if (answer === 'declined') this.store.update({ waitingSpot: null });
    try {
      const body: WaitingSpotAnswerRequest = { suggestionId: spot.id, answer };
      const view = await this.api.post<WaitingSpotView>('/api/drivers/me/waiting-spot/answer', body);
      this.store.update({ waitingSpot: view.suggestion });
    } catch (failure) {
      this.store.update({ notice: errorText(failure, this.locale) });
    }
  }
}
