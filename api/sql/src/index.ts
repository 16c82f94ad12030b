export type { Queryable } from './queryable.js';
export { ASYNC_COMMIT_CTE } from './async-commit.js';
export { queryPrepared, statementName, type PreparedCapable } from './prepared.js';
export { sql } from './sql.js';
export { poolOptions, SESSION_SETTINGS_SQL } from './pool.js';
export { PERIOD_ENDED_NOW, PERIOD_FROM_NOW } from './period.js';
export { releaseHolds } from './holds.js';
export { OFFER_VIEW_COLUMNS, toOfferView, type OfferViewRow } from './offer-view.js';
export {
  isRetryableConflict,
  retryOnConflict,
  sqlStateOf,
  withTransaction,
  type IsolationLevel,
  type RetryOptions,
  type TransactionRunner,
} from './transaction.js';
export { endTripIfIdle, lockRides, lockTrip } from './locks.js';
export {
  connectedSql,
  driverAvailability,
  positionFreshSql,
  restingUntil,
  restUntilSql,
} from './driver-availability.js';
export { rotaPlanInput } from './rota-plan.js';
export {
  DEFAULT_REBALANCE,
  suggestWaitingSpots,
  driverWorth,
  poissonAtLeast,
  type LngLat,
  type RebalanceDriver,
  type RebalanceOptions,
  type RebalanceZone,
} from './rebalance.js';
