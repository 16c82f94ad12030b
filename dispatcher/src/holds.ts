import type { EntityManager } from 'typeorm';

/** Ends the time holds of offers that will not be taken (expired, declined, withdrawn). */
export async function releaseHolds(manager: Pick<EntityManager, 'query'>, offerIds: string[]): Promise<void> {
  if (offerIds.length === 0) return;
  await manager.query(
    `UPDATE trips SET status = 'cancelled', period = tstzrange(lower(period), greatest(lower(period), now()))
      WHERE status = 'offered' AND id IN (SELECT trip_id FROM offers WHERE id = ANY($1::uuid[]))`,
    [offerIds],
  );
}
