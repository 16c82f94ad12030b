import type { OfferView, RequestKind } from '@navette/contracts';

/** The columns `OFFER_VIEW_COLUMNS` selects. */
export interface OfferViewRow {
  id: string;
  ride_id: string;
  kind: RequestKind;
  pickup_area: [number | string, number | string];
  dropoff_area: [number | string, number | string];
  pickup_name: string | null;
  dropoff_name: string | null;
  seats: number;
  wheelchair_places: number;
  cargo_units: number;
  approach_meters: number;
  detour_seconds: number | null;
  detour_meters: number | null;
  expires_at: Date;
  /** Set on a takeover offer (ADR 0041): how much sooner than the first driver. */
  sooner_seconds: number | null;
}

/**
 * What a driver sees of an offer, selected from `o` (offers) and `r` (its ride). An offer shows
 * areas (rounded to 0.001°, about 100 m), never the exact address; the names are a place within
 * 150 m, a street without house number, or a neighbourhood (infra/adr/0016).
 */
export const OFFER_VIEW_COLUMNS = `o.id, o.ride_id, r.kind, r.pickup_name, r.dropoff_name, r.seats, r.wheelchair_places, r.cargo_units, o.approach_meters,
  o.detour_seconds, o.detour_meters, o.expires_at, o.sooner_seconds,
  json_build_array(round(ST_X(r.pickup)::numeric, 3), round(ST_Y(r.pickup)::numeric, 3)) AS pickup_area,
  json_build_array(round(ST_X(r.dropoff)::numeric, 3), round(ST_Y(r.dropoff)::numeric, 3)) AS dropoff_area`;

export function toOfferView(row: OfferViewRow): OfferView {
  return {
    id: row.id,
    rideId: row.ride_id,
    kind: row.kind,
    pickupArea: [Number(row.pickup_area[0]), Number(row.pickup_area[1])],
    dropoffArea: [Number(row.dropoff_area[0]), Number(row.dropoff_area[1])],
    pickupName: row.pickup_name,
    dropoffName: row.dropoff_name,
    seats: row.seats,
    wheelchairPlaces: row.wheelchair_places,
    cargoUnits: row.cargo_units,
    approachMeters: row.approach_meters,
    detourSeconds: row.detour_seconds,
    detourMeters: row.detour_meters,
    expiresAt: row.expires_at.toISOString(),
    takeover: row.sooner_seconds === null ? null : { soonerSeconds: row.sooner_seconds },
  };
}
