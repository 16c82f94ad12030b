import type { LngLat } from './geo.js';

/** Every error the API returns carries one of these codes; one filter maps them to HTTP statuses. */
export type ErrorCode =
  | 'VALIDATION_FAILED'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'OUT_OF_TERRITORY'
  | 'OUTSIDE_SERVICE_HOURS'
  | 'OFFER_NOT_PENDING'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'IDEMPOTENCY_KEY_REUSED'
  | 'RATE_LIMITED'
  /** No dispatcher answered a planning job in time (503): try again shortly. */
  | 'PLANNER_UNAVAILABLE'
  /** A rota sign-up beyond the driver's own limits (quiet hours, declared hours, weekly trip limit): 422. */
  | 'VOLUNTEER_LIMIT'
  /** A socket event the server does not know (socket.io only). */
  | 'UNKNOWN_EVENT'
  | 'INTERNAL';

/** What every error carries since the first version; front ends read these fields. */
export interface ErrorBody {
  /** The HTTP status. */
  statusCode: number;
  code: ErrorCode;
  /** This occurrence, in English. */
  message: string;
  /** The offending field, dotted path (`pickup.coordinates`), when one field is at fault. */
  field?: string;
  /**
   * Where on the map the problem is, `[lng, lat]`, when it has a place: the point where a
   * territory's outline crosses itself, or a point of it outside its parent. Absent otherwise.
   */
  location?: LngLat;
}

/**
 * An error as the API sends it: an RFC 9457 problem (`application/problem+json`) that keeps the
 * fields of `ErrorBody`. `title` and `detail` are in the language the request asked for
 * (`Accept-Language`, fr or en; en by default); `message` stays English.
 */
export interface Problem extends ErrorBody {
  /** A URI naming the problem type, one per code: `urn:navette:problem:<code in kebab-case>`. */
  type: string;
  /** A short summary of the problem type, the same for every occurrence of a code. */
  title: string;
  /** The HTTP status (the same number as `statusCode`; on socket acks, what HTTP would answer). */
  status: number;
  /** This occurrence, explained for a person. */
  detail: string;
  /** The request path this occurrence answers (HTTP only). */
  instance?: string;
}

/** Socket acknowledgements are `{ data }` or `{ error }` (the server sends a whole `Problem`). */
export type Ack<T> = { data: T } | { error: ErrorBody };
