import type { LngLat } from '@navette/contracts';
import type { GeocoderConfig } from '../config/app-config.js';

/** An address the geocoder found for a search. */
export interface GeocodedAddress {
  /** `Fleminginkatu 5` or a named feature (`Kallion kirjasto`). */
  name: string;
  /** District and city, when the geocoder gives them. */
  detail: string | null;
  position: LngLat;
}

/**
 * One adapter for the self-hosted geocoders Navette speaks: Photon (`/api`, `/reverse`, GeoJSON) and
 * Nominatim (`/search`, `/reverse`, `format=jsonv2`). Every call is bounded by `timeoutMs`; a slow,
 * failing or nonsensical geocoder yields nothing, never an error: places work without it.
 */
export class Geocoder {
  constructor(private readonly config: GeocoderConfig) {}

  /** Addresses matching `query`, nearest `near` first when given; at most `limit`. */
  async search(query: string, near: LngLat | null, limit: number): Promise<GeocodedAddress[]> {
    const params = new URLSearchParams({ q: query, limit: String(limit) });
    if (this.config.kind === 'photon') {
      if (near) {
        params.set('lon', String(near[0]));
        params.set('lat', String(near[1]));
      }
      return fromPhotonSearch(await this.get('/api', params)).slice(0, limit);
    }
    params.set('format', 'jsonv2');
    params.set('addressdetails', '1');
    if (near) {
      // A viewbox of about 10 km around `near` ranks nearby results first without excluding others.
      const [x, y] = near;
      params.set('viewbox', [x - 0.15, y + 0.08, x + 0.15, y - 0.08].map((v) => v.toFixed(5)).join(','));
    }
    return fromNominatimSearch(await this.get('/search', params)).slice(0, limit);
  }

  /** The street at `at` (with its district when known), never a house number; null when none. */
  async street(at: LngLat): Promise<string | null> {
    const [lon, lat] = at.map(String) as [string, string];
    if (this.config.kind === 'photon') {
      return streetFromPhoton(await this.get('/reverse', new URLSearchParams({ lon, lat, limit: '1' })));
    }
    const params = new URLSearchParams({ lon, lat, format: 'jsonv2', addressdetails: '1', zoom: '17' });
    return streetFromNominatim(await this.get('/reverse', params));
  }

  private async get(path: string, params: URLSearchParams): Promise<unknown> {
    const base = this.config.url.replace(/\/+$/, '');
    try {
      const response = await fetch(`${base}${path}?${params.toString()}`, {
        headers: { accept: 'application/json' },
        signal: AbortSignal.timeout(this.config.timeoutMs),
      });
      if (!response.ok) return undefined;
      return (await response.json()) as unknown;
    } catch {
      return undefined;
    }
  }
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const text = (value: unknown): string | null =>
  typeof value === 'string' && value.trim() ? value.trim() : null;

function lngLat(x: unknown, y: unknown): LngLat | null {
  const lng = Number(x);
  const lat = Number(y);
  if (x === null || y === null || x === '' || y === '') return null;
  return Number.isFinite(lng) && Number.isFinite(lat) && Math.abs(lng) <= 180 && Math.abs(lat) <= 90
    ? [lng, lat]
    : null;
}

const joined = (...parts: (string | null)[]) => {
  const kept = [...new Set(parts.filter((p): p is string => p !== null))];
  return kept.length ? kept.join(', ') : null;
};

/** Photon: a GeoJSON FeatureCollection; `properties` has name, street, housenumber, district, city. */
export function fromPhotonSearch(body: unknown): GeocodedAddress[] {
  const features = isObject(body) && Array.isArray(body.features) ? body.features : [];
  return features.flatMap((feature: unknown) => {
    if (!isObject(feature) || !isObject(feature.properties) || !isObject(feature.geometry)) return [];
    const coordinates = feature.geometry.coordinates;
    const position = Array.isArray(coordinates) ? lngLat(coordinates[0], coordinates[1]) : null;
    const p = feature.properties;
    const street = text(p.street);
    const number = text(p.housenumber);
    const address = street && number ? `${street} ${number}` : street;
    const name = text(p.name) ?? address;
    if (!position || !name) return [];
    return [{ name, detail: joined(text(p.district), text(p.city)), position }];
  });
}

/** Nominatim `jsonv2`: an array of results with `lat`, `lon` (strings), `name` and `address`. */
export function fromNominatimSearch(body: unknown): GeocodedAddress[] {
  const results = Array.isArray(body) ? body : [];
  return results.flatMap((result: unknown) => {
    if (!isObject(result)) return [];
    const position = lngLat(result.lon, result.lat);
    const address = isObject(result.address) ? result.address : {};
    const road = text(address.road);
    const number = text(address.house_number);
    const street = road && number ? `${road} ${number}` : road;
    const name = text(result.name) ?? street ?? text(result.display_name)?.split(',')[0]?.trim() ?? null;
    if (!position || !name) return [];
    const district = text(address.suburb) ?? text(address.neighbourhood) ?? text(address.city_district);
    const city = text(address.city) ?? text(address.town) ?? text(address.village);
    return [{ name, detail: joined(district, city), position }];
  });
}

/** Photon's reverse answer: the first feature's street (or the named street it is), with its district. */
export function streetFromPhoton(body: unknown): string | null {
  const first = isObject(body) && Array.isArray(body.features) ? (body.features[0] as unknown) : undefined;
  if (!isObject(first) || !isObject(first.properties)) return null;
  const p = first.properties;
  const street = text(p.street) ?? (p.osm_key === 'highway' ? text(p.name) : null);
  if (!street) return null;
  return joined(street, text(p.district));
}

/** Nominatim's reverse answer: `address.road`, with the suburb or neighbourhood. */
export function streetFromNominatim(body: unknown): string | null {
  if (!isObject(body) || !isObject(body.address)) return null;
  const a = body.address;
  const road = text(a.road) ?? text(a.pedestrian) ?? text(a.footway);
  if (!road) return null;
  return joined(road, text(a.suburb) ?? text(a.neighbourhood) ?? text(a.city_district));
}
