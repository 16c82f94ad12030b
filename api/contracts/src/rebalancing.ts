import type { LngLat } from './geo.js';

/**
 * `GET /api/drivers/me/waiting-spot`: where an idle driver on shift could wait to help a zone served
 * worse than the others (issue 13, ADR 0034). A suggestion only; declining it costs nothing.
 */
export interface WaitingSpotView {
  suggestion: WaitingSpotSuggestion | null;
  /**
   * Why there is no suggestion: `off-shift`, `busy` (a trip offered or under way), `no-position`,
   * `opted-out` (the member setting), `declined-lately` (no new suggestion for a while after
   * "Not now"), `balanced` (the zones have about the drivers their demand asks for); null with one.
   */
  reason: 'off-shift' | 'busy' | 'no-position' | 'opted-out' | 'declined-lately' | 'balanced' | null;
}

export interface WaitingSpotSuggestion {
  id: string;
  /** The neighbourhood the driver would help. */
  zoneId: string;
  zoneName: string;
  /** Where to wait: a named place of the zone near its middle, else the zone's name. */
  placeName: string;
  position: LngLat;
  /** Driving time from the driver's last position, by the engine's default model, seconds. */
  travelSeconds: number;
  /** Share of the zone's decided requests served over the last hours (0–1), null when none were decided. */
  zoneServiceRate: number | null;
  /** The rota's forecast of rides starting in the zone this hour (same weekday and hour, past weeks). */
  forecastRidesPerHour: number;
  suggestedAt: string;
}

/** `POST /api/drivers/me/waiting-spot/answer`: "Go there" or "Not now". */
export interface WaitingSpotAnswerRequest {
  suggestionId: string;
  answer: 'followed' | 'declined';
}
