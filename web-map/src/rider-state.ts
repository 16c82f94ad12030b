import type {
  DriverMoved,
  LoginResponse,
  OutcomesView,
  PlaceView,
  RideEstimate,
  RideView,
} from '@navette/contracts';
import { START, type PickState } from './pick-state.js';
import type { SoonerDriver } from './sooner-driver.js';

/** Where the live connection stands: none (signed out), connected, or lost and reconnecting. */
export type Connection = 'none' | 'connected' | 'lost';

/** The map's progress: the basemap and the territories drawn, or why not. */
export type MapProgress = 'loading' | 'ready' | 'failed';

/** One end of the trip being chosen: its name as the rider sees it (never coordinates). */
export interface PickNamesState {
  pickup: string;
  dropoff: string;
  /** Said when the territory moves the pickup to a stop; empty otherwise. */
  snapNote: string;
}

/** What the rider has to say about a finished ride, and what is on its way to the server. */
export interface AfterRideState {
  /** The rider's and the driver's answers, as the server reveals them; null until read. */
  outcomes: OutcomesView | null;
  /** The "report a problem" form is open. */
  reporting: boolean;
  /** The report was filed. */
  reported: boolean;
  busy: boolean;
  error: string;
}

/** Everything the rider's page shows, in one object (components read it; the controller writes it). */
export interface RiderState {
  member: LoginResponse['member'] | null;
  map: MapProgress;
  /** Why the map could not be shown, in the interface language. */
  mapError: string;
  connection: Connection;
  /** The last state read from the server is shown because the server cannot be reached now. */
  offline: boolean;

  /** Choosing a trip: which ends are chosen, and their names. */
  pick: PickState;
  names: PickNamesState;
  /** Wait and trip time for the chosen trip, from the engine's travel model; null until both ends are chosen. */
  estimate: RideEstimate | null;
  /** The device's location is being asked for. */
  locating: boolean;
  requestBusy: boolean;
  requestError: string;

  /** The rider's rides, newest first (the history). */
  rides: readonly RideView[];
  /** The ride the page follows: the newest one under way, or the one just finished. */
  followingId: string | null;
  /** The "cancel this ride?" dialog is open. */
  confirmingCancel: boolean;
  rideError: string;
  afterRide: AfterRideState;
  /** A driver who can come sooner took the followed ride over (ADR 0041); null until one does. */
  soonerDriver: SoonerDriver | null;
  /** The rider's answer per finished ride, as far as the page knows (history). */
  answers: Readonly<Record<string, boolean>>;

  /** The territories' named places, the map's points as a list. */
  places: readonly PlaceView[];
  /** Coordinators: every driver seen moving in their territories, by driver id. */
  liveDrivers: Readonly<Record<string, DriverMoved>>;
}

export const NO_AFTER_RIDE: AfterRideState = {
  outcomes: null,
  reporting: false,
  reported: false,
  busy: false,
  error: '',
};

export function initialRiderState(): RiderState {
  return {
    member: null,
    map: 'loading',
    mapError: '',
    connection: 'none',
    offline: false,
    pick: START,
    names: { pickup: '', dropoff: '', snapNote: '' },
    estimate: null,
    locating: false,
    requestBusy: false,
    requestError: '',
    rides: [],
    followingId: null,
    confirmingCancel: false,
    rideError: '',
    afterRide: NO_AFTER_RIDE,
    soonerDriver: null,
    answers: {},
    places: [],
    liveDrivers: {},
  };
}

/** The ride the page follows, if any. */
export function followedRide(state: Pick<RiderState, 'rides' | 'followingId'>): RideView | undefined {
  return state.followingId ? state.rides.find((ride) => ride.id === state.followingId) : undefined;
}
