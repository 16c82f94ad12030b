import { Inject, Injectable } from '@nestjs/common';
import { rooms, type OverrideResult } from '@navette/contracts';
import { lockRides, releaseHolds, withTransaction } from '@navette/sql';
import { DataSource } from 'typeorm';
import type { AuthMember } from '../auth/auth-member.js';
import { AppError, notFound } from '../common/app-error.js';
import { ReleaseService } from '../dispatch/release.service.js';
import { OutboundEventsPublisher } from '../redis/outbound-events.publisher.js';
import { RideRepository } from '../rides/ride.repository.js';
import { OverrideRepository } from './override.repository.js';

/**
 * A coordinator's hand on dispatch, inside their territories, each with a reason in the audit log:
 * withdraw a pending offer, or release a driver (their pending offer and the rides they go to fetch;
 * refused while a rider is aboard). The rides go back to matching at once, keeping their
 * `requested_at` and so their place in the queue; the engine does not ask the same driver again.
 */
@Injectable()
export class OverridesService {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(OverrideRepository) private readonly overrides: OverrideRepository,
    @Inject(ReleaseService) private readonly release: ReleaseService,
    @Inject(RideRepository) private readonly rides: RideRepository,
    @Inject(OutboundEventsPublisher) private readonly events: OutboundEventsPublisher,
  ) {}

  async withdrawOffer(
    caller: AuthMember,
    territoryId: string,
    offerId: string,
    reason: string,
  ): Promise<OverrideResult> {
    const offer = await this.overrides.offerInScope(territoryId, caller.id, caller.role === 'admin', offerId);
    if (!offer) throw notFound('offer');
    const released = await withTransaction(this.db, async (manager) => {
      await lockRides(manager, [offer.ride_id]);
      if (!(await this.overrides.withdrawOffer(manager, offerId)))
        throw new AppError('OFFER_NOT_PENDING', 'this offer is no longer pending');
      await releaseHolds(manager, [offerId]);
      await this.overrides.record(manager, {
        subjectId: offer.driver_id,
        decidedBy: caller.id,
        decision: 'withdraw-offer',
        territoryId: offer.territory_id,
        rideId: offer.ride_id,
        reason: reason.trim(),
      });
      return this.release.requeue([offer.ride_id], manager);
    });
    await this.events.publish(rooms.driver(offer.driver_id), 'offer:expired', { offerId });
    await this.release.rematch(released);
    return { releasedRideIds: released.map((r) => r.rideId) };
  }

  async releaseDriver(
    caller: AuthMember,
    territoryId: string,
    driverId: string,
    reason: string,
  ): Promise<OverrideResult> {
    const shiftTerritory = await this.overrides.shiftInScope(
      territoryId,
      caller.id,
      caller.role === 'admin',
      driverId,
    );
    if (!shiftTerritory) throw notFound('driver on shift');
    const { released, offers } = await withTransaction(this.db, async (manager) => {
      const offers = await this.overrides.pendingOffersOf(manager, driverId);
      const released = await this.release.releaseDriver(driverId, manager);
      await this.overrides.record(manager, {
        subjectId: driverId,
        decidedBy: caller.id,
        decision: 'release-driver',
        territoryId: shiftTerritory,
        rideId: null,
        reason: reason.trim(),
      });
      return { released, offers };
    });
    for (const offerId of offers)
      await this.events.publish(rooms.driver(driverId), 'offer:expired', { offerId });
    for (const { rideId } of released) {
      const view = await this.rides.view(rideId);
      if (view) await this.events.publish(rooms.driver(driverId), 'ride:updated', view);
    }
    await this.release.rematch(released);
    return { releasedRideIds: released.map((r) => r.rideId) };
  }
}
