import type { TrackingView } from '@navette/contracts';
import { AccountBar, ApiClient, ApiError, h } from '@navette/web-kit';
import { openMap, type MapView } from '@navette/web-kit/map';
import '@navette/web-kit/base.css';
import { Locale } from './locale.js';
import { TrackPanel } from './track-panel.js';
import './track.css';

/** How often the page asks again while the delivery runs, ms: no account, so no socket. */
const REFRESH_MS = 15_000;

/**
 * `/track/#<token>`: a delivery's state and the driver's approach on the map, for the recipient and
 * the sender, without an account (the token is in the fragment, so it reaches no server log but the
 * API's). Wiring only: the panel renders, this file fetches.
 */
const locale = Locale.fromBrowser();
const api = new ApiClient(() => null);
const app = document.getElementById('app')!;
const bar = new AccountBar(locale, () => undefined);
const panel = new TrackPanel(locale);
const mapElement = h('div', { class: 'track-map', 'data-testid': 'track-map', role: 'region' });
app.append(bar.element, panel.element, mapElement);
bar.render({ displayName: null });
locale.bind(() => mapElement.setAttribute('aria-label', locale.t('track.map')));

const token = location.hash.slice(1);
let map: MapView | undefined;
let framed = false;

async function refresh(): Promise<void> {
  let view: TrackingView;
  try {
    view = await api.get<TrackingView>(`/api/track/${encodeURIComponent(token)}`);
  } catch (error) {
    if (error instanceof ApiError && error.body.statusCode === 404) {
      panel.render({ gone: true });
      mapElement.hidden = true;
      document.body.dataset.state = 'ready';
      return;
    }
    setTimeout(() => void refresh(), REFRESH_MS);
    return;
  }
  panel.render({ view });
  map ??= await openMap(mapElement, api).catch(() => undefined);
  if (map) {
    map.setMarker('pickup', 'pickup', view.pickup, view.pickupName ?? '');
    map.setMarker('dropoff', 'dropoff', view.dropoff, view.dropoffName ?? '');
    map.setMarker('driver', 'driver', view.driverPosition);
    if (!framed) {
      framed = true;
      const [a, b] = [view.pickup, view.dropoff];
      map.map.fitBounds(
        [
          [Math.min(a[0], b[0]), Math.min(a[1], b[1])],
          [Math.max(a[0], b[0]), Math.max(a[1], b[1])],
        ],
        { padding: 48, duration: 0, maxZoom: 16 },
      );
    }
  }
  document.body.dataset.state = 'ready';
  if (!view.expiresAt) setTimeout(() => void refresh(), REFRESH_MS);
}

void refresh();
