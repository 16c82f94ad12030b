import type {
  ErrorBody,
  LngLat,
  LoginResponse,
  OfferView,
  ShiftView,
  TripEvent,
  TripView,
} from '@navette/contracts';
import { ApiClient } from './api-client.js';
import { h, show } from './dom.js';
import { formatPosition, parsePosition, positionFromQuery } from './geo.js';
import { errorMessageKey } from './i18n.js';
import { Locale } from './locale.js';
import { errorText, loginForm } from './login-form.js';
import { OfferBook } from './offer-book.js';
import { OfferCard } from './offer-card.js';
import { PauseBanner } from './pause-banner.js';
import { PositionReporter } from './position-reporter.js';
import { ACK_TIMEOUT_MS, connectRealtime, noAck, type Ack, type DriverSocket } from './realtime.js';
import { clearSession, loadSession, saveSession } from './session.js';
import { tripCard } from './trip-card.js';

/**
 * The driver's page. Position comes from, in order: `?lng=…&lat=…` in the address (a fixed
 * position: desk use and tests), the two fields (typed), or the device's location.
 */
const locale = Locale.fromBrowser();
document.documentElement.lang = locale.lang;
let session = loadSession();
const api = new ApiClient(() => session?.token ?? null);
const fixedPosition = positionFromQuery(location.search);
const app = document.getElementById('app')!;

const heading = h('h1');
const langToggle = h('button', { type: 'button', class: 'secondary small', 'data-testid': 'lang-toggle' });
langToggle.addEventListener('click', () => locale.toggle());
const whoami = h('p', { class: 'small', 'data-testid': 'whoami', hidden: true });
const logout = h('button', {
  type: 'button',
  class: 'secondary small',
  'data-testid': 'logout',
  hidden: true,
});
logout.addEventListener('click', () => {
  clearSession();
  location.reload();
});
const socketStatus = h('p', { class: 'error', 'data-testid': 'socket-status', hidden: true });
const notice = h('p', { class: 'notice', role: 'status', 'data-testid': 'notice' });
app.append(h('header', {}, heading, langToggle), whoami, logout, socketStatus, notice);
locale.bind(() => {
  heading.textContent = locale.t('app.title');
  langToggle.textContent = locale.t('lang.toggle');
  logout.textContent = locale.t('login.logout');
  socketStatus.textContent = locale.t('socket.offline');
  if (session) whoami.textContent = locale.t('login.signedInAs', { name: session.member.displayName });
});

if (session) void startDriver(session);
else {
  const form = loginForm(api, locale, (signedIn) => {
    saveSession(signedIn);
    session = signedIn;
    form.remove();
    void startDriver(signedIn);
  });
  app.append(form);
}

async function startDriver(current: LoginResponse): Promise<void> {
  whoami.textContent = locale.t('login.signedInAs', { name: current.member.displayName });
  show(whoami, true);
  show(logout, true);
  if (current.member.role !== 'driver') {
    notice.textContent = locale.t('login.notDriver');
    return;
  }
  const driver = new DriverPage(current.token);
  app.append(driver.shiftCard, driver.tripsSection, driver.offersSection);
  await driver.restore();
}

/** An ack's error in the interface language when we know its code, else the server's words. */
function ackErrorText(error: ErrorBody): string {
  const key = errorMessageKey(error.code);
  return key ? locale.t(key) : error.message;
}

/** Shift, offers and trips of the signed-in driver. */
class DriverPage {
  readonly shiftCard: HTMLElement;
  readonly offersSection = h('section', { 'data-testid': 'offers' });
  readonly tripsSection = h('section', { 'data-testid': 'trips' });
  private onShift = false;
  private socket: DriverSocket | null = null;
  private watchId: number | null = null;
  private ticker: ReturnType<typeof setInterval> | undefined;
  private readonly offers = new OfferBook();
  private readonly cards = new Map<string, OfferCard>();
  private trips = new Map<string, TripView>();
  private readonly reporter = new PositionReporter((position) => this.report(position));
  private readonly pause = new PauseBanner(locale);

  private readonly shiftStatus = h('p', { class: 'strong', 'data-testid': 'shift-status' });
  private readonly positionLabel = h('p', { class: 'small' });
  private readonly lngLabel = h('span');
  private readonly latLabel = h('span');
  private readonly lng = h('input', { type: 'text', inputmode: 'decimal', 'data-testid': 'shift-lng' });
  private readonly lat = h('input', { type: 'text', inputmode: 'decimal', 'data-testid': 'shift-lat' });
  private readonly locate = h('button', {
    type: 'button',
    class: 'secondary',
    'data-testid': 'shift-locate',
  });
  private readonly start = h('button', { type: 'button', 'data-testid': 'shift-start' });
  private readonly end = h('button', { type: 'button', class: 'danger', 'data-testid': 'shift-end' });
  private readonly shiftError = h('p', { class: 'error', role: 'alert', 'data-testid': 'shift-error' });
  private readonly noOffers = h('p', { class: 'small', 'data-testid': 'offers-empty' });

  constructor(private readonly token: string) {
    if (fixedPosition) this.showPosition(fixedPosition);
    show(this.locate, 'geolocation' in navigator);
    this.shiftCard = h(
      'section',
      { class: 'card', 'data-testid': 'shift' },
      this.shiftStatus,
      this.pause.element,
      this.positionLabel,
      h(
        'div',
        { class: 'row' },
        h('label', {}, this.lngLabel, this.lng),
        h('label', {}, this.latLabel, this.lat),
      ),
      h('div', { class: 'buttons' }, this.start, this.locate, this.end),
      this.shiftError,
    );
    this.start.addEventListener('click', () => void this.startShift());
    this.end.addEventListener('click', () => void this.endShift());
    this.locate.addEventListener('click', () => void this.locateOnce());
    const typed = () => {
      const position = this.typedPosition();
      if (position) this.reporter.update(position);
    };
    this.lng.addEventListener('change', typed);
    this.lat.addEventListener('change', typed);
    this.offersSection.append(this.noOffers);
    locale.bind(() => this.render());
  }

  /** After a page load: is the shift on, which offers wait, which trips are under way. */
  async restore(): Promise<void> {
    try {
      const shift = await api.get<ShiftView | null>('/api/shifts/current');
      if (shift) this.goOnline(null);
      if (shift?.availability) this.pause.set(shift.availability);
      await this.reloadTrips();
      if (shift) for (const offer of await api.get<OfferView[]>('/api/offers/pending')) this.addOffer(offer);
    } catch (failure) {
      this.shiftError.textContent = errorText(failure, locale);
    }
  }

  private typedPosition(): LngLat | null {
    return parsePosition(this.lng.value, this.lat.value);
  }

  private async startShift(): Promise<void> {
    this.shiftError.textContent = '';
    this.start.disabled = true;
    try {
      const position = this.typedPosition() ?? (await this.locateOnce());
      if (!position) {
        this.shiftError.textContent = locale.t('shift.noPosition');
        return;
      }
      await api.post<ShiftView>('/api/shifts/start', { position });
      this.goOnline(position);
    } catch (failure) {
      this.shiftError.textContent = errorText(failure, locale);
    } finally {
      this.start.disabled = false;
    }
  }

  private async endShift(): Promise<void> {
    this.shiftError.textContent = '';
    this.end.disabled = true;
    try {
      await api.post<ShiftView>('/api/shifts/end');
      this.goOffline();
    } catch (failure) {
      this.shiftError.textContent = errorText(failure, locale);
    } finally {
      this.end.disabled = false;
    }
  }

  /** One reading of the device's position, written into the fields; null when refused or absent. */
  private locateOnce(): Promise<LngLat | null> {
    if (!('geolocation' in navigator)) return Promise.resolve(null);
    return new Promise((resolve) => {
      navigator.geolocation.getCurrentPosition(
        ({ coords }) => {
          const position: LngLat = [coords.longitude, coords.latitude];
          this.showPosition(position);
          resolve(position);
        },
        () => resolve(null),
        { enableHighAccuracy: false, timeout: 10_000, maximumAge: 60_000 },
      );
    });
  }

  private showPosition([lng, lat]: LngLat): void {
    this.lng.value = lng.toFixed(6);
    this.lat.value = lat.toFixed(6);
  }

  private goOnline(known: LngLat | null): void {
    this.onShift = true;
    this.render();
    this.reporter.start(known);
    if (!fixedPosition && 'geolocation' in navigator && this.watchId === null) {
      this.watchId = navigator.geolocation.watchPosition(
        ({ coords }) => {
          const position: LngLat = [coords.longitude, coords.latitude];
          this.showPosition(position);
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
      show(socketStatus, false);
      // Offers and trips may have changed while the connection was down: ask again (deduped by id).
      socket.timeout(ACK_TIMEOUT_MS).emit('offers:resend', {}, () => undefined);
      void this.reloadTrips().catch(() => undefined);
    });
    socket.on('disconnect', () => {
      document.body.dataset.socket = 'disconnected';
      show(socketStatus, this.onShift);
    });
    socket.on('connect_error', () => show(socketStatus, true));
    // The server ended the session (token expired, role changed, suspended): sign in again.
    socket.on('session:ended', () => {
      clearSession();
      location.reload();
    });
    socket.on('offer:received', (offer) => this.addOffer(offer));
    socket.on('offer:expired', ({ offerId }) => this.removeOffer(offerId));
    socket.on('driver:paused', (paused) => this.pause.set({ state: 'paused', ...paused }));
    socket.on('driver:resumed', () => this.pause.set(null));
    socket.on('ride:updated', (ride) => {
      if (!this.trips.has(ride.id)) return;
      if (ride.status === 'cancelled') notice.textContent = locale.t('trip.cancelled');
      void this.reloadTrips().catch(() => undefined);
    });
  }

  private goOffline(): void {
    this.onShift = false;
    this.reporter.stop();
    if (this.watchId !== null) navigator.geolocation.clearWatch(this.watchId);
    this.watchId = null;
    this.socket?.disconnect();
    this.socket = null;
    this.pause.set(null);
    show(socketStatus, false);
    this.offers.clear();
    this.renderOffers();
    this.render();
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
      return noAck(locale.t('error.network'));
    }
  }

  private addOffer(offer: OfferView): void {
    if (!this.onShift) return;
    if (this.offers.add(offer) || !this.cards.has(offer.id)) this.renderOffers();
  }

  private removeOffer(offerId: string): void {
    this.offers.remove(offerId);
    this.renderOffers();
  }

  private renderOffers(): void {
    const list = this.offers.list();
    for (const [id, card] of this.cards) {
      if (list.some((o) => o.id === id)) continue;
      card.element.remove();
      this.cards.delete(id);
    }
    for (const offer of list) {
      if (this.cards.has(offer.id)) continue;
      const card = new OfferCard(offer, locale, {
        accept: (o) => void this.answer(o, 'accept'),
        decline: (o) => void this.answer(o, 'decline'),
      });
      this.cards.set(offer.id, card);
      this.offersSection.append(card.element);
    }
    show(this.noOffers, this.onShift && list.length === 0);
    if (list.length > 0 && this.ticker === undefined) this.ticker = setInterval(() => this.tick(), 1000);
    if (list.length === 0 && this.ticker !== undefined) {
      clearInterval(this.ticker);
      this.ticker = undefined;
    }
  }

  private tick(): void {
    const now = Date.now();
    for (const card of this.cards.values()) card.tick(now);
    if (this.offers.prune(now).length > 0) this.renderOffers();
  }

  private async answer(offer: OfferView, answer: 'accept' | 'decline'): Promise<void> {
    const socket = this.socket;
    const card = this.cards.get(offer.id);
    if (!socket) return;
    const payload = { offerId: offer.id };
    const ack: Ack<unknown> = await this.ack<unknown>(() =>
      answer === 'accept'
        ? socket.timeout(ACK_TIMEOUT_MS).emitWithAck('offer:accept', payload)
        : socket.timeout(ACK_TIMEOUT_MS).emitWithAck('offer:decline', payload),
    );
    if ('error' in ack) {
      if (ack.error.code === 'OFFER_NOT_PENDING' || ack.error.code === 'NOT_FOUND')
        this.removeOffer(offer.id);
      else card?.failed(ackErrorText(ack.error));
      notice.textContent = ackErrorText(ack.error);
      return;
    }
    notice.textContent = '';
    this.removeOffer(offer.id);
    if (answer === 'accept') this.setTrip(ack.data as TripView);
  }

  private async reloadTrips(): Promise<void> {
    const trips = await api.get<TripView[]>('/api/trips/current');
    this.trips = new Map(trips.map((trip) => [trip.rideId, trip]));
    this.renderTrips();
  }

  private setTrip(trip: TripView): void {
    // A pooled trip stays active after one rider is dropped off (or did not come): that ride is done.
    const rideDone = trip.rideStatus === 'completed' || trip.rideStatus === 'no_show';
    if (trip.status === 'active' && !rideDone) this.trips.set(trip.rideId, trip);
    else this.trips.delete(trip.rideId);
    this.renderTrips();
  }

  private async mark(trip: TripView, event: TripEvent, card: HTMLElement): Promise<void> {
    const socket = this.socket;
    const payload = { rideId: trip.rideId, event };
    const ack: Ack<TripView> = socket
      ? await this.ack(() => socket.timeout(ACK_TIMEOUT_MS).emitWithAck('trip:mark', payload))
      : await api.post<TripView>(`/api/trips/${trip.rideId}/mark`, { event }).then(
          (data) => ({ data }),
          (failure: unknown) => noAck(errorText(failure, locale)),
        );
    if ('error' in ack) {
      const error = card.querySelector<HTMLElement>('[data-testid=trip-error]');
      if (error) error.textContent = ackErrorText(ack.error);
      card.querySelectorAll('button').forEach((b) => (b.disabled = false));
      return;
    }
    if (ack.data.status === 'completed') notice.textContent = locale.t('trip.done');
    this.setTrip(ack.data);
  }

  private renderTrips(): void {
    this.tripsSection.replaceChildren(
      ...[...this.trips.values()].map((trip) =>
        tripCard(trip, locale, (t, event, card) => void this.mark(t, event, card)),
      ),
    );
  }

  private render(): void {
    const t = locale.t;
    this.shiftStatus.textContent = t(this.onShift ? 'shift.on' : 'shift.off');
    this.shiftStatus.dataset.state = this.onShift ? 'on' : 'off';
    this.positionLabel.textContent = t('shift.position');
    this.lngLabel.textContent = t('shift.lng');
    this.latLabel.textContent = t('shift.lat');
    this.locate.textContent = t('shift.locate');
    this.start.textContent = t('shift.start');
    this.end.textContent = t('shift.end');
    show(this.start, !this.onShift);
    show(this.end, this.onShift);
    this.noOffers.textContent = t('offer.none');
    this.pause.render();
    show(this.noOffers, this.onShift && this.offers.list().length === 0);
    // Cards were written in the previous language: draw them again.
    for (const card of this.cards.values()) card.element.remove();
    this.cards.clear();
    this.renderOffers();
    this.renderTrips();
    const typed = this.typedPosition();
    this.lng.title = typed ? formatPosition(typed) : '';
  }
}
