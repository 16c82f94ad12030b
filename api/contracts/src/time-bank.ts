/**
 * The optional time bank: hours given and received, as information for the community. It is not
 * a currency: nothing is owed, nothing is spent.
 */
export interface TimeBankEntry {
  /** Hours driven with someone aboard (from the first pickup to the last drop-off of each route). */
  hoursGiven: number;
  /** Routes driven that carried at least one completed ride or task. */
  tripsGiven: number;
  /** Hours aboard, or of one's tasks being carried, from pickup to drop-off. */
  hoursReceived: number;
  /** Completed rides and tasks requested. */
  ridesReceived: number;
}

/** `GET /api/me/time-bank`. */
/** The period counted: rides completed in `[from, to)`; `from` null when not asked (since the start). */
export interface TimeBankPeriod {
  from: string | null;
  to: string;
}

export interface MyTimeBank extends TimeBankEntry, TimeBankPeriod {
  memberId: string;
}

/** `GET /api/territories/:id/time-bank`: per member, over rides in the territory and those nested in it. */
export interface TerritoryTimeBank extends TimeBankPeriod {
  territoryId: string;
  members: (TimeBankEntry & { memberId: string; displayName: string })[];
  totals: TimeBankEntry;
}
