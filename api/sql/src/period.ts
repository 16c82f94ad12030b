// How a trip's or hold's `period` (a tstzrange the no-overlap constraint compares) starts and ends.
// The rule, and the crash it came from, are in infra/adr/0004; every statement that starts or ends
// a trip or a hold uses these, in the API and in the dispatcher.

/**
 * From this moment on, open-ended. `clock_timestamp()`, not `now()`: `now()` is the transaction's
 * start, and a batch that planned for a second would date its hold before a trip the driver ended
 * meanwhile.
 */
export const PERIOD_FROM_NOW = 'tstzrange(clock_timestamp(), NULL)';

/** Ended now, and never before it began (a hold from `clock_timestamp()` may start after `now()`). */
export const PERIOD_ENDED_NOW = 'tstzrange(lower(period), greatest(lower(period), now()))';
