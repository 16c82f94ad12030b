import { rooms, type MatchRideJob, type OfferView } from '@navette/contracts';
import {
  assignBatch,
  nearest,
  type Explanation,
  type Point,
  type ScoringHooks,
  type TripRequest,
  type Vehicle,
} from '@navette/matching';
import { sql, withTransaction } from '@navette/sql';
import type { DataSource, EntityManager } from 'typeorm';
import type { MatchingScheduler } from '../matching-scheduler.js';
import { insertOffer } from '../offer-writer.js';
import type { OutboundEvents } from '../outbound-events.js';
import { detourOf, stopPositions } from './detour.js';
import type { TravelModel } from '../travel-model.js';
import {
  FleetSnapshotRepository,
  type FleetVehicleRow,
  type WaitingRideRow,
} from './fleet-snapshot.repository.js';
import {
  communityHooks,
  MAX_TRUST_SEARCH,
  type DriverFacts,
  type RideFacts,
} from '../rules/community-hooks.js';
import { reachOf } from '../rules/reach.js';
import { oneOfferPerDriver } from './one-offer-per-driver.js';
import { RuleFactsRepository, type DriverRuleRow } from './rule-facts.repository.js';
import { toRequest, toVehicle } from './to-core.js';
import type { TrustCache } from './trust-cache.js';

/** What one batch did. Expected outcomes are results, not exceptions. */
export type BatchOutcome =
  | { kind: 'stale' }
  | {
      kind: 'batch';
      offered: number;
      waiting: number;
      unserved: number;
      rides: number;
      vehicles: number;
      /** For each ride offered: seconds since its request (or booked pickup time), for the metrics. */
      offeredWaitSeconds: number[];
      /** Rides offered after being re-planned in the batch (the engine had pooled them onto a driver offered another). */
      replanned: number;
      /** Rides sent back to matching, by the stage stored as their reason. */
      sentBack: Record<string, number>;
    };

export interface BatchLimits {
  /** Most rides decided in one batch. Default 200. */
  maxRides: number;
  /** Time given to improving the routes not yet driven after each batch, milliseconds. Default 50. */
  improveMs: number;
  /** Fairness priorities (waiting, worse-served zones, driver load). Default on. */
  fairness: boolean;
  /** Only this many drivers nearest to a pickup (straight line) are evaluated for it. Default 40. */
  candidatesPerRide: number;
}

/**
 * Matches every ride waiting in the trigger ride's zone at once, with the pooling engine: rides that
 * arrived within the batching window are assigned jointly (exact assignment over insertion costs,
 * then repair), into the routes drivers already follow. One transaction holds the zone's advisory
 * lock and the rides' row locks; a job that runs twice, or a stale round, changes nothing.
 */
export class MatchBatchHandler {
  private readonly fleet = new FleetSnapshotRepository();
  private readonly facts = new RuleFactsRepository();

  constructor(
    private readonly db: DataSource,
    private readonly scheduler: MatchingScheduler,
    private readonly events: OutboundEvents,
    private readonly travelModel: TravelModel,
    private readonly trust: TrustCache,
    private readonly limits: BatchLimits = {
      maxRides: 200,
      improveMs: 50,
      fairness: true,
      candidatesPerRide: 40,
    },
  ) {}

  async handle(job: MatchRideJob): Promise<BatchOutcome> {
    // Zone, then rides (SKIP LOCKED), then offers and holds: the lock order of @navette/sql. A batch
    // that loses a deadlock (two zones' batches holding drivers' trips) runs again from the start.
    const result = await withTransaction(this.db, async (manager) => {
      const zoneId = await this.fleet.zoneOf(job.rideId, manager);
      if (!zoneId) return undefined;
      await this.fleet.lockZone(zoneId, manager);
      const trigger: { status: string; match_round: number }[] = await manager.query(
        `SELECT status, match_round FROM rides WHERE id = $1`,
        [job.rideId],
      );
      if (trigger[0]?.status !== 'requested' || trigger[0].match_round !== job.round) return undefined;

      const waiting = await this.fleet.lockWaitingRides(zoneId, this.limits.maxRides, manager);
      const vehicles = await this.fleet.freeVehicles(zoneId, manager);
      const asked = await this.fleet.askedPairs(
        waiting.map((r) => r.id),
        manager,
      );
      const rules = await this.ruleInputs(waiting, vehicles, manager);
      const nowSeconds = Date.now() / 1000;
      const requests = waiting.map(toRequest);
      const fleet = vehicles.map((v) => toVehicle(v, nowSeconds));
      const points: Point[] = [
        ...fleet.map((v) => v.at),
        ...[
          ...requests,
          ...fleet.flatMap((v) => [...(v.assigned ?? []), ...(v.aboard ?? []).map((a) => a.request)]),
        ].flatMap((r) => [r.pickup, r.dropoff]),
      ];
      const travel = await this.travelModel(points);
      const hooks = communityHooks({ ...rules, askedPairs: asked, fairness: this.limits.fairness });
      // One pending offer per driver: rides the engine pools onto a driver already offered one in
      // this batch are decided again at once against the drivers left (ADR 0029).
      const placements = oneOfferPerDriver(requests, fleet, (batchRequests, batchVehicles, pass) =>
        assignBatch(
          {
            requests: batchRequests,
            vehicles: batchVehicles,
            travel,
            now: nowSeconds,
            hooks: withinNearest(hooks, batchRequests, batchVehicles, this.limits.candidatesPerRide),
          },
          // Routes not yet driven are improved again; committed rides stay with their drivers. The
          // passes that follow only place the rides left over, on vehicles nobody else took.
          pass === 0
            ? {
                improve: {
                  seed: 1,
                  iterations: 200,
                  timeLimitMs: this.limits.improveMs,
                  clock: () => performance.now(),
                },
              }
            : {},
        ),
      );

      const byVehicle = new Map(vehicles.map((v) => [v.driverId, v]));
      const offered: {
        offer: OfferView;
        driverId: string;
        riderId: string;
        waitedSeconds: number;
        pass: number;
      }[] = [];
      const offeredDrivers = new Set<string>();
      // Rides left without an offer this batch, each with why (shown to coordinators).
      const left: { ride: WaitingRideRow; why: object }[] = [];
      for (const [index, ride] of waiting.entries()) {
        const { explanation, vehicleId, stops, pass } = placements[index]!;
        const vehicle = vehicleId === undefined ? undefined : byVehicle.get(vehicleId);
        if (!vehicle || offeredDrivers.has(vehicle.driverId)) {
          // Planned onto a driver another ride of this batch took, with no other driver left.
          const why = publicExplanation(explanation);
          left.push({
            ride,
            why: explanation.vehicleId ? { ...why, stage: 'no-driver-left-in-batch' } : why,
          });
          continue;
        }
        const plannedStops = plannedStopsFor(stops, vehicle, ride.id);
        const offer = await insertOffer(
          {
            rideId: ride.id,
            driverId: vehicle.driverId,
            shiftId: vehicle.shiftId,
            tripId: vehicle.tripId,
            approachMeters: Math.round(travel.meters(vehicle.position, ride.pickup)),
            offerTimeoutSeconds: ride.offerTimeoutSeconds,
            plannedStops,
            detour: detourOf(
              vehicle.position,
              plannedStops,
              ride.id,
              stopPositions([...vehicle.committed, ride]),
              travel,
            ),
            explanation: publicExplanation(explanation),
            reach:
              reachOf(
                rules.rides.get(ride.id)!.chain,
                rules.drivers.get(vehicle.driverId)!.territories,
                ride.waitedSeconds,
                rules.lending,
              ) ?? 'local',
            driverTerritoryId: rules.driverTerritory.get(vehicle.driverId) ?? null,
          },
          manager,
        );
        if (!offer) {
          left.push({ ride, why: { ...publicExplanation(explanation), stage: 'driver-taken-meanwhile' } });
          continue;
        }
        offeredDrivers.add(vehicle.driverId);
        await sql(manager, `UPDATE rides SET status = 'offered' WHERE id = $1`, [ride.id]);
        offered.push({
          offer,
          driverId: vehicle.driverId,
          riderId: ride.riderId,
          waitedSeconds: ride.waitedSeconds,
          pass,
        });
      }

      if (left.length) {
        await sql(
          manager,
          `UPDATE rides r SET unmatched_explanation = x.why, unmatched_at = now()
             FROM unnest($1::uuid[], $2::jsonb[]) AS x(id, why) WHERE r.id = x.id RETURNING r.id`,
          [left.map((l) => l.ride.id), left.map((l) => JSON.stringify(l.why))],
        );
      }
      const unserved = left.map((l) => l.ride).filter((r) => r.waitedSeconds >= r.maxWaitSeconds);
      const retry = left.map((l) => l.ride).filter((r) => r.waitedSeconds < r.maxWaitSeconds);
      const sentBack: Record<string, number> = {};
      for (const { ride, why } of left) {
        if (ride.waitedSeconds >= ride.maxWaitSeconds) continue;
        const stage = (why as { stage: string }).stage;
        sentBack[stage] = (sentBack[stage] ?? 0) + 1;
      }
      if (unserved.length) {
        await sql(manager, `UPDATE rides SET status = 'unserved' WHERE id = ANY($1::uuid[])`, [
          unserved.map((r) => r.id),
        ]);
      }
      const retried: { id: string; match_round: number }[] = retry.length
        ? await sql(
            manager,
            `UPDATE rides SET match_round = match_round + 1 WHERE id = ANY($1::uuid[]) RETURNING id, match_round`,
            [retry.map((r) => r.id)],
          )
        : [];
      return { offered, unserved, retried, sentBack, rides: waiting.length, vehicles: vehicles.length };
    });
    if (!result) return { kind: 'stale' };

    // After commit. Should the process die here, the sweeper expires the offers or re-enqueues the rides.
    for (const { offer, driverId, riderId } of result.offered) {
      await this.scheduler.scheduleExpiry(offer);
      await this.events.publish(rooms.driver(driverId), 'offer:received', offer);
      await this.events.rideChanged(riderId, offer.rideId);
    }
    for (const ride of result.unserved) await this.events.rideChanged(ride.riderId, ride.id);
    for (const ride of result.retried) {
      await this.scheduler.scheduleMatch({ rideId: ride.id, round: ride.match_round }, 'retry');
    }
    return {
      kind: 'batch',
      offered: result.offered.length,
      waiting: result.retried.length,
      unserved: result.unserved.length,
      rides: result.rides,
      vehicles: result.vehicles,
      offeredWaitSeconds: result.offered.map((o) => o.waitedSeconds),
      replanned: result.offered.filter((o) => o.pass > 0).length,
      sentBack: result.sentBack,
    };
  }

  /** What the community rules need, read in a few set queries, and the trust distances of the batch. */
  private async ruleInputs(waiting: WaitingRideRow[], vehicles: FleetVehicleRow[], manager: EntityManager) {
    const driverIds = vehicles.map((v) => v.driverId);
    // One after the other: they share the batch's transaction, and a pg client runs one query at a
    // time (queueing several on it is deprecated and will fail in pg 9).
    const graph = await this.trust.current();
    const rideRows = await this.facts.rides(
      waiting.map((r) => r.id),
      manager,
    );
    const driverRows = await this.facts.drivers(driverIds, manager);
    const blockedPairs = await this.facts.blockedPairs(
      [...waiting.map((r) => r.riderId), ...driverIds],
      manager,
    );
    const lending = await this.facts.lending(manager);
    const rides = new Map<string, RideFacts>();
    const ruleOf = new Map(rideRows.map((r) => [r.id, r]));
    for (const ride of waiting) {
      const rule = ruleOf.get(ride.id);
      if (!rule) continue;
      rides.set(ride.id, {
        riderId: ride.riderId,
        chain: rule.chain,
        waitedSeconds: ride.waitedSeconds,
        maxWaitSeconds: ride.maxWaitSeconds,
        maxTrustDistance: rule.maxTrustDistance,
        noPooling: rule.noPooling,
        zoneServiceRate: rule.zoneServiceRate,
      });
    }
    const totalTrips = driverRows.reduce((sum, d) => sum + d.tripsThisWeek, 0);
    const totalHours = driverRows.reduce((sum, d) => sum + d.declaredHoursPerWeek, 0);
    const carrying = new Set(vehicles.filter((v) => v.committed.length > 0).map((v) => v.driverId));
    const drivers = new Map<string, DriverFacts>();
    const driverTerritory = new Map<string, string>();
    for (const d of driverRows) {
      drivers.set(d.driverId, {
        territories: new Set(d.territories),
        maxTrustDistance: d.maxTrustDistance,
        loadShare: totalTrips > 0 ? d.tripsThisWeek / totalTrips : 0,
        availabilityShare: totalHours > 0 ? d.declaredHoursPerWeek / totalHours : 1 / driverRows.length,
        unavailable: unavailability(d),
        carrying: carrying.has(d.driverId),
      });
      if (d.territories[0]) driverTerritory.set(d.driverId, d.territories[0]);
    }
    const distances = new Map<string, Map<string, number>>();
    for (const riderId of new Set(waiting.map((r) => r.riderId))) {
      distances.set(riderId, graph.distancesFrom(riderId, driverIds, MAX_TRUST_SEARCH));
    }
    return {
      rides,
      drivers,
      driverTerritory,
      blockedPairs,
      lending,
      trust: (riderId: string, driverId: string) => distances.get(riderId)?.get(driverId),
    };
  }
}

/** The stops the driver will follow: their committed rides and the offered one, in the engine's order. */
export function plannedStopsFor(
  stops: readonly { requestId: string; type: 'pickup' | 'dropoff' }[],
  vehicle: FleetVehicleRow,
  rideId: string,
): { requestId: string; type: 'pickup' | 'dropoff' }[] {
  const keep = new Set([rideId, ...vehicle.committed.map((r) => r.id)]);
  return stops.filter((s) => keep.has(s.requestId)).map((s) => ({ requestId: s.requestId, type: s.type }));
}

/** The explanation as stored and shown to coordinators: terms and reasons, no internal indices. */
function publicExplanation(explanation: Explanation) {
  return {
    stage: explanation.stage,
    terms: explanation.terms,
    total: explanation.total,
    others: explanation.others.slice(0, 10),
    ...(explanation.waitingFor ? { waitingFor: explanation.waitingFor } : {}),
  };
}

/** Why a volunteer may not be asked now, or null. Suspension is a coordinator's decision, never automatic. */
function unavailability(driver: DriverRuleRow): string | null {
  if (driver.standing === 'suspended') return 'suspended';
  if (driver.weeklyTripLimit !== null && driver.tripsThisWeek >= driver.weeklyTripLimit)
    return 'weekly-limit';
  if (driver.inQuietHours) return 'quiet-hours';
  if (driver.resting) return 'resting';
  return null;
}

/**
 * The spatial prefilter: a ride is evaluated only against the `k` drivers nearest its pickup, so a
 * batch costs rides × k insertions, not rides × fleet.
 */
function withinNearest(
  hooks: ScoringHooks,
  requests: readonly TripRequest[],
  fleet: readonly Vehicle[],
  k: number,
): ScoringHooks {
  if (fleet.length <= k) return hooks;
  const near = new Map(requests.map((r) => [r.id, new Set(nearest(fleet, r.pickup, k).map((v) => v.id))]));
  return {
    ...hooks,
    exclude: (request, vehicle) =>
      near.get(request.id)?.has(vehicle.id) === false
        ? 'not-among-nearest'
        : (hooks.exclude?.(request, vehicle) ?? false),
  };
}
