import { Inject, Injectable } from '@nestjs/common';
import { rooms } from '@navette/contracts';
import { endTripIfIdle, lockRides, releaseHolds, sql } from '@navette/sql';
import type { EntityManager } from 'typeorm';
import { AppError } from '../common/app-error.js';
import { MatchingQueueService } from '../redis/matching-queue.service.js';
import { OutboundEventsPublisher } from '../redis/outbound-events.publisher.js';
import { RideRepository } from '../rides/ride.repository.js';
import { withdrawTakeovers } from './takeover.js';

export interface ReleasedRide {
  rideId: string;
  round: number;
  /** Takeover offers of the ride withdrawn with its release (ADR 0041), to tell their drivers. */
  withdrawn?: { id: string; driver_id: string }[];
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

  /**
   * Inside the caller's transaction: withdraws the driver's pending offer and unassigns the rides
   * they go to fetch; refuses while a rider is aboard. The driver's rides are locked first (the
   * lock order of @navette/sql) — read, locked, and read again in case a batch offered the driver
   * another ride in between — so a pickup marked at the same moment is either seen or waits.
   */
  async releaseDriver(driverId: string, manager: EntityManager): Promise<ReleasedRide[]> {
    const locked = new Set<string>();
    for (let round = 0; round < 3; round++) {
      const rides = (await this.ridesHeldBy(driverId, manager)).filter((id) => !locked.has(id));
      if (rides.length === 0) break;
      for (const id of await lockRides(manager, rides)) locked.add(id);
    }
    const aboard: { id: string }[] = await manager.query(
      `SELECT id FROM rides WHERE id = ANY($1::uuid[]) AND status = 'picked_up'`,
      [[...locked]],
    );
    if (aboard.length > 0) throw new AppError('CONFLICT', 'drop off your riders before ending the shift');
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
    const trips: { id: string }[] = await manager.query(
      `SELECT id FROM trips WHERE driver_id = $1 AND status = 'active' ORDER BY id`,
      [driverId],
    );
    for (const trip of trips) await endTripIfIdle(manager, trip.id, 'cancelled');
    // Another driver's offer to take over a ride released here can no longer be accepted.
    const withdrawn = await withdrawTakeovers(
      manager,
      assigned.map((r) => r.ride_id),
    );
    const released = await this.requeue(
      [...offered, ...assigned].map((r) => r.ride_id),
      manager,
    );
    return released.map((r) => ({ ...r, withdrawn: withdrawn.filter((o) => o.ride_id === r.rideId) }));
  }

  /** The rides a driver is offered, goes to fetch or carries, read without locks. */
  private async ridesHeldBy(driverId: string, manager: EntityManager): Promise<string[]> {
    const rows: { ride_id: string }[] = await manager.query(
      `SELECT ride_id FROM offers WHERE driver_id = $1 AND status = 'pending'
       UNION
       SELECT a.ride_id FROM assignments a JOIN trips t ON t.id = a.trip_id
        WHERE t.driver_id = $1 AND a.status = 'active'`,
      [driverId],
    );
    return rows.map((r) => r.ride_id);
  }

  /**
   * Inside the caller's transaction: puts rides back to `requested` with the next matching round.
   * A ride still assigned to a driver stays theirs: a takeover offer declined, withdrawn or whose
   * driver left leaves the ride with its first driver (ADR 0041).
   */
  async requeue(rideIds: string[], manager: EntityManager): Promise<ReleasedRide[]> {
    if (rideIds.length === 0) return [];
    const rows: { id: string; match_round: number }[] = await sql(
      manager,
      `UPDATE rides SET status = 'requested', match_round = match_round + 1
        WHERE id = ANY($1::uuid[]) AND status IN ('offered', 'assigned')
          AND NOT EXISTS (SELECT 1 FROM assignments a WHERE a.ride_id = rides.id AND a.status = 'active')
        RETURNING id, match_round`,
      [[...new Set(rideIds)]],
    );
    return rows.map((r) => ({ rideId: r.id, round: r.match_round }));
  }

  /** After commit: enqueue the released rides (deterministic job ids) and tell their riders. */
  async rematch(released: ReleasedRide[]): Promise<void> {
    for (const { rideId, round, withdrawn } of released) {
      for (const offer of withdrawn ?? [])
        await this.events.publish(rooms.driver(offer.driver_id), 'offer:expired', { offerId: offer.id });
      // If Redis is down the dispatcher's sweeper finds the ride waiting and enqueues it.
      await this.matching.enqueueMatch({ rideId, round }).catch(() => undefined);
      const view = await this.rides.view(rideId);
      if (view) await this.events.publish(rooms.member(view.riderId), 'ride:updated', view);
    }
  }
}
