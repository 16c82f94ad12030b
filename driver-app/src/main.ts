import { AccountBar, ApiClient, loginForm, Store } from '@navette/web-kit';
import '@navette/web-kit/base.css';
import './driver.css';
import { initialDriverState, type DriverState } from './driver-state.js';
import { positionFromQuery } from './geo.js';
import { Locale } from './locale.js';
import { OfferList } from './offer-list.js';
import { clearSession, loadSession, saveSession } from './session.js';
import { ShiftCard } from './shift-card.js';
import { ShiftController } from './shift-controller.js';
import { StatusBanner } from './status-banner.js';
import { TripList } from './trip-list.js';

/**
 * The driver's page, wired: the state, the components that draw it, the controller that changes
 * it. Position comes from, in order: `?lng=…&lat=…` in the address (a fixed position: desk use
 * and tests), the two fields (typed), or the device's location.
 */
const locale = Locale.fromBrowser();
let session = loadSession();
const api = new ApiClient(() => session?.token ?? null);
const fixedPosition = positionFromQuery(location.search);
const geolocation = 'geolocation' in navigator ? navigator.geolocation : null;
const store = new Store<DriverState>(initialDriverState(fixedPosition));
const app = document.getElementById('app')!;

const signOut = () => {
  clearSession();
  location.reload();
};
const account = new AccountBar(locale, signOut);
const status = new StatusBanner(locale);
app.append(account.element, status.element);
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
    sessionEnded: signOut,
  });
  const shiftCard = new ShiftCard(
    locale,
    {
      start: (typed) => void shift.startShift(typed),
      end: () => void shift.endShift(),
      locate: () => void shift.locate(),
      typed: (position) => shift.typed(position),
    },
    geolocation !== null,
  );
  const trips = new TripList(
    locale,
    (trip, event) => void shift.mark(trip, event),
    (trip, request) => void shift.handover(trip, request),
  );
  const offers = new OfferList(locale, {
    accept: (offer) => void shift.answer(offer, 'accept'),
    decline: (offer) => void shift.answer(offer, 'decline'),
  });
  app.append(shiftCard.element, trips.element, offers.element);
  store.subscribe((state) => {
    shiftCard.render(state);
    trips.render(state);
    offers.render(state);
  });
  void shift.restore();
}
