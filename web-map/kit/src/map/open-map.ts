import type { ApiClient } from '../api-client.js';
import { MapView } from './map-view.js';

const DEFAULT_LIGHT = '/map-style.json';
const DEFAULT_DARK = '/map-style-dark.json';

/**
 * The map with the operator's basemap: the style URLs `/api/config` names (`MAP_STYLE_URL`,
 * `MAP_STYLE_DARK_URL`), else the API's own self-hosted styles. Resolves once the style is loaded.
 */
export async function openMap(container: HTMLElement, api: ApiClient): Promise<MapView> {
  const config = await api
    .get<{ mapStyleUrl?: string; mapStyleDarkUrl?: string }>('/api/config')
    .catch(() => ({ mapStyleUrl: undefined, mapStyleDarkUrl: undefined }));
  return MapView.create(container, {
    light: config.mapStyleUrl || DEFAULT_LIGHT,
    dark: config.mapStyleDarkUrl || config.mapStyleUrl || DEFAULT_DARK,
  });
}
