import type { DriverAvailability, LngLat, LoginResponse, OfferView, TripView } from '@navette/contracts';

/** Where the live connection stands: none (off shift), connected, or lost and reconnecting. */
export type Connection = 'none' | 'connected' | 'lost';

/** Everything the driver's page shows, in one object (the components read it; the shift controller writes it). */
export interface DriverState {
  /** Who is signed in; null on the sign-in form. */
  member: LoginResponse['member'] | null;
  onShift: boolean;
  /** The position shown in the fields: from the address (`?lng&lat`), the device, or typed. */
  position: LngLat | null;
  /** Why offers paused, told by the server (null off shift or when available). */
  availability: DriverAvailability | null;
  /** Offers waiting for an answer, soonest to expire first. */
  offers: readonly OfferView[];
  /** An answer that failed, by offer id, in the interface language. */
  offerErrors: ReadonlyMap<string, string>;
  /** Trips under way, one per ride. */
  trips: readonly TripView[];
  /** A mark that failed, by ride id, in the interface language. */
  tripErrors: ReadonlyMap<string, string>;
  connection: Connection;
  /** The latest word to the driver (trip done, rider cancelled, an answer refused). */
  notice: string;
  /** Why starting, ending or restoring the shift failed. */
  shiftError: string;
  /** A start or end of shift is on its way. */
  shiftBusy: boolean;
  /** The clock the offer countdowns show, ms since the epoch. */
  nowMs: number;
}

export function initialDriverState(position: LngLat | null): DriverState {
  return {
    member: null,
    onShift: false,
    position,
    availability: null,
    offers: [],
    offerErrors: new Map(),
    trips: [],
    tripErrors: new Map(),
    connection: 'none',
    notice: '',
    shiftError: '',
    shiftBusy: false,
    nowMs: Date.now(),
  };
}
