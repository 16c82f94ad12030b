import type { LngLat } from '@navette/contracts';

const EARTH_RADIUS_METERS = 6_371_008.8;
const rad = (degrees: number) => (degrees * Math.PI) / 180;

/** Great-circle distance between two positions, meters (haversine). */
export function distanceMeters([lng1, lat1]: LngLat, [lng2, lat2]: LngLat): number {
  const dLat = rad(lat2 - lat1);
  const dLng = rad(lng2 - lng1);
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(rad(lat1)) * Math.cos(rad(lat2)) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_METERS * Math.asin(Math.min(1, Math.sqrt(a)));
}

/** `350 m` under a kilometre, `1.2 km` above. */
export function formatDistance(meters: number, locale: string): string {
  if (meters < 1000) return `${Math.round(meters / 10) * 10} m`;
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(meters / 1000)} km`;
}

/** Beyond this distance from a stop, marking it asks the driver to confirm, meters. */
export const FAR_FROM_STOP_METERS = 200;

/** `4 min` (at least 1), for a detour or a wait. */
export function formatMinutes(seconds: number): string {
  return `${Math.max(1, Math.round(seconds / 60))} min`;
}

/**
 * Links that hand a stop to the phone's navigation app: a `geo:` URI (Android opens the chosen map
 * app; `q=` carries the name as its label) and OpenStreetMap's directions (iPhones, desktops). Both
 * are links the driver follows; the page itself calls no other host.
 */
export function navigationLinks([lng, lat]: LngLat, name: string): { geo: string; osm: string } {
  const at = `${lat.toFixed(6)},${lng.toFixed(6)}`;
  return {
    geo: `geo:${at}?q=${at}(${encodeURIComponent(name)})`,
    osm: `https://www.openstreetmap.org/directions?to=${encodeURIComponent(at)}#map=17/${lat.toFixed(5)}/${lng.toFixed(5)}`,
  };
}

/** A valid WGS 84 position from two strings, or null. */
export function parsePosition(lng: string | null, lat: string | null): LngLat | null {
  if (lng === null || lat === null || lng.trim() === '' || lat.trim() === '') return null;
  const x = Number(lng);
  const y = Number(lat);
  if (!Number.isFinite(x) || !Number.isFinite(y) || Math.abs(x) > 180 || Math.abs(y) > 90) return null;
  return [x, y];
}

/** The position given in the page's query string (`?lng=24.95&lat=60.18`), if any. */
export function positionFromQuery(search: string): LngLat | null {
  const params = new URLSearchParams(search);
  return parsePosition(params.get('lng'), params.get('lat'));
}

/**
 * A report cadence given in the page's address (`?reportEveryMs=100`): for tests that play a shift
 * hour fast, and for a desk trial. The heartbeat keeps its ratio to the interval (12×); moves still
 * count from 50 m. Null when absent or below 50 ms.
 */
export function reportEveryFromQuery(
  search: string,
): { minIntervalMs: number; minMoveMeters: number; heartbeatMs: number } | null {
  const every = Number(new URLSearchParams(search).get('reportEveryMs') ?? Number.NaN);
  if (!Number.isFinite(every) || every < 50) return null;
  return { minIntervalMs: every, minMoveMeters: 50, heartbeatMs: every * 12 };
}
