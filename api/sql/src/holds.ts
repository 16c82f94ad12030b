import type { Queryable } from './queryable.js';

/**
 * Ends the time holds of offers that will not be taken (expired, declined, withdrawn). The API
 * (declines, cancellations) and the dispatcher (expiries) both release holds; a hold ends at
 * `greatest(lower(period), now())` so it is never an empty or inverted range (infra/adr/0004).
 */
export async function releaseHolds(runner: Queryable, offerIds: string[]): Promise<void> {
  if (offerIds.length === 0) return;
  await runner.query(
    `UPDATE trips SET status = 'cancelled', period = tstzrange(lower(period), greatest(lower(period), now()))
      WHERE status = 'offered' AND id IN (SELECT trip_id FROM offers WHERE id = ANY($1::uuid[]))`,
    [offerIds],
  );
}
