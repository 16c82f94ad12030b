import type { AreaGeometry, FeatureCollection } from './geo.js';

/** Territories nest: neighbourhood ⊂ town ⊂ region. */
export type TerritoryLevel = 'region' | 'town' | 'neighbourhood';

export interface TerritoryProperties {
  id: string;
  name: string;
  level: TerritoryLevel;
  parentId: string | null;
  /** Longest a rider should wait for a pickup before the request escalates, in seconds. */
  maxWaitSeconds: number;
  /** How long a driver has to answer an offer, in seconds. */
  offerTimeoutSeconds: number;
}

export type TerritoryCollection = FeatureCollection<AreaGeometry, TerritoryProperties>;

/** What the front ends need to know before login (`GET /api/config`). */
export interface ClientConfig {
  /** URL of the MapLibre style the maps load. */
  mapStyleUrl: string;
  /** URL of the style the maps load when the system asks for dark colours. */
  mapStyleDarkUrl: string;
}
