import type {
  DriverAvailability,
  LngLat,
  LoginResponse,
  OfferView,
  RouteView,
  TripEvent,
  TripView,
  WaitingSpotSuggestion,
} from '@navette/contracts';

/** Where the live connection stands: none (off shift), connected, or lost and reconnecting. */
export type Connection = 'none' | 'connected' | 'lost';

/** Whether the page can know where the driver is: not asked yet, following, refused, or no device. */
export type LocationState = 'unknown' | 'following' | 'denied' | 'unsupported' | 'fixed';

/** A mark far from its stop, waiting for the driver to confirm it. */
export interface PendingMark {
  rideId: string;
  event: TripEvent;
  /** How far the driver is from the stop, meters. */
  distanceMeters: number;
}

/** A ride the driver completed, waiting for "did it go well?" (kept in memory only: lost on reload). */
export interface AfterTrip {
  rideId: string;
  riderName: string;
  /** The driver's answer once sent; null before. */
  answered: boolean | null;
  reporting: boolean;
  reported: boolean;
  busy: boolean;
  /** Why the answer or the report failed, in the interface language. */
  error: string;
}

/** Everything the driver's page shows, in one object (the components read it; the shift controller writes it). */
export interface DriverState {
  /** Who is signed in; null on the sign-in form. */
  member: LoginResponse['member'] | null;
  onShift: boolean;
  /** Where the driver is: from the address (`?lng&lat`, desk use and tests) or the device. */
  position: LngLat | null;
  location: LocationState;
  /** Why offers paused, told by the server (null off shift or when available). */
  availability: DriverAvailability | null;
  /** Offers waiting for an answer, soonest to expire first. */
  offers: readonly OfferView[];
  /** An answer that failed, by offer id, in the interface language. */
  offerErrors: ReadonlyMap<string, string>;
  /** Trips under way, one per ride. */
  trips: readonly TripView[];
  /** The stops ahead, in the order to serve them (pooled rides interleave). */
  route: RouteView | null;
  /** A mark that failed, by ride id, in the interface language. */
  tripErrors: ReadonlyMap<string, string>;
  /** A mark far from its stop, asking for confirmation. */
  pendingMark: PendingMark | null;
  connection: Connection;
  /** The browser says the device has a network (`navigator.onLine`). */
  online: boolean;
  /** Sound and vibration when an offer arrives (the driver's setting, kept on this device). */
  offerAlerts: boolean;
  /** The latest word to the driver (trip done, rider cancelled, an answer refused). */
  notice: string;
  /** Why starting, ending or restoring the shift failed. */
  shiftError: string;
  /** A start or end of shift is on its way. */
  shiftBusy: boolean;
  /** The clock the offer countdowns show, ms since the epoch. */
  nowMs: number;
  /** Completed rides still asking for the driver's answer about the rider. */
  afterTrips: readonly AfterTrip[];
  /** Where to wait while idle, toward a worse-served zone (issue 13); null when none. */
  waitingSpot: WaitingSpotSuggestion | null;
}

export function initialDriverState(position: LngLat | null, offerAlerts: boolean): DriverState {
  return {
    member: null,
    onShift: false,
    position,
    location: position ? 'fixed' : 'unknown',
    availability: null,
    offers: [],
    offerErrors: new Map(),
    trips: [],
    route: null,
    tripErrors: new Map(),
    pendingMark: null,
    connection: 'none',
    online: true,
    offerAlerts,
    notice: '',
    shiftError: '',
    shiftBusy: false,
    nowMs: Date.now(),
    afterTrips: [],
    waitingSpot: null,
  };
}
