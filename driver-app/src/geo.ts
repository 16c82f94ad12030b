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

/** `60.18200, 24.95200` (latitude first, as people read it), five decimals (about 1 m). */
export function formatPosition([lng, lat]: LngLat): string {
  return `${lat.toFixed(5)}, ${lng.toFixed(5)}`;
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
