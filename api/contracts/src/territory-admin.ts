import type { AreaGeometry, Feature } from './geo.js';
import type { TerritoryLevel } from './territories.js';

/**
 * A ride's longest ride time as a factor of its direct ride when the territory sets none. 1.5 keeps
 * every ride within 1.5 × direct (issue 13's p95 target) while the mean stays near 1.2 (the
 * product's 1.3); 1.6 until ADR 0033's "what changed" (migration 1765730000000).
 */
export const DEFAULT_MAX_DETOUR_FACTOR = 1.5;

/** A territory's community rules, as coordinators set them. */
export interface TerritoryRules {
  /** Longest a rider should wait for a pickup before the request escalates, in seconds (1–86,400). Default 900. */
  maxWaitSeconds: number;
  /** How long a driver has to answer an offer, in seconds (5–600). Default 30. */
  offerTimeoutSeconds: number;
  /** Longest ride time allowed for anyone aboard, as a factor of their direct ride (1–5). Default `DEFAULT_MAX_DETOUR_FACTOR` (1.5). */
  maxDetourFactor: number;
  /** Whether riders may share a vehicle. Default true. */
  pooling: boolean;
  /** Trust steps between rider and driver allowed when the rider sets none (1–6), or null for no limit. */
  defaultTrustDistance: number | null;
  /** Wait before drivers of the parent territory are asked too, in seconds (0–86,400). Default 120. */
  escalateAfterSeconds: number;
  /** Service hours as `[startMinute, endMinute)` of the local day (0–1440), or null for all day. */
  serviceHours: [number, number] | null;
  /** IANA time zone of the territory (`Europe/Helsinki`). Default `Etc/UTC`, or the parent's. */
  timezone: string;
  /**
   * Days after a ride ended that its exact pickup and drop-off are kept (1–730); then they become a
   * point of their zone. Default 60 (the CNIL's advice for vehicle geolocation), or the parent's.
   */
  placeRetentionDays: number;
  /** A driver whose last position is older than this gets no offers, in seconds (10–3,600). Default 120. */
  positionMaxAgeSeconds: number;
  /** Rest after a first declined or missed offer, in seconds (0–3,600; 0: none). Doubles with each consecutive miss in a shift, reset by an accept. Default 60. */
  restAfterMissSeconds: number;
  /** Longest rest after consecutive misses, in seconds (0–86,400). Default 600. */
  restMaxSeconds: number;
  /**
   * Pickups are moved to the nearest active stop within this many meters (10–2,000), as Kutsuplus
   * did; the rider sees the stop before confirming (`GET /api/places/snap`). Null (default): off.
   */
  snapPickupToStopMeters: number | null;
  /**
   * Longest a task's pickup may be delayed after its window opens, in seconds (60–86,400): a parcel
   * tolerates more than a rider. Default 7,200. Always sent; optional for clients built before tasks.
   */
  taskMaxWaitSeconds?: number;
  /** Longest time a task may spend aboard, as a factor of its direct ride (1–10). Default 3. Always sent. */
  taskMaxDetourFactor?: number;
  /** Cargo units (1–100) each plain-language size takes in this territory's cars. Default bag 1, box 2, boot 6. Always sent. */
  cargoSizes?: { bag: number; box: number; boot: number };
}

/** A neighbouring territory that lends its drivers to this one once a request has waited `afterSeconds`. */
export interface TerritoryLender {
  territoryId: string;
  /** Seconds a request waits before the lender's drivers are asked (0–86,400). */
  afterSeconds: number;
}

/** A lending link as shown on a territory: it reaches the dispatcher only once the lender agreed. */
export interface TerritoryLendingLink extends TerritoryLender {
  /** The lender's coordinators agreed (`PUT /api/territories/:lenderId/borrowers/:borrowerId`). */
  agreed: boolean;
}

/** `PUT /api/territories/:id/borrowers/:borrowerId`: the lender agrees to lend, or withdraws. */
export interface LendingAgreementUpdate {
  agreed: boolean;
}

/** `POST /api/territories`: a GeoJSON Feature (Polygon or MultiPolygon, `[lng, lat]`). */
export interface TerritoryUpload {
  type: 'Feature';
  geometry: AreaGeometry;
  properties: { name: string; level: TerritoryLevel; parentId?: string } & Partial<TerritoryRules>;
}

/** `PUT /api/territories/:id`: a new geometry, new rules, or both. Level and parent do not change. */
export interface TerritoryUpdate {
  type: 'Feature';
  geometry?: AreaGeometry;
  properties?: { name?: string } & Partial<TerritoryRules>;
}

/**
 * `PUT /api/territories/:id/lending`: replaces the list of territories asked to lend to this one.
 * A link kept with the same wait keeps the lender's agreement; a new or changed one waits for it.
 */
export interface TerritoryLendingUpdate {
  lenders: TerritoryLender[];
}

export interface TerritoryDetailProperties extends TerritoryRules {
  id: string;
  name: string;
  level: TerritoryLevel;
  parentId: string | null;
  /** Territories this one asked to lend it drivers; `agreed` once they did. */
  lenders: TerritoryLendingLink[];
  /** Territories that asked this one for drivers; `agreed` once this one's coordinators did. */
  borrowers: TerritoryLendingLink[];
}

/** `GET /api/territories/:id`: one territory, its rules and its lending (geometry always a MultiPolygon). */
export type TerritoryDetail = Feature<AreaGeometry, TerritoryDetailProperties>;
