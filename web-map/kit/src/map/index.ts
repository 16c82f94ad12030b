// @navette/web-kit/map: the map every Navette page draws on (MapLibre, the self-hosted basemap through
// the `pmtiles` protocol, light and dark styles, the territories). A sub-path of its own so a page
// without a map never bundles MapLibre (infra/adr/0017).
export { absoluteStyle, keepOverlay } from './basemap-style.js';
export { boundsOf, type Bounds } from './bounds.js';
export { MapView, type MarkerKind, type StyleUrls } from './map-view.js';
export { territoryLayers, TERRITORY_STYLE } from './territory-layers.js';

export { openMap } from './open-map.js';
