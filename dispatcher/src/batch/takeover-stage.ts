import { rooms } from '@navette/contracts';
import type { TravelTimes } from '@navette/matching';
import { lockRides, withTransaction } from '@navette/sql';
import type { DataSource, EntityManager } from 'typeorm';
import type { MatchingScheduler } from '../matching-scheduler.js';
import { insertOffers, type OfferToWrite } from '../offer-writer.js';
import type { OutboundEvents } from '../outbound-events.js';
import type { TravelModel } from '../travel-model.js';
import { communityHooks } from '../rules/community-hooks.js';
import { reachOf } from '../rules/reach.js';
import {
  FleetSnapshotRepository,
  type FleetVehicleRow,
  type WaitingRideRow,
} from './fleet-snapshot.repository.js';
import type { MatchBatchHandler } from './match-batch.handler.js';
import { offerOnRoute } from './offer-on-route.js';
import { publicExplanation } from './public-explanation.js';
import { sameCommitments } from './same-commitments.js';
import { decideTakeovers, takeoverCandidates, type Takeover, type TakeoverOptions } from './takeover.js';
import { batchPoints, toRequest, toVehicle } from './to-core.js';
import { withinNearest } from './vehicles-near-rides.js';

/** What the stage read, without a lock, and decided on. */
interface Snapshot {
  promised: { assignmentId: string; rideId: string; driverId: string }[];
  rides: WaitingRideRow[];
  vehicles: FleetVehicleRow[];
  asked: Set<string>;
  rules: Awaited<ReturnType<MatchBatchHandler['ruleInputs']>>;
}

/**
 * After a zone's batch: rides promised to a driver further ahead than `leadSeconds` are decided
 * again by the engine while some driver near them stands idle, and a driver who can be at the
 * pickup sooner is offered to take one over (ADR 0041). The ride stays with its first driver until
 * the second accepts (the API's accept), and stays with them if nobody does.
 *
 * As the batch: the plan on a snapshot read without locks, then a short transaction under the
 * zone's lock that writes only what still holds (the ride still promised on the same assignment,
 * both drivers free with the same commitments). Answers how many takeovers were offered.
 */
export class TakeoverStage {
  private readonly fleet = new FleetSnapshotRepository();
  /** When each zone was last looked at, ms: under load a zone's batches follow each other closely. */
  private readonly lastRun = new Map<string, number>();

  constructor(
    private readonly db: DataSource,
    private readonly batch: Pick<MatchBatchHandler, 'ruleInputs' | 'driversNear'>,
    private readonly scheduler: MatchingScheduler,
    private readonly events: OutboundEvents,
    private readonly travelModel: TravelModel,
    private readonly options: TakeoverOptions & {
      fairness: boolean;
      candidatesPerRide: number;
      /** A zone is looked at at most this often, ms. */
      everyMs: number;
    },
  ) {}

  async run(zoneId: string): Promise<number> {
    const now = Date.now();
    if (now - (this.lastRun.get(zoneId) ?? -Infinity) < this.options.everyMs) return 0;
    this.lastRun.set(zoneId, now);
    const snapshot = await this.snapshot(zoneId);
    if (!snapshot) return 0;
    const { takeovers, travel } = await this.plan(snapshot);
    if (takeovers.length === 0) return 0;
    const offers = await withTransaction(this.db, (manager) =>
      this.commit(zoneId, snapshot, takeovers, travel, manager),
    );
    for (const { offer, driverId } of offers) {
      await this.scheduler.scheduleExpiry(offer);
      await this.events.publish(rooms.driver(driverId), 'offer:received', offer);
    }
    return offers.length;
  }

  /**
   * The zone's promised rides, their drivers and the free drivers nearest their pickups, in one
   * consistent read; undefined when nothing is promised or none of those drivers stands idle.
   */
  private async snapshot(zoneId: string): Promise<Snapshot | undefined> {
    return this.db.transaction('REPEATABLE READ', async (manager) => {
      await manager.query('SET TRANSACTION READ ONLY');
      const promised = await this.fleet.promisedRides(zoneId, manager);
      if (promised.length === 0) return undefined;
      const rides = await this.fleet.waitingRides(zoneId, promised.length, manager, {
        lock: false,
        only: promised.map((p) => p.rideId),
        status: 'assigned',
      });
      // As the batch finds them: from the pools around the pickups when they prove it, else all.
      const { near } = await this.batch.driversNear(zoneId, rides, this.options.candidatesPerRide, manager);
      const ids = new Set([...near.map((d) => d.id), ...promised.map((p) => p.driverId)]);
      const vehicles = await this.fleet.freeVehicles(zoneId, manager, [...ids]);
      if (!vehicles.some((v) => v.committed.length === 0)) return undefined;
      const asked = await this.fleet.askedPairs(
        rides.map((r) => r.id),
        manager,
      );
      // The first driver was asked (and accepted): the engine must still be able to keep the ride there.
      for (const p of promised) asked.delete(`${p.rideId}|${p.driverId}`);
      const rules = await this.batch.ruleInputs(rides, vehicles, manager);
      return { promised, rides, vehicles, asked, rules };
    });
  }

  /** The engine's decision, holding no lock. */
  private async plan({ rides, vehicles, asked, rules }: Snapshot) {
    const nowSeconds = Date.now() / 1000;
    const fleet = vehicles.map((v) => toVehicle(v, nowSeconds));
    const requests = rides.map(toRequest);
    const travel = await this.travelModel(batchPoints(requests, fleet));
    const promisedIds = new Set(rides.map((r) => r.id));
    const candidates = takeoverCandidates(fleet, travel, nowSeconds, this.options).filter((c) =>
      promisedIds.has(c.request.id),
    );
    const hooks = communityHooks({ ...rules, askedPairs: asked, fairness: this.options.fairness });
    const takeovers = decideTakeovers({
      candidates,
      fleet,
      travel,
      nowSeconds,
      hooks: withinNearest(
        hooks,
        candidates.map((c) => c.request),
        fleet,
        this.options.candidatesPerRide,
      ),
      minGainSeconds: this.options.minGainSeconds,
      late: this.options.late,
    });
    return { takeovers, travel };
  }

  /** The short critical section: the zone's lock, then the rides' (the lock order of @navette/sql). */
  private async commit(
    zoneId: string,
    { promised, rides, vehicles, rules }: Snapshot,
    takeovers: readonly Takeover[],
    travel: TravelTimes,
    manager: EntityManager,
  ) {
    await this.fleet.lockZone(zoneId, manager);
    await lockRides(
      manager,
      takeovers.map((t) => t.rideId),
    );
    const assignmentOf = new Map(promised.map((p) => [p.rideId, p.assignmentId]));
    const still: { id: string }[] = await manager.query(
      `SELECT a.id FROM assignments a JOIN rides r ON r.id = a.ride_id
        WHERE a.id = ANY($1::uuid[]) AND a.status = 'active' AND r.status = 'assigned'`,
      [takeovers.map((t) => assignmentOf.get(t.rideId)!)],
    );
    const held = new Set(still.map((a) => a.id));
    const drivers = [...new Set(takeovers.flatMap((t) => [t.from, t.to]))];
    const now = new Map(
      (await this.fleet.freeVehicles(zoneId, manager, drivers)).map((v) => [v.driverId, v]),
    );
    const then = new Map(vehicles.map((v) => [v.driverId, v]));
    const unchanged = (id: string) => now.has(id) && sameCommitments(then.get(id)!, now.get(id)!);
    const rideOf = new Map(rides.map((r) => [r.id, r]));
    const toWrite: OfferToWrite[] = takeovers
      .filter((t) => held.has(assignmentOf.get(t.rideId)!) && unchanged(t.from) && unchanged(t.to))
      .map((t) => {
        const ride = rideOf.get(t.rideId)!;
        const vehicle = then.get(t.to)!;
        const chain = rules.rides.get(ride.id)?.chain;
        const territories = rules.drivers.get(vehicle.driverId)?.territories;
        return {
          ...offerOnRoute(ride, vehicle, t.stops, travel),
          explanation: { ...publicExplanation(t.explanation), stage: 'takeover' },
          reach:
            (chain && territories && reachOf(chain, territories, ride.waitedSeconds, rules.lending)) ||
            'local',
          driverTerritoryId: rules.driverTerritory.get(vehicle.driverId) ?? null,
          takeover: { assignmentId: assignmentOf.get(t.rideId)!, soonerSeconds: t.soonerSeconds },
        };
      });
    const written = await insertOffers(toWrite, manager);
    return toWrite.flatMap((o) => {
      const offer = written.get(o.rideId);
      return offer ? [{ offer, driverId: o.driverId }] : [];
    });
  }
}
