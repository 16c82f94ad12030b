import type {
  LngLat,
  LoginResponse,
  PlaceView,
  RideView,
  TaskHandoverView,
  TerritoryCollection,
} from '@navette/contracts';
import { AccountBar, ApiClient, errorText, loginForm, show, Store } from '@navette/web-kit';
import { boundsOf, openMap, type MapView } from '@navette/web-kit/map';
import { AfterRide } from './after-ride.js';
import { CancelDialog } from './cancel-dialog.js';
import { forgetLastState, loadLastState } from './last-state.js';
import { LiveDrivers } from './live-drivers.js';
import { Locale } from './locale.js';
import { PageStatus } from './page-status.js';
import { PickController } from './pick-controller.js';
import { PlacesList } from './places-list.js';
import { RequestForm } from './request-form.js';
import { RideController } from './ride-controller.js';
import { RideHistory } from './ride-history.js';
import { RideMap } from './ride-map.js';
import { RidePanel } from './ride-panel.js';
import { isFinished } from './ride-status.js';
import { followedRide, initialRiderState, type RiderState } from './rider-state.js';
import { finestTerritories } from './rider-view.js';
import { clearSession, loadSession, saveSession } from './session.js';
import { TaskHandoverCard } from './task-handover.js';
import '@navette/web-kit/base.css';
import './styles.css';

declare global {
  interface Window {
    /** The MapLibre map, once loaded: for tests and for curious operators. */
    __navetteMap?: MapView['map'];
  }
}

/** Where searches are biased before the map is drawn (central Helsinki, as the map starts). */
const FALLBACK_CENTRE: LngLat = [24.94, 60.17];

/**
 * The rider's page, wired: the state, the components that draw it, the controllers that change it
 * (choosing a trip: PickController; the rides, live: RideController). Nothing else happens here.
 */
const locale = Locale.fromBrowser();
let session = loadSession();
const api = new ApiClient(() => session?.token ?? null);
const store = new Store<RiderState>(initialRiderState());
const panel = document.getElementById('panel')!;
const mapElement = document.getElementById('map')!;
let mapView: MapView | undefined;

const signOut = () => {
  clearSession();
  forgetLastState();
  location.reload();
};
const account = new AccountBar(locale, signOut);
const status = new PageStatus(locale, mapElement);
panel.append(account.element, status.element);
store.subscribe((state) => {
  account.render({ displayName: state.member?.displayName ?? null });
  status.render(state);
});

const territories = api.get('/api/territories');
const mapReady = loadMap();
// Each is awaited where it is used; an offline load must not raise unhandled rejections.
territories.catch(() => undefined);
mapReady.catch(() => undefined);

// Installable and usable offline: the worker keeps the page's shell (src/offline/service-worker.ts).
if ('serviceWorker' in navigator) navigator.serviceWorker.register('/sw.js').catch(() => undefined);

if (session) startSession(session);
else {
  const form = loginForm(api, locale, (signedIn) => {
    saveSession(signedIn);
    session = signedIn;
    form.remove();
    startSession(signedIn);
  });
  panel.append(form);
}

/** The basemap (the operator's style, else the API's own), then the territories, fitted. */
async function loadMap(): Promise<MapView> {
  try {
    const view = await openMap(mapElement, api);
    mapView = view;
    window.__navetteMap = view.map;
    view.showTerritories(await territories);
    view.map.once('idle', () => {
      mapElement.dataset.state = 'ready';
    });
    store.update({ map: 'ready' });
    return view;
  } catch (failure) {
    // Without network the map cannot be drawn (its tiles are not kept): said so, not as a fault.
    const mapError = navigator.onLine ? errorText(failure, locale) : locale.t('error.network');
    store.update({ map: 'failed', mapError });
    throw failure;
  }
}

function startSession(current: LoginResponse): void {
  const { member, token } = current;
  const last = loadLastState(member.id);
  store.update({
    member,
    ...(last ? { rides: last.rides, followingId: last.followingId, answers: last.answers } : {}),
  });
  const rides = new RideController(api, store, locale, signOut);
  const picks = new PickController(
    api,
    store,
    locale,
    'geolocation' in navigator ? navigator.geolocation : null,
    (ride) => created(ride),
  );
  const canRequest = member.role === 'rider' || member.role === 'coordinator';
  const request = canRequest
    ? new RequestForm(locale, {
        search: (query) => picks.search(query, mapCentre()),
        picked: (end, hit) => picks.named(end, hit.position, hit.name),
        locate: () => void picks.locate(),
        reset: () => picks.reset(),
        submit: (seats, task) => void picks.send(seats, task),
      })
    : undefined;
  // A task followed and still open (just asked for, or after a reload): the code and the link to
  // pass on to its recipient, read once per task.
  const handover = new TaskHandoverCard(locale);
  let handoverOf: string | null = null;
  function followHandover(state: RiderState): void {
    const ride = followedRide(state);
    const open = ride?.task && !isFinished(ride.status) ? ride : undefined;
    if (open?.id === handoverOf || (!open && handoverOf === null)) return;
    handoverOf = open?.id ?? null;
    handover.render(null);
    if (!open) return;
    void api
      .get<TaskHandoverView>(`/api/rides/${open.id}/handover`)
      .then((view) => {
        if (handoverOf === open.id)
          handover.render({ recipientName: open.task?.recipient.name ?? '', handover: view });
      })
      .catch(() => {
        // Read again when the task is followed anew (after a reload, or once back online).
        if (handoverOf === open.id) handoverOf = null;
      });
  }
  function created(ride: RideView): void {
    rides.update(ride);
    if (ride.task) request?.clearTask();
  }
  const places = canRequest
    ? new PlacesList(locale, (end, place) => picks.named(end, place.position, place.name))
    : undefined;
  const ride = new RidePanel(locale, () => rides.askCancel());
  const cancel = new CancelDialog(locale, {
    confirm: () => void rides.confirmCancel(),
    keep: () => rides.keepRide(),
  });
  const after = new AfterRide(locale, {
    answer: (success) => void rides.answer(success),
    openReport: (open) => rides.openReport(open),
    report: (kind, text) => void rides.report(kind, text),
  });
  const history = new RideHistory(locale);
  const drivers = new LiveDrivers(locale);
  // The ride under way (or just finished, with its question) comes first: on a phone it is what
  // the rider sees without scrolling.
  panel.append(
    ride.element,
    after.element,
    ...(request ? [request.element, handover.element] : []),
    ...(places ? [places.element] : []),
    history.element,
    drivers.element,
    cancel.element,
  );
  store.subscribe((state) => {
    const active = isUnderWay(state);
    if (request) {
      request.render(state);
      show(request.element, !active);
    }
    if (places) {
      places.render(state);
      if (active) show(places.element, false);
    }
    ride.render(state);
    if (request) followHandover(state);
    cancel.render(state);
    after.render(state);
    history.render(state);
    drivers.render(state);
  });
  rides.start(token);
  if (canRequest) void loadPlaces();
  Promise.all([mapReady, territories])
    .then(([view, collection]) => {
      // A rider's map opens on the neighbourhoods, not the whole region (a ride under way is framed instead).
      const bounds =
        member.role === 'rider' && !isUnderWay(store.state)
          ? boundsOf(finestTerritories(collection))
          : undefined;
      if (bounds) view.map.fitBounds(bounds, { padding: 24, duration: 0 });
      const map = new RideMap(view);
      store.subscribe((state) => map.render(state));
      view.onClick((at) => {
        if (canRequest && !isUnderWay(store.state)) picks.tapped(at);
      });
    })
    .catch(() => undefined);
}

/** A ride under way: only one at a time, so the request form and the places list step aside. */
function isUnderWay(state: RiderState): boolean {
  const ride = followedRide(state);
  return ride !== undefined && !isFinished(ride.status);
}

/** The named places of every territory the map shows, by name: the map's points as a list. */
async function loadPlaces(): Promise<void> {
  try {
    const collection: TerritoryCollection = await territories;
    const lists = await Promise.all(
      collection.features.map((f) => api.get<PlaceView[]>(`/api/territories/${f.properties.id}/places`)),
    );
    const byId = new Map(
      lists
        .flat()
        .filter((p) => p.retiredAt === null)
        .map((p) => [p.id, p]),
    );
    const places = [...byId.values()].sort((a, b) => a.name.localeCompare(b.name, locale.lang));
    store.update({ places });
  } catch {
    // No list: the search and the map still choose places.
  }
}

function mapCentre(): LngLat {
  if (!mapView) return store.state.places[0]?.position ?? FALLBACK_CENTRE;
  const { lng, lat } = mapView.map.getCenter().wrap();
  return [lng, lat];
}
