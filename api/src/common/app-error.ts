import type { ErrorBody, ErrorCode, LngLat } from '@navette/contracts';

/** The HTTP status of each error code. */
export const statusOf: Record<ErrorCode, number> = {
  VALIDATION_FAILED: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  OFFER_NOT_PENDING: 409,
  OUT_OF_TERRITORY: 422,
  OUTSIDE_SERVICE_HOURS: 422,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  IDEMPOTENCY_KEY_REUSED: 422,
  RATE_LIMITED: 429,
  PLANNER_UNAVAILABLE: 503,
  VOLUNTEER_LIMIT: 422,
  UNKNOWN_EVENT: 404,
  INTERNAL: 500,
};

/** An error the API reports to its caller: a code from contracts, a message, maybe the field at fault. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
    /** Where on the map the problem is (a self-intersection), sent as `location`. */
    readonly location?: LngLat,
  ) {
    super(message);
  }

  get statusCode(): number {
    return statusOf[this.code];
  }

  toBody(): ErrorBody {
    return {
      statusCode: this.statusCode,
      code: this.code,
      message: this.message,
      ...(this.field ? { field: this.field } : {}),
      ...(this.location ? { location: this.location } : {}),
    };
  }
}

export const notFound = (what: string) => new AppError('NOT_FOUND', `${what} not found`);
