import { Inject, Injectable } from '@nestjs/common';
import { rooms } from '@navette/contracts';
import { PERIOD_ENDED_NOW, releaseHolds, sql } from '@navette/sql';
import type { EntityManager } from 'typeorm';
import { MatchingQueueService } from '../redis/matching-queue.service.js';
import { OutboundEventsPublisher } from '../redis/outbound-events.publisher.js';
import { RideRepository } from '../rides/ride.repository.js';

export interface ReleasedRide {
  rideId: string;
  round: number;
}

/**
 * Sends rides back to matching when their driver drops out before pickup (shift ended, offer
 * declined). The ride keeps its `requested_at`, so it keeps its place in the queue.
 */
@Injectable()
export class ReleaseService {
  constructor(
    @Inject(MatchingQueueService) private readonly matching: MatchingQueueService,
    @Inject(OutboundEventsPublisher) private readonly events: OutboundEventsPublisher,
    @Inject(RideRepository) private readonly rides: RideRepository,
  ) {}

  /** Inside the caller's transaction: withdraws the driver's pending offer and unassigns rides not picked up. */
  async releaseDriver(driverId: string, manager: EntityManager): Promise<ReleasedRide[]> {
    const offered: { id: string; ride_id: string }[] = await sql(
      manager,
      `UPDATE offers SET status = 'withdrawn', responded_at = now()
        WHERE driver_id = $1 AND status = 'pending' RETURNING id, ride_id`,
      [driverId],
    );
    await releaseHolds(
      manager,
      offered.map((o) => o.id),
    );
    const assigned: { ride_id: string }[] = await sql(
      manager,
      `UPDATE assignments a SET status = 'cancelled'
         FROM trips t, rides r
        WHERE a.trip_id = t.id AND r.id = a.ride_id AND t.driver_id = $1
          AND a.status = 'active' AND r.status = 'assigned'
        RETURNING a.ride_id`,
      [driverId],
    );
    await sql(
      manager,
      `UPDATE trips SET status = 'cancelled', period = ${PERIOD_ENDED_NOW}
        WHERE driver_id = $1 AND status = 'active'
          AND NOT EXISTS (SELECT 1 FROM assignments a WHERE a.trip_id = trips.id AND a.status = 'active')`,
      [driverId],
    );
    return this.requeue(
      [...offered, ...assigned].map((r) => r.ride_id),
      manager,
    );
  }

  /** Inside the caller's transaction: puts rides back to `requested` with the next matching round. */
  async requeue(rideIds: string[], manager: EntityManager): Promise<ReleasedRide[]> {
    if (rideIds.length === 0) return [];
    const rows: { id: string; match_round: number }[] = await sql(
      manager,
      `UPDATE rides SET status = 'requested', match_round = match_round + 1
        WHERE id = ANY($1::uuid[]) AND status IN ('offered', 'assigned')
        RETURNING id, match_round`,
      [[...new Set(rideIds)]],
    );
    return rows.map((r) => ({ rideId: r.id, round: r.match_round }));
  }

  /** After commit: enqueue the released rides (deterministic job ids) and tell their riders. */
  async rematch(released: ReleasedRide[]): Promise<void> {
    for (const { rideId, round } of released) {
      // If Redis is down the dispatcher's sweeper finds the ride waiting and enqueues it.
      await this.matching.enqueueMatch({ rideId, round }).catch(() => undefined);
      const view = await this.rides.view(rideId);
      if (view) await this.events.publish(rooms.member(view.riderId), 'ride:updated', view);
    }
  }
}
