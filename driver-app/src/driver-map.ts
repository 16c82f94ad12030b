/// <reference types="geojson" />
import type { LngLat } from '@navette/contracts';
import { h, show, type ApiClient } from '@navette/web-kit';
import { boundsOf, openMap, type MapView } from '@navette/web-kit/map';
import type { GeoJSONSource, LineLayerSpecification } from 'maplibre-gl';
import type { DriverState } from './driver-state.js';
import type { Locale } from './locale.js';

declare global {
  interface Window {
    /** The map, for browser tests that read its pixels or events. */
    __navetteMap?: MapView['map'];
  }
}

const ROUTE = 'driver-route';
const ROUTE_LAYER: LineLayerSpecification = {
  id: `${ROUTE}-line`,
  type: 'line',
  source: ROUTE,
  layout: { 'line-cap': 'round', 'line-join': 'round' },
  paint: { 'line-color': '#2364c4', 'line-width': 5, 'line-opacity': 0.85 },
};

type MapInput = Pick<DriverState, 'position' | 'route' | 'onShift' | 'waitingSpot' | 'offers'>;

const WAITING_SPOT = 'waiting-spot';

/**
 * The driver's map: where they are, the stops ahead numbered in order, and the route line through
 * them (straight segments, as the travel model estimates), over the service area; while idle, the
 * waiting spot suggested (as its card, ADR 0034). Framed on the driver and the stops when the route
 * changes, on the driver and the spot when a new spot is suggested. Without a map (no WebGL, style unreachable) the page goes on without it.
 */
export class DriverMap {
  readonly element: HTMLElement;
  private readonly canvas = h('div', { class: 'map-canvas', 'data-testid': 'map' });
  private readonly status = h('p', { class: 'small map-status', role: 'status' });
  private view: MapView | null = null;
  private input: MapInput | null = null;
  private drawnStops: string[] = [];
  private framedRoute: unknown = undefined;
  private framedSpot: string | null = null;

  constructor(
    private readonly locale: Locale,
    api: ApiClient,
  ) {
    this.canvas.setAttribute('aria-label', locale.t('map.label'));
    this.canvas.setAttribute('role', 'region');
    this.element = h('section', { class: 'map' }, this.canvas, this.status);
    show(this.status, false);
    this.canvas.dataset.state = 'loading';
    openMap(this.canvas, api).then(
      async (view) => {
        // The service area, tinted: where offers come (the map opens framed on it).
        const territories = await api.get('/api/territories').catch(() => null);
        if (territories) view.showTerritories(territories);
        this.view = view;
        window.__navetteMap = view.map;
        view.map.addSource(ROUTE, { type: 'geojson', data: emptyLine() });
        const firstLabel = view.map.getStyle().layers.find((l) => l.type === 'symbol')?.id;
        view.map.addLayer(ROUTE_LAYER, firstLabel);
        view.map.once('idle', () => (this.canvas.dataset.state = 'ready'));
        if (this.input) this.render(this.input, true);
      },
      () => {
        this.canvas.dataset.state = 'failed';
        this.status.textContent = locale.t('map.failed');
        show(this.status, true);
      },
    );
  }

  render(input: MapInput, force = false): void {
    const previous = this.input;
    this.input = input;
    const view = this.view;
    if (!view) return;
    if (force || previous?.position !== input.position)
      view.setMarker('me', 'driver', input.position, this.locale.t('map.you'));
    const moved = force || previous?.route !== input.route || previous.position !== input.position;
    if (moved) this.drawRoute(view, input);
    if (
      moved ||
      previous?.waitingSpot !== input.waitingSpot ||
      previous.offers !== input.offers ||
      previous.onShift !== input.onShift
    )
      this.drawWaitingSpot(view, input);
  }

  /** The stops ahead and the line through them; framed once per new route. */
  private drawRoute(view: MapView, input: MapInput): void {
    const stops = input.route?.stops ?? [];
    // One marker per stop, by ride and kind (a marker keeps its kind; the order may change).
    const ids = stops.map((stop) => `${stop.rideId}:${stop.type}`);
    stops.forEach((stop, i) =>
      view.setMarker(ids[i]!, stop.type, stop.position, `${i + 1}. ${stop.name ?? ''}`),
    );
    for (const id of this.drawnStops) if (!ids.includes(id)) view.setMarker(id, 'pickup', null);
    this.drawnStops = ids;
    const line: LngLat[] = [...(input.position ? [input.position] : []), ...stops.map((s) => s.position)];
    void view.map.getSource<GeoJSONSource>(ROUTE)?.setData(line.length > 1 ? lineOf(line) : emptyLine());
    // Without stops ahead, the driver is kept in view as they move.
    const position = input.position;
    if (stops.length === 0 && position && !view.map.getBounds().contains(position))
      view.map.jumpTo({ center: position });
    // Framed once per new route, not at every move (the driver may be looking around).
    if (input.route !== this.framedRoute && line.length > 0) {
      this.framedRoute = input.route;
      // Alone on the map: on the driver, or on the driver and their waiting spot (framed next).
      this.framedSpot = null;
      if (line.length === 1) view.map.jumpTo({ center: line[0]!, zoom: 15 });
      else {
        const bounds = boundsOf([{ geometry: { type: 'LineString', coordinates: line } }]);
        if (bounds) view.map.fitBounds(bounds, { padding: 48, maxZoom: 16, duration: 0 });
      }
    }
  }

  /** The spot of the waiting-spot card, shown when the card is (idle: no offer waiting, no stop ahead). */
  private drawWaitingSpot(view: MapView, input: MapInput): void {
    const spot = input.waitingSpot;
    const idle = input.onShift && input.offers.length === 0 && (input.route?.stops.length ?? 0) === 0;
    const shown = spot && idle ? spot : null;
    view.setMarker(
      WAITING_SPOT,
      'waiting-spot',
      shown?.position ?? null,
      shown ? this.locale.t('map.waitingSpot', { place: shown.placeName, zone: shown.zoneName }) : '',
      shown?.placeName,
    );
    if (!shown || shown.id === this.framedSpot) return;
    // Framed once per suggestion, with the driver when known, so both are in view (and the place's
    // name under the spot: wider margins on the sides, and above the attribution).
    this.framedSpot = shown.id;
    const points = [...(input.position ? [input.position] : []), shown.position];
    const bounds = boundsOf([{ geometry: { type: 'MultiPoint', coordinates: points } }]);
    const padding = { top: 48, bottom: 80, left: 96, right: 96 };
    if (bounds) view.map.fitBounds(bounds, { padding, maxZoom: 15, duration: 0 });
  }
}

function emptyLine(): GeoJSON.FeatureCollection {
  return { type: 'FeatureCollection', features: [] };
}

function lineOf(points: LngLat[]): GeoJSON.Feature {
  return { type: 'Feature', properties: {}, geometry: { type: 'LineString', coordinates: points } };
}
