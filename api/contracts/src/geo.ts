/** A position as GeoJSON orders it (RFC 7946): `[longitude, latitude]`, WGS 84 degrees. */
export type LngLat = [number, number];

/** A GeoJSON Point geometry. */
export interface PointGeometry {
  type: 'Point';
  coordinates: LngLat;
}

/** A GeoJSON Polygon or MultiPolygon geometry. Rings are closed: first position = last. */
export type AreaGeometry =
  { type: 'Polygon'; coordinates: LngLat[][] } | { type: 'MultiPolygon'; coordinates: LngLat[][][] };

export interface Feature<G, P> {
  type: 'Feature';
  id?: string;
  geometry: G;
  properties: P;
}

export interface FeatureCollection<G, P> {
  type: 'FeatureCollection';
  features: Feature<G, P>[];
}
