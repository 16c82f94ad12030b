import { AfterTrips } from './after-trip.js';
import { AccountBar, ApiClient, h, loginForm, Store } from '@navette/web-kit';
import '@navette/web-kit/base.css';
import './driver.css';
import { initialDriverState, type DriverState } from './driver-state.js';
import { DriverMap } from './driver-map.js';
import { positionFromQuery, reportEveryFromQuery } from './geo.js';
import { Locale } from './locale.js';
import { loadOfferAlerts, OfferAlert, saveOfferAlerts } from './offer-alert.js';
import { OfferList } from './offer-list.js';
import { mountRota } from './rota-mount.js';
import { clearSession, loadSession, saveSession } from './session.js';
import { ShiftCard } from './shift-card.js';
import { ShiftController } from './shift-controller.js';
import { StatusBanner } from './status-banner.js';
import { StopList } from './stop-list.js';
import { WaitingSpotCard } from './waiting-spot-card.js';

/**
 * The driver's page, wired: the state, the components that draw it, the controller that changes
 * it. Position comes from the device (`navigator.geolocation`), or from `?lng=…&lat=…` in the
 * address (a fixed position: desk use and tests).
 */
const locale = Locale.fromBrowser();
let session = loadSession();
const api = new ApiClient(() => session?.token ?? null);
const fixedPosition = positionFromQuery(location.search);
const throttle = reportEveryFromQuery(location.search);
const geolocation = 'geolocation' in navigator ? navigator.geolocation : null;
const store = new Store<DriverState>(initialDriverState(fixedPosition, loadOfferAlerts()));
const app = document.getElementById('app')!;
const alert = new OfferAlert();

const signOut = () => {
  clearSession();
  location.reload();
};
const account = new AccountBar(locale, signOut);
const status = new StatusBanner(locale);
app.append(account.element, status.element);
store.update({ online: navigator.onLine });
store.subscribe((state) => {
  account.render({ displayName: state.member?.displayName ?? null });
  status.render(state);
});

if (session) startDriver(session.token);
else {
  const form = loginForm(api, locale, (signedIn) => {
    saveSession(signedIn);
    session = signedIn;
    form.remove();
    startDriver(signedIn.token);
  });
  app.append(form);
}

function startDriver(token: string): void {
  const member = session?.member ?? null;
  store.update({ member });
  if (member?.role !== 'driver') {
    store.update({ notice: locale.t('login.notDriver') });
    return;
  }
  const shift = new ShiftController(api, token, store, locale, {
    fixedPosition,
    geolocation,
    alert,
    ...(throttle ? { throttle } : {}),
    sessionEnded: signOut,
  });
  const shiftCard = new ShiftCard(locale, {
    start: () => {
      alert.unlock();
      void shift.startShift();
    },
    end: () => void shift.endShift(),
    alerts: (on) => {
      saveOfferAlerts(on);
      store.update({ offerAlerts: on });
      if (on) alert.unlock();
    },
  });
  const map = new DriverMap(locale, api);
  const stops = new StopList(locale, {
    mark: (stop, event, confirmed) => void shift.mark(stop, event, confirmed),
    cancelMark: () => shift.cancelMark(),
    handover: (rideId, request) => void shift.handover(rideId, request),
  });
  const offers = new OfferList(locale, {
    accept: (offer) => void shift.answer(offer, 'accept'),
    decline: (offer) => void shift.answer(offer, 'decline'),
  });
  const afterTrips = new AfterTrips(locale, {
    answer: (rideId, success) => void shift.answerAfterTrip(rideId, success),
    openReport: (rideId, open) => shift.openReport(rideId, open),
    report: (rideId, kind, text) => void shift.reportRider(rideId, kind, text),
    dismiss: (rideId) => shift.dismissAfterTrip(rideId),
  });
  const waitingSpot = new WaitingSpotCard(locale, {
    go: (spot) => void shift.answerWaitingSpot(spot, 'followed'),
    notNow: (spot) => void shift.answerWaitingSpot(spot, 'declined'),
  });
  const panel = h(
    'div',
    { class: 'panel' },
    shiftCard.element,
    waitingSpot.element,
    afterTrips.element,
    offers.element,
    stops.element,
  );
  panel.append(
    mountRota(
      api,
      token,
      locale,
      {
        position: () => (store.state.position ? Promise.resolve(store.state.position) : shift.locate()),
        shiftStarted: () => void shift.restore(),
      },
      (listener) => store.subscribe((state) => listener(state.onShift)),
    ),
  );
  app.append(h('div', { class: 'layout' }, map.element, panel));
  store.subscribe((state) => {
    shiftCard.render(state);
    map.render(state);
    offers.render(state);
    stops.render(state);
    afterTrips.render(state);
    waitingSpot.render(state);
  });
  // After a reload the page has had no tap yet: the first one lets offers sound again.
  document.addEventListener('pointerdown', () => alert.unlock(), { once: true });
  // Back from sleep, a frozen tab or a lost network: reconnect and ask the server what changed.
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') shift.wake();
  });
  document.addEventListener('resume', () => shift.wake());
  addEventListener('online', () => shift.network(true));
  addEventListener('offline', () => shift.network(false));
  void shift.restore();
}
