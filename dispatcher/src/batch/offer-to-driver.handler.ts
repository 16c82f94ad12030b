import { rooms, type OfferToDriverJob, type OfferToDriverResult, type OfferView } from '@navette/contracts';
import { insertRequest } from '@navette/matching';
import { driverAvailability, sql, withTransaction } from '@navette/sql';
import type { DataSource, EntityManager } from 'typeorm';
import type { MatchingScheduler } from '../matching-scheduler.js';
import { insertOffer } from '../offer-writer.js';
import type { OutboundEvents } from '../outbound-events.js';
import type { TravelModel } from '../travel-model.js';
import { FleetSnapshotRepository } from './fleet-snapshot.repository.js';
import { offerOnRoute, plannedStopsFor } from './offer-on-route.js';
import { batchPoints, toRequest, toVehicle } from './to-core.js';

/**
 * A coordinator's manual offer (ADR 0021): one waiting ride into one chosen driver's route, checked
 * by the matching core's own insertion (`insertRequest`: capacity, time windows, detour, shift end)
 * on the same snapshot a batch reads, under the zone's lock. Feasible: the offer is written as a
 * batch writes it, the override logged with its reason. Not: the engine's reason, nothing written.
 * Community preferences (trust distance, fairness) are the coordinator's to override; a pair block
 * or an earlier offer of the same ride to the same driver is not.
 */
export class OfferToDriverHandler {
  private readonly fleet = new FleetSnapshotRepository();

  constructor(
    private readonly db: DataSource,
    private readonly scheduler: MatchingScheduler,
    private readonly events: OutboundEvents,
    private readonly travelModel: TravelModel,
  ) {}

  async handle(job: OfferToDriverJob): Promise<OfferToDriverResult> {
    const result = await withTransaction(this.db, (manager) => this.offer(job, manager));
    if ('refused' in result) return result;
    await this.scheduler.scheduleExpiry(result.offer);
    await this.events.publish(rooms.driver(job.driverId), 'offer:received', result.offer);
    await this.events.rideChanged(result.riderId, job.rideId);
    return { offerId: result.offer.id };
  }

  private async offer(
    job: OfferToDriverJob,
    manager: EntityManager,
  ): Promise<{ refused: string } | { offer: OfferView; riderId: string }> {
    const zoneId = await this.fleet.zoneOf(job.rideId, manager);
    if (!zoneId) return { refused: 'ride-not-waiting' };
    await this.fleet.lockZone(zoneId, manager);
    // This ride and this driver only: the zone's other waiting rides stay free for its batches.
    const [ride] = await this.fleet.waitingRides(zoneId, 1, manager, { lock: true, only: [job.rideId] });
    if (!ride) return { refused: 'ride-not-waiting' };
    const [row] = await this.fleet.freeVehicles(zoneId, manager, [job.driverId]);
    if (!row) return { refused: await this.whyUnavailable(job.driverId, manager) };
    if ((await this.fleet.askedPairs([ride.id], manager)).has(`${ride.id}|${job.driverId}`))
      return { refused: 'asked-before' };
    const blocked = await sql(
      manager,
      `SELECT 1 FROM pair_blocks WHERE cleared_at IS NULL
          AND ((member_id = $1 AND counterpart_id = $2) OR (member_id = $2 AND counterpart_id = $1))`,
      [ride.riderId, job.driverId],
    );
    if (blocked.length > 0) return { refused: 'pair-blocked' };

    const nowSeconds = Date.now() / 1000;
    const request = toRequest(ride);
    const vehicle = toVehicle(row, nowSeconds);
    const travel = await this.travelModel(batchPoints([request], [vehicle]));
    const decision = insertRequest({ requests: [request], vehicles: [vehicle], travel, now: nowSeconds });
    const explanation = decision.explanations[0]!;
    if (explanation.vehicleId === undefined)
      return { refused: explanation.others[0]?.reason ?? 'infeasible' };
    const plannedStops = plannedStopsFor(decision.routes[0]?.stops ?? [], row, ride.id);
    const offer = await insertOffer(
      {
        ...offerOnRoute(ride, row, plannedStops, travel),
        explanation: { stage: 'manual', terms: explanation.terms, total: explanation.total, others: [] },
        reach: 'local',
        driverTerritoryId: null,
      },
      manager,
    );
    if (!offer) return { refused: 'driver-taken-meanwhile' };
    await sql(manager, `UPDATE rides SET status = 'offered' WHERE id = $1`, [ride.id]);
    await sql(
      manager,
      `INSERT INTO moderation_decisions (subject_id, decided_by, decision, reason, territory_id, ride_id)
       SELECT $1, $2, 'offer-ride', $3, r.territory_id, r.id FROM rides r WHERE r.id = $4`,
      [job.driverId, job.coordinatorId, job.reason, ride.id],
    );
    return { offer, riderId: ride.riderId };
  }

  /** Why a driver is not among those who can take an offer now. */
  private async whyUnavailable(driverId: string, manager: EntityManager): Promise<string> {
    const availability = (await driverAvailability(manager, [driverId])).get(driverId);
    if (!availability) return 'not-on-shift';
    if (availability.state === 'paused') return availability.reason;
    return 'busy';
  }
}
