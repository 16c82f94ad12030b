import type { LoginResponse, RideView, TaskHandoverView, TerritoryCollection } from '@navette/contracts';
import { ApiClient, connectRealtime, errorText, h, loginForm, show } from '@navette/web-kit';
import { openMap, type MapView } from '@navette/web-kit/map';
import { LiveDrivers } from './live-drivers.js';
import { Locale } from './locale.js';
import { RequestForm } from './request-form.js';
import { RidePanel } from './ride-panel.js';
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

const locale = Locale.fromBrowser();
document.documentElement.lang = locale.lang;
let session = loadSession();
const api = new ApiClient(() => session?.token ?? null);

const panel = document.getElementById('panel')!;
const mapElement = document.getElementById('map')!;

const heading = h('h1');
const langToggle = h('button', { type: 'button', class: 'secondary small', 'data-testid': 'lang-toggle' });
langToggle.addEventListener('click', () => locale.toggle());
const whoami = h('p', { class: 'whoami', 'data-testid': 'whoami' });
const logout = h('button', { type: 'button', class: 'secondary small', 'data-testid': 'logout' });
logout.addEventListener('click', () => {
  clearSession();
  location.reload();
});
const mapStatus = h('p', { class: 'map-status', 'data-testid': 'map-status', role: 'status' });
const socketStatus = h('p', { class: 'error', 'data-testid': 'socket-status', hidden: true });
panel.append(h('header', {}, heading, langToggle), whoami, logout, mapStatus, socketStatus);
locale.bind(() => {
  heading.textContent = locale.t('app.title');
  langToggle.textContent = locale.t('lang.toggle');
  logout.textContent = locale.t('login.logout');
  socketStatus.textContent = locale.t('socket.offline');
  if (session) whoami.textContent = locale.t('login.signedInAs', { name: session.member.displayName });
  if (mapElement.dataset.state === 'loading') mapStatus.textContent = locale.t('map.loading');
});
show(whoami, false);
show(logout, false);

const mapReady = loadMap();

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
  mapElement.dataset.state = 'loading';
  mapStatus.textContent = locale.t('map.loading');
  try {
    const view = await openMap(mapElement, api);
    window.__navetteMap = view.map;
    view.showTerritories(await api.get<TerritoryCollection>('/api/territories'));
    view.map.once('idle', () => {
      mapElement.dataset.state = 'ready';
    });
    mapStatus.textContent = '';
    show(mapStatus, false);
    return view;
  } catch (failure) {
    mapElement.dataset.state = 'failed';
    mapStatus.textContent = locale.t('map.failed', { message: errorText(failure, locale) });
    throw failure;
  }
}

function startSession(current: LoginResponse): void {
  whoami.textContent = locale.t('login.signedInAs', { name: current.member.displayName });
  show(whoami, true);
  show(logout, true);
  mapReady
    .then((view) => startRiding(view, current))
    .catch((failure: unknown) => console.error('navette: could not start', failure));
}

function startRiding(view: MapView, current: LoginResponse): void {
  const { member, token } = current;
  const canRequest = member.role === 'rider' || member.role === 'coordinator';
  let rides: RidePanel | undefined = undefined;
  const handover = new TaskHandoverCard(locale);
  const created = (ride: RideView) => {
    rides?.update(ride);
    // A task: the code and the link to pass on to its recipient.
    if (ride.task)
      void api
        .get<TaskHandoverView>(`/api/rides/${ride.id}/handover`)
        .then((view) => handover.render({ recipientName: ride.task?.recipient.name ?? '', handover: view }))
        .catch(() => undefined);
  };
  const request = canRequest ? new RequestForm(api, locale, view, created) : undefined;
  rides = new RidePanel(api, locale, view, (active) => request?.setEnabled(!active));
  const ridePanel = rides;
  if (request) panel.append(request.element, handover.element);
  panel.append(ridePanel.element);
  const coordinating = member.role === 'coordinator' || member.role === 'admin';
  const drivers = coordinating ? new LiveDrivers(locale, view) : undefined;
  if (drivers) panel.append(drivers.element);

  const refresh = () =>
    api
      .get<RideView[]>('/api/rides')
      .then((list) => ridePanel.setRides(list))
      .catch(() => undefined);

  const socket = connectRealtime(token);
  socket.on('ride:updated', (ride) => ridePanel.update(ride));
  socket.on('driver:moved', (moved) => {
    ridePanel.driverMoved(moved);
    drivers?.moved(moved);
  });
  // Updates missed while disconnected are caught up by reading the rides again.
  socket.on('connect', () => {
    document.body.dataset.socket = 'connected';
    show(socketStatus, false);
    void refresh();
  });
  socket.on('disconnect', () => {
    document.body.dataset.socket = 'disconnected';
    show(socketStatus, true);
  });
  // The server ended the session (token expired, role changed, suspended): sign in again.
  socket.on('session:ended', () => {
    clearSession();
    location.reload();
  });
  socket.on('connect_error', (error) => {
    show(socketStatus, true);
    if (/unauthenticated|token|expired/i.test(error.message)) {
      clearSession();
      location.reload();
    }
  });
}
