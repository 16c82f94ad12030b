import { rooms, type ExpireOfferJob } from '@navette/contracts';
import { lockRides, releaseHolds, restingUntil, sql, withTransaction } from '@navette/sql';
import type { DataSource } from 'typeorm';
import type { MatchingScheduler } from './matching-scheduler.js';
import type { OutboundEvents } from './outbound-events.js';

export type ExpireOutcome =
  { kind: 'expired'; rideId: string; nextRound: number | null } | { kind: 'answered' };

/** Thrown while an offer is still open: BullMQ retries the job a little later. */
export class OfferNotYetExpiredError extends Error {}

/**
 * A driver stayed silent: the offer expires and the ride goes to the next driver at once. An
 * offer already answered (accepted, declined, withdrawn) is left alone, so running twice is safe.
 */
export class ExpireOfferHandler {
  constructor(
    private readonly db: DataSource,
    private readonly scheduler: MatchingScheduler,
    private readonly events: OutboundEvents,
  ) {}

  async handle(job: ExpireOfferJob): Promise<ExpireOutcome> {
    const result = await withTransaction(this.db, async (manager) => {
      // The ride first, then the offer and its hold (the lock order of @navette/sql).
      const ride: { ride_id: string }[] = await manager.query(`SELECT ride_id FROM offers WHERE id = $1`, [
        job.offerId,
      ]);
      if (!ride[0]) return { kind: 'answered' as const };
      await lockRides(manager, [ride[0].ride_id]);
      const rows: { status: string; due: boolean }[] = await manager.query(
        `SELECT status, expires_at <= now() AS due FROM offers WHERE id = $1 FOR UPDATE`,
        [job.offerId],
      );
      const offer = rows[0];
      if (!offer || offer.status !== 'pending') return { kind: 'answered' as const };
      if (!offer.due) throw new OfferNotYetExpiredError(`offer ${job.offerId} is still open`);
      const expired: { ride_id: string; driver_id: string }[] = await sql(
        manager,
        `UPDATE offers SET status = 'expired', responded_at = now() WHERE id = $1 RETURNING ride_id, driver_id`,
        [job.offerId],
      );
      await releaseHolds(manager, [job.offerId]);
      const { ride_id: rideId, driver_id: driverId } = expired[0]!;
      const requeued: { match_round: number; rider_id: string }[] = await sql(
        manager,
        `UPDATE rides SET status = 'requested', match_round = match_round + 1
          WHERE id = $1 AND status = 'offered' RETURNING match_round, rider_id`,
        [rideId],
      );
      return {
        kind: 'expired' as const,
        rideId,
        driverId,
        nextRound: requeued[0]?.match_round ?? null,
        riderId: requeued[0]?.rider_id,
      };
    });
    if (result.kind === 'answered') return result;
    await this.events.publish(rooms.driver(result.driverId), 'offer:expired', { offerId: job.offerId });
    const until = await restingUntil(this.db, result.driverId);
    if (until) {
      await this.events.publish(rooms.driver(result.driverId), 'driver:paused', {
        reason: 'resting',
        until: until.toISOString(),
      });
    }
    if (result.nextRound !== null) {
      await this.scheduler.scheduleMatch({ rideId: result.rideId, round: result.nextRound });
      if (result.riderId) await this.events.rideChanged(result.riderId, result.rideId);
    }
    return { kind: 'expired', rideId: result.rideId, nextRound: result.nextRound };
  }
}
