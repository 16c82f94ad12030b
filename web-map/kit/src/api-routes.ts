import type {
  CreateRideRequest,
  LoginRequest,
  LoginResponse,
  OfferView,
  RideView,
  ShiftView,
  StartShiftRequest,
  TerritoryCollection,
  RouteView,
  TripMark,
  TripView,
} from '@navette/contracts';

/**
 * The API routes the pages call, typed from `@navette/contracts`: `api.get('/api/rides')` is a
 * `RideView[]` without a cast. A route missing here is still callable with an explicit type
 * (`api.get<T>(path)`); add it here when a page starts to use it.
 */
export interface GetRoutes {
  '/api/config': { mapStyleUrl?: string };
  '/api/shifts/current': ShiftView | null;
  '/api/offers/pending': OfferView[];
  '/api/trips/current': TripView[];
  '/api/trips/route': RouteView;
  '/api/rides': RideView[];
  '/api/territories': TerritoryCollection;
}

/** `POST` routes: what each takes (`undefined`: no body) and answers. */
export interface PostRoutes {
  '/api/auth/login': { body: LoginRequest; response: LoginResponse };
  '/api/shifts/start': { body: StartShiftRequest; response: ShiftView };
  '/api/shifts/end': { body: undefined; response: ShiftView };
  '/api/rides': { body: CreateRideRequest; response: RideView };
  [cancel: `/api/rides/${string}/cancel`]: { body: undefined; response: RideView };
  [mark: `/api/trips/${string}/mark`]: { body: TripMark; response: TripView };
}

export type GetPath = keyof GetRoutes;
export type PostPath = keyof PostRoutes;
