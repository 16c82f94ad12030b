import type { LngLat } from './geo.js';

/** What a named place is, for riders choosing among them and for icons. */
export type PlaceKind =
  'stop' | 'meeting-point' | 'health' | 'library' | 'station' | 'school' | 'shop' | 'other';

/** Every place kind, in the order a form lists them. */
export const PLACE_KINDS: readonly PlaceKind[] = [
  'stop',
  'meeting-point',
  'health',
  'library',
  'station',
  'school',
  'shop',
  'other',
];

/** A named place of a territory: a stop, a meeting point, an address that matters. */
export interface PlaceView {
  id: string;
  /** 1–120 characters, trimmed; unique (accents and case aside) among a territory's active places. */
  name: string;
  kind: PlaceKind;
  position: LngLat;
  territoryId: string;
  /** ISO 8601 once retired; a retired place is kept for history but no longer found or snapped to. */
  retiredAt: string | null;
}

/** `POST /api/territories/:id/places` (coordinators of the territory or an ancestor; admins). */
export interface CreatePlaceRequest {
  name: string;
  kind: PlaceKind;
  /** Must lie inside the territory. */
  position: LngLat;
}

/** `PATCH /api/territories/:id/places/:placeId`: rename, move or change kind; each optional. */
export interface UpdatePlaceRequest {
  name?: string;
  kind?: PlaceKind;
  position?: LngLat;
}

/**
 * One answer of `GET /api/places/search?q=&near=lng,lat&bbox=w,s,e,n&limit=`: a named place, or an
 * address from the configured geocoder (listed after the places).
 */
export interface PlaceSearchHit {
  source: 'place' | 'geocoder';
  name: string;
  /** Where it is, to tell apart places of the same name: the territory, or the geocoder's district and city. */
  detail: string | null;
  kind: PlaceKind | 'address';
  position: LngLat;
  /** The place's id; null for an address. */
  placeId: string | null;
}

/**
 * `GET /api/places/reverse?at=lng,lat`: always a name. `place`: the nearest active place within
 * 150 m; `geocoder`: the street (no house number) from the configured geocoder; `territory`: the
 * smallest territory containing the point (or the nearest one), to show as "near Kallio".
 */
export interface ReverseLookupView {
  name: string;
  source: 'place' | 'geocoder' | 'territory';
  placeId: string | null;
  /** From the point to the named place, in meters; null for a street or a territory. */
  distanceMeters: number | null;
}

/**
 * `GET /api/places/snap?at=lng,lat`: where a pickup asked at `at` will be, under the territory's
 * `snapPickupToStopMeters` rule — shown to the rider before they confirm.
 */
export interface SnapPreview {
  /** The pickup the ride will have: the stop's position when snapped, else `at` unchanged. */
  position: LngLat;
  /** The name the pickup will carry. */
  name: string;
  snapped: boolean;
  /** The stop snapped to, if any. */
  stop: PlaceView | null;
  /** From `at` to the stop, in meters, when snapped. */
  distanceMeters: number | null;
}
