import type { LngLat, PlaceSearchHit, ReverseLookupView, SnapPreview } from '@navette/contracts';
import type { ApiClient } from '@navette/web-kit';
import type { Locale } from './locale.js';

const lngLat = ([lng, lat]: LngLat) => `${lng.toFixed(6)},${lat.toFixed(6)}`;

/** What the rider is shown for a chosen end: its name, and for a pickup the stop it moves to. */
export interface NamedPick {
  /** Where the end really is: a snapped pickup is at its stop. */
  at: LngLat;
  name: string;
  /** Said when the territory moves the pickup to a stop; empty otherwise. */
  note: string;
}

/** The page's calls to `/api/places`: search near the map's centre, names for points, stop snapping. */
export class PickNames {
  constructor(
    private readonly api: ApiClient,
    private readonly locale: Locale,
  ) {}

  search(query: string, near: LngLat): Promise<PlaceSearchHit[]> {
    return this.api.get(`/api/places/search?q=${encodeURIComponent(query)}&near=${lngLat(near)}&limit=8`);
  }

  /** The name of any point: a place, a street, or "near" its neighbourhood. */
  async name(at: LngLat): Promise<string> {
    const found = await this.api.get<ReverseLookupView>(`/api/places/reverse?at=${lngLat(at)}`);
    return found.source === 'territory' ? this.locale.t('place.near', { name: found.name }) : found.name;
  }

  /** A pickup as it will be: moved to a stop by the territory's rule, or where it was chosen. */
  async pickup(at: LngLat, chosenName?: string): Promise<NamedPick> {
    const snap = await this.api.get<SnapPreview>(`/api/places/snap?at=${lngLat(at)}`);
    if (snap.snapped && snap.stop) {
      const note = this.locale.t('place.snapped', { name: snap.stop.name, meters: snap.distanceMeters ?? 0 });
      return { at: snap.position, name: snap.stop.name, note };
    }
    return { at, name: chosenName ?? (await this.name(at)), note: '' };
  }
}
