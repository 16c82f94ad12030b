import type { Role } from './members.js';
import type { ReportKind } from './reciprocity.js';
import type { RequestKind, RideStatus } from './rides.js';
import type { LngLat } from './geo.js';
import type { TimeBankEntry } from './time-bank.js';

/** One ride the member asked for: their own places, exact until the territory's retention ends. */
export interface MemberDataRide {
  id: string;
  kind: RequestKind;
  status: RideStatus;
  territoryId: string;
  pickup: LngLat;
  dropoff: LngLat;
  /** The names the pickup and drop-off were given (coarsened with them). */
  pickupName: string | null;
  dropoffName: string | null;
  /** The words the member left for the driver (cleared with the exact places), else null. */
  notes: string | null;
  /** ISO 8601 when the exact places were replaced by their zone's point (retention or erasure), else null. */
  placesCoarsenedAt: string | null;
  seats: number;
  wheelchairPlaces: number;
  /** ISO 8601 timestamps; null when it did not happen. */
  requestedAt: string;
  pickupAt: string | null;
  pickedUpAt: string | null;
  completedAt: string | null;
  cancelledAt: string | null;
}

/**
 * `GET /api/me/data` (GDPR article 15): everything Navette holds about the caller, as one JSON
 * document. Other members appear by id only, and only where the record is the caller's own act or
 * about the caller; their names, places and free texts are not included.
 */
export interface MemberDataExport {
  /** ISO 8601: when the document was made. */
  exportedAt: string;
  profile: {
    id: string;
    email: string;
    displayName: string;
    role: Role;
    standing: string;
    homeTerritoryId: string | null;
    coordinatedTerritoryIds: string[];
    createdAt: string;
    settings: {
      maxTrustDistance: number | null;
      weeklyTripLimit: number | null;
      declaredHoursPerWeek: number;
      quietHours: [number, number] | null;
      /** Whether the member, as a driver, is suggested where to wait while idle (ADR 0034). */
      waitingSpotSuggestions: boolean;
    };
    restrictions: Record<string, unknown>;
  };
  vehicles: { id: string; label: string; seats: number; wheelchairPlaces: number; cargoUnits: number }[];
  shifts: { id: string; territoryId: string; startedAt: string; endedAt: string | null }[];
  /** The rota shifts the member signed up for (ADR 0027), whatever became of them. */
  rotaSignups: {
    id: string;
    slotId: string;
    territoryId: string;
    startsAt: string;
    endsAt: string;
    status: string;
    late: boolean;
    signedAt: string | null;
    endedAt: string | null;
  }[];
  /** The latest position reported on an open shift, if any. */
  position: { at: LngLat; reportedAt: string } | null;
  rides: MemberDataRide[];
  /** Rides the member drove: ids and times, not the riders' places or names. */
  ridesDriven: { rideId: string; tripId: string; status: string; assignedAt: string }[];
  /** Offers made to the member as a driver, and their answer. */
  offers: { id: string; rideId: string; status: string; createdAt: string; respondedAt: string | null }[];
  /**
   * Where the member, as an idle driver, was suggested to wait (ADR 0034): the zone and the named
   * place (null: the zone's middle), on which shift, and their answer (`followed`, `declined`, or
   * null when they gave none).
   */
  waitingSpots: {
    id: string;
    shiftId: string;
    zoneId: string;
    placeId: string | null;
    suggestedAt: string;
    answer: 'followed' | 'declined' | null;
    answeredAt: string | null;
  }[];
  vouches: {
    given: { memberId: string; since: string; withdrawnAt: string | null }[];
    received: { memberId: string; since: string; withdrawnAt: string | null }[];
  };
  outcomes: {
    /** What the member answered about others. */
    given: { rideId: string; subjectId: string; success: boolean; at: string }[];
    /** What others answered about the member (without who: the ride says enough to the member). */
    received: { rideId: string; success: boolean; at: string }[];
  };
  /** Reports the member filed, with their own text. */
  reportsMade: {
    id: string;
    subjectId: string;
    rideId: string | null;
    kind: ReportKind;
    text: string;
    status: string;
    createdAt: string;
  }[];
  /** Coordinators' decisions about the member (the audit log), with the reason given. */
  decisions: { id: string; decision: string; reason: string; at: string; reportKind: ReportKind | null }[];
  appeals: { id: string; decisionId: string; text: string; status: string; createdAt: string }[];
  pairBlocks: {
    id: string;
    counterpartId: string;
    reason: string;
    createdAt: string;
    clearedAt: string | null;
  }[];
  /** All-time hours given and received. */
  timeBank: TimeBankEntry;
  /** The code the member shares so others can vouch for them (ADR 0026), if one was made. */
  vouchCode: string | null;
  /** The member's requests to drive: the vehicle and availability declared, the answer. */
  driveRequests: {
    id: string;
    label: string;
    seats: number;
    wheelchairPlaces: number;
    cargoUnits: number;
    weeklyAvailability: { day: number; from: string; to: string }[];
    status: string;
    reason: string | null;
    createdAt: string;
  }[];
  /** Registration requests under the member's email or that made them (without the password hash). */
  registrationRequests: {
    id: string;
    territoryId: string;
    displayName: string;
    status: string;
    createdAt: string;
  }[];
}

/** `POST /api/me/erasure` (GDPR article 17): the member confirms with their password. */
export interface ErasureRequest {
  password: string;
}

/** What the erasure did, counted. The account no longer exists for login once this is returned. */
export interface ErasureResult {
  memberId: string;
  /** ISO 8601. */
  erasedAt: string;
  /** Own rides whose places were replaced by their zone's point. */
  ridesCoarsened: number;
  /** Free texts written by or about the member that were replaced by a marker. */
  textsErased: number;
  /** Vouches given or received that were removed. */
  vouchesRemoved: number;
}
