/** A vouch: `voucherId` trusts `voucheeId`. Trust distance counts vouches either way. */
export interface VouchView {
  voucherId: string;
  voucheeId: string;
  /** The other member's display name. */
  name: string;
  /** ISO 8601. */
  since: string;
}

export interface VouchesView {
  given: VouchView[];
  received: VouchView[];
}

/** A member's own limits. Null clears a limit. */
export interface MemberSettings {
  /** Only be matched with people within this many trust steps (1–6), as rider and as driver. */
  maxTrustDistance?: number | null;
  /** Drivers: at most this many trips a week. */
  weeklyTripLimit?: number | null;
  /** Drivers: hours offered per week, for a fair share of the load. */
  declaredHoursPerWeek?: number;
  /** Drivers: never asked between these minutes of the day, `[start, end)`, 0–1440. */
  quietHours?: [number, number] | null;
  /** Drivers: while idle on shift, suggest where to wait to help worse-served zones (default on); off, wait at home. */
  waitingSpotSuggestions?: boolean;
}

/**
 * `GET /api/me/vouch-code`: the code a member shares so that another can vouch for them, without
 * anyone browsing the members (ADR 0026). Ten characters of Crockford's base32 (50 bits), shown in
 * two groups of five; renewing it (`POST /api/me/vouch-code/renewal`) makes the old one unusable.
 */
export interface VouchCodeView {
  /** `ABCDE-12345`; typed back with or without the dash, in any case. */
  code: string;
  /** The account page's address that vouches with it: `/account/#trust/vouch/<code>`. */
  path: string;
}

/** `POST /api/vouches/by-code`: vouch for the member whose code this is. */
export interface VouchByCodeRequest {
  code: string;
}
