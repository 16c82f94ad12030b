import { PERIOD_ENDED_NOW } from './period.js';
import type { Queryable } from './queryable.js';

/**
 * Ends the time holds of offers that will not be taken (expired, declined, withdrawn). The API
 * (declines, cancellations) and the dispatcher (expiries) both release holds.
 */
export async function releaseHolds(runner: Queryable, offerIds: string[]): Promise<void> {
  if (offerIds.length === 0) return;
  await runner.query(
    `UPDATE trips SET status = 'cancelled', period = ${PERIOD_ENDED_NOW}
      WHERE status = 'offered' AND id IN (SELECT trip_id FROM offers WHERE id = ANY($1::uuid[]))`,
    [offerIds],
  );
}
