/// <reference types="geojson" />
// (MapLibre's types use the global `GeoJSON` namespace; the root tsconfig lists only node and jest.)
import type { LngLat, TerritoryCollection } from '@navette/contracts';
import * as maplibregl from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import workerSource from 'maplibre-gl/dist/maplibre-gl-worker.mjs' with { type: 'text' };
import { Protocol } from 'pmtiles';
import { absoluteStyle, keepOverlay } from './basemap-style.js';
import { boundsOf } from './bounds.js';
import { territoryLayers } from './territory-layers.js';

/**
 * MapLibre 6 starts its worker from a file next to its own module, which a bundle does not have.
 * The worker's source is bundled as text and started from a same-origin blob: no extra file to
 * deploy, no request to any other host.
 */
function useBundledWorker(): void {
  const url = URL.createObjectURL(new Blob([workerSource], { type: 'text/javascript' }));
  maplibregl.setWorkerUrl(url);
}

let pmtilesRegistered = false;

/** Vector tiles read from one PMTiles archive by HTTP range requests (`pmtiles://` sources). */
function usePmtilesProtocol(): void {
  if (pmtilesRegistered) return;
  maplibregl.addProtocol('pmtiles', new Protocol().tile);
  pmtilesRegistered = true;
}

/** The basemap style for light and dark system colours (the same URL twice when there is one). */
export interface StyleUrls {
  light: string;
  dark: string;
}

const DARK = '(prefers-color-scheme: dark)';

export type MarkerKind =
  'pickup' | 'dropoff' | 'driver' | 'live-driver' | 'place' | 'problem' | 'waiting-spot';

const TERRITORIES = 'territories';
/** Central Helsinki, until the territories say where the service is. */
const DEFAULT_CENTER: LngLat = [24.94, 60.17];

/** A marker with a title is an image of that name for screen readers; without one, decoration. */
function name(element: HTMLElement, title: string, label: string): void {
  element.title = title;
  if (label) element.dataset.label = label;
  else delete element.dataset.label;
  if (title) {
    element.setAttribute('role', 'img');
    element.setAttribute('aria-label', title);
  } else {
    element.removeAttribute('role');
    element.removeAttribute('aria-label');
  }
}

/** The map and what Navette draws on it: territories, the ride's stops, drivers. */
export class MapView {
  private readonly markers = new Map<string, maplibregl.Marker>();

  private constructor(readonly map: maplibregl.Map) {}

  /**
   * Resolves once the style is loaded (the map's `load` event); rejects on a style error before that.
   * The dark style follows the system's colour scheme, live.
   */
  static create(container: HTMLElement, styles: StyleUrls): Promise<MapView> {
    useBundledWorker();
    usePmtilesProtocol();
    const map = new maplibregl.Map({
      container,
      center: DEFAULT_CENTER,
      zoom: 11,
      // Kept so a test (or a user's screenshot) can read the pixels back.
      canvasContextAttributes: { preserveDrawingBuffer: true },
    });
    map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
    const scheme = matchMedia(DARK);
    const applyStyle = () => {
      const url = new URL(scheme.matches ? styles.dark : styles.light, location.href).href;
      container.dataset.scheme = scheme.matches ? 'dark' : 'light';
      map.setStyle(url, {
        transformStyle: (previous, next) => keepOverlay(previous, absoluteStyle(next, url)),
      });
    };
    applyStyle();
    if (styles.dark !== styles.light) scheme.addEventListener('change', applyStyle);
    return new Promise((resolve, reject) => {
      let loaded = false;
      // Before `load`, an error (the style could not be fetched or parsed) means no map at all.
      map.on('error', (event) => {
        if (!loaded)
          reject(event.error instanceof Error ? event.error : new Error('the map style could not be loaded'));
      });
      map.once('load', () => {
        loaded = true;
        resolve(new MapView(map));
      });
    });
  }

  showTerritories(collection: TerritoryCollection): void {
    const data = collection as unknown as GeoJSON.FeatureCollection;
    const source = this.map.getSource<maplibregl.GeoJSONSource>(TERRITORIES);
    if (source) void source.setData(data);
    else {
      this.map.addSource(TERRITORIES, { type: 'geojson', data });
      // Under the basemap's labels, so street and place names stay readable through the tint.
      const firstLabel = this.map.getStyle().layers.find((layer) => layer.type === 'symbol')?.id;
      for (const layer of territoryLayers(TERRITORIES)) this.map.addLayer(layer, firstLabel);
    }
    const bounds = boundsOf(collection.features);
    if (bounds) this.map.fitBounds(bounds, { padding: 24, duration: 0 });
  }

  onClick(handler: (at: LngLat) => void): void {
    this.map.on('click', (event) => handler([event.lngLat.lng, event.lngLat.lat]));
  }

  /**
   * Places, moves or (with `null`) removes the marker `id`; `title` is its name for pointers and
   * for screen readers (an image named by `aria-label`); `label`, a short text the page's style may
   * show beside it (`data-label`).
   */
  setMarker(id: string, kind: MarkerKind, position: LngLat | null, title = '', label = ''): void {
    const existing = this.markers.get(id);
    if (position === null) {
      existing?.remove();
      this.markers.delete(id);
      return;
    }
    if (existing) {
      existing.setLngLat(position);
      name(existing.getElement(), title, label);
      return;
    }
    const element = document.createElement('div');
    element.className = `marker marker-${kind}`;
    element.dataset.testid = `${kind}-marker`;
    element.dataset.id = id;
    name(element, title, label);
    this.markers.set(id, new maplibregl.Marker({ element }).setLngLat(position).addTo(this.map));
  }

  markerIds(kind: MarkerKind): string[] {
    return [...this.markers.entries()]
      .filter(([, marker]) => marker.getElement().classList.contains(`marker-${kind}`))
      .map(([id]) => id);
  }
}
