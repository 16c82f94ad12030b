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
  | 'INTERNAL';

export interface ErrorBody {
  statusCode: number;
  code: ErrorCode;
  message: string;
  /** The offending field, dotted path (`pickup.coordinates`), when one field is at fault. */
  field?: string;
}

/** Socket acknowledgements are `{ data }` or `{ error }`. */
export type Ack<T> = { data: T } | { error: ErrorBody };
