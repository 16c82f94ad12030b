import { rooms, type MatchRideJob, type OfferView } from '@navette/contracts';
import { assignBatch, type Explanation, type Point, type TravelTimes } from '@navette/matching';
import { sql, withTransaction } from '@navette/sql';
import type { DataSource, EntityManager } from 'typeorm';
import type { MatchingScheduler } from '../matching-scheduler.js';
import { insertOffers, type OfferToWrite } from '../offer-writer.js';
import type { OutboundEvents } from '../outbound-events.js';
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
import { oneOfferPerDriver, type RidePlacement } from './one-offer-per-driver.js';
import { RuleFactsRepository, type DriverRuleRow } from './rule-facts.repository.js';
import { batchImprove } from './batch-improve.js';
import { offerOnRoute, plannedStopsFor } from './offer-on-route.js';
import { publicExplanation } from './public-explanation.js';
import { sameCommitments } from './same-commitments.js';
import type { TakeoverOptions } from './takeover.js';
import { TakeoverStage } from './takeover-stage.js';
import { batchPoints, toRequest, toVehicle } from './to-core.js';
import { nearestFromPools } from './nearest-from-pools.js';
import { vehiclesNearRides, withinNearest } from './vehicles-near-rides.js';
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
      /** Rides offered after being re-planned in the batch (the engine had pooled them onto a driver offered another, or the snapshot no longer held). */
      replanned: number;
      /** Rides sent back to matching, by the stage stored as their reason. */
      sentBack: Record<string, number>;
      /**
       * How each snapshot found the drivers near its rides: from the pools around its pickups, or by
       * reading every free driver of the zone (more rides than pools serve, or pools that could not
       * prove their drivers: `driversNear`).
       */
      driverReads: Record<DriverRead, number>;
      /** Rides whose plan no longer held at commit (their driver taken or changed meanwhile), re-planned or sent back. */
      conflicts: number;
      /** The batch took `maxRides` rides: more may wait in the zone. */
      full: boolean;
      /** Promised rides offered to a driver who can be there sooner, after the batch (ADR 0041). */
      takeovers: number;
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
  /** Plans made in all when the drivers chosen are taken meanwhile (ADR 0031). Default 3. */
  planAttempts?: number;
  /**
   * After a batch, drivers who can be at promised pickups sooner are offered them (ADR 0041), each
   * zone looked at most every `everyMs`. Default off.
   */
  takeover?: TakeoverOptions & { everyMs: number };
}

/** How a snapshot found the drivers near its rides (`driversNear`). */
export type DriverRead = 'around' | 'all';

/** Each pickup's pool of nearest drivers, in multiples of the k nearest kept (`driversNear`). */
const POOL_PER_K = 5;
/** Pools are read while the batch's rides × pool size stay within this; else every free driver. */
const MAX_POOL_ROWS = 2_400;

/** What a batch read, without a lock, and planned on. */
interface Snapshot {
  waiting: WaitingRideRow[];
  /** Free drivers the batch looked at: the zone's, or those near its rides (`driversNear`). */
  free: number;
  /** How the drivers near the rides were found; none were read when no ride waits. */
  read?: DriverRead;
  /** The free drivers near some waiting ride: the only ones the engine is given (ADR 0037). */
  vehicles: FleetVehicleRow[];
  asked: Set<string>;
  rules: Awaited<ReturnType<MatchBatchHandler['ruleInputs']>>;
}

/** A plan on a snapshot: a placement per waiting ride, in the snapshot's order. */
interface Plan {
  placements: RidePlacement[];
  travel: TravelTimes;
}

interface Offered {
  offer: OfferView;
  driverId: string;
  riderId: string;
  waitedSeconds: number;
  pass: number;
}

/** What one commit wrote, and the rides whose plan no longer held (to plan again). */
interface Commit {
  offered: Offered[];
  unserved: WaitingRideRow[];
  retried: { id: string; match_round: number }[];
  sentBack: Record<string, number>;
  conflicted: string[];
}

/**
 * Matches every ride waiting in a zone at once, with the pooling engine: rides that arrived within
 * the batching window are assigned jointly (exact assignment over insertion costs, then repair),
 * into the routes drivers already follow.
 *
 * The planning runs on a snapshot read without any lock; then one short transaction takes the
 * zone's advisory lock and the rides' row locks, checks that the snapshot still holds (each ride
 * still `requested` at the round read, each chosen driver still free with the same trip, route and
 * committed rides) and writes the offers. Rides whose driver no longer holds are planned again on a
 * new snapshot (`planAttempts` in all), then sent back. A job that runs twice, or a stale round,
 * changes nothing (ADR 0006, 0031).
 */
export class MatchBatchHandler {
  private readonly fleet = new FleetSnapshotRepository();
  private readonly facts = new RuleFactsRepository();
  private readonly takeovers: TakeoverStage | undefined;

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
  ) {
    this.takeovers = limits.takeover
      ? new TakeoverStage(db, this, scheduler, events, travelModel, {
          ...limits.takeover,
          fairness: limits.fairness,
          candidatesPerRide: limits.candidatesPerRide,
        })
      : undefined;
  }

  /**
   * The zone to batch for a `match-ride` job, or undefined when the job is stale (the ride no
   * longer waits at that round) or the ride lies in no zone. Reads, locks nothing.
   */
  async zoneToBatch(job: MatchRideJob): Promise<string | undefined> {
    const trigger: { status: string; match_round: number }[] = await this.db.query(
      `SELECT status, match_round FROM rides WHERE id = $1`,
      [job.rideId],
    );
    if (trigger[0]?.status !== 'requested' || trigger[0].match_round !== job.round) return undefined;
    return this.fleet.zoneOf(job.rideId, this.db.manager);
  }

  /** One batch for a ride's job: stale (nothing written) unless the ride still waits at that round when the batch commits. */
  async handle(job: MatchRideJob): Promise<BatchOutcome> {
    const zoneId = await this.zoneToBatch(job);
    if (!zoneId) return { kind: 'stale' };
    return this.batch(zoneId, job);
  }

  /** One batch of whatever waits in the zone (the `match-zone` job). */
  async batchZone(zoneId: string): Promise<BatchOutcome> {
    return this.batch(zoneId, undefined);
  }

  private async batch(zoneId: string, trigger: MatchRideJob | undefined): Promise<BatchOutcome> {
    const attempts = Math.max(1, this.limits.planAttempts ?? 3);
    const outcome: Extract<BatchOutcome, { kind: 'batch' }> = {
      kind: 'batch',
      offered: 0,
      waiting: 0,
      unserved: 0,
      rides: 0,
      vehicles: 0,
      offeredWaitSeconds: [],
      replanned: 0,
      sentBack: {},
      driverReads: { around: 0, all: 0 },
      conflicts: 0,
      full: false,
      takeovers: 0,
    };
    let only: string[] | undefined;
    for (let attempt = 0; attempt < attempts; attempt++) {
      const snapshot = await this.snapshot(zoneId, only);
      if (snapshot.read) outcome.driverReads[snapshot.read]++;
      if (attempt === 0) {
        outcome.rides = snapshot.waiting.length;
        outcome.vehicles = snapshot.free;
        outcome.full = snapshot.waiting.length >= this.limits.maxRides;
      }
      if (snapshot.waiting.length === 0 && !(attempt === 0 && trigger)) break;
      const plan = await this.plan(snapshot);
      const last = attempt === attempts - 1;
      const committed = await withTransaction(this.db, (manager) =>
        this.commit(zoneId, snapshot, plan, attempt === 0 ? trigger : undefined, last, manager),
      );
      if (!committed) return { kind: 'stale' };
      await this.announce(committed);
      outcome.offered += committed.offered.length;
      outcome.waiting += committed.retried.length;
      outcome.unserved += committed.unserved.length;
      outcome.offeredWaitSeconds.push(...committed.offered.map((o) => o.waitedSeconds));
      outcome.replanned += committed.offered.filter((o) => o.pass > 0 || attempt > 0).length;
      outcome.conflicts += committed.conflicted.length;
      for (const [stage, rides] of Object.entries(committed.sentBack))
        outcome.sentBack[stage] = (outcome.sentBack[stage] ?? 0) + rides;
      if (committed.conflicted.length === 0) break;
      only = committed.conflicted;
    }
    if (this.takeovers) outcome.takeovers = await this.takeovers.run(zoneId);
    return outcome;
  }

  /**
   * The zone's waiting rides (or `only` these), its free drivers near them and the rules' facts on
   * those, read in one REPEATABLE READ transaction (one consistent view) that locks nothing.
   */
  private async snapshot(zoneId: string, only: string[] | undefined): Promise<Snapshot> {
    return this.db.transaction('REPEATABLE READ', async (manager) => {
      await manager.query('SET TRANSACTION READ ONLY');
      const waiting = await this.fleet.waitingRides(zoneId, this.limits.maxRides, manager, {
        lock: false,
        ...(only ? { only } : {}),
      });
      if (waiting.length === 0) {
        return {
          waiting,
          free: 0,
          vehicles: [],
          asked: new Set<string>(),
          rules: await this.ruleInputs([], [], manager),
        };
      }
      // Only drivers near some ride go to the engine, and only theirs are read in full (trip,
      // committed rides) and the rules' facts: twice the prefilter's k, so that rides decided again
      // in a later pass still find their k nearest among the drivers nobody claimed (ADR 0037).
      const { near, free, read } = await this.driversNear(
        zoneId,
        waiting,
        2 * this.limits.candidatesPerRide,
        manager,
      );
      // In the order `near` lists them (the zone's read order, or the pools' on the path of a few rides).
      const rowOf = new Map(
        (near.length
          ? await this.fleet.freeVehicles(
              zoneId,
              manager,
              near.map((d) => d.id),
            )
          : []
        ).map((row) => [row.driverId, row]),
      );
      const vehicles = near.flatMap((d) => rowOf.get(d.id) ?? []);
      const asked = await this.fleet.askedPairs(
        waiting.map((r) => r.id),
        manager,
      );
      const rules = await this.ruleInputs(waiting, vehicles, manager);
      return { waiting, free, read, vehicles, asked, rules };
    });
  }

  /**
   * The free drivers among the `k` nearest some waiting ride. A few rides: from the drivers nearest
   * each pickup (`driversAround`, the GiST index's order), when those prove it; else, or for many
   * rides, from every free driver of the zone (ADR 0037). `free`: the free drivers looked at.
   */
  async driversNear(
    zoneId: string,
    waiting: readonly WaitingRideRow[],
    k: number,
    manager: EntityManager,
  ): Promise<{ near: { id: string; at: Point }[]; free: number; read: DriverRead }> {
    const pickups = waiting.map((r) => r.pickup);
    if (waiting.length * POOL_PER_K * k <= MAX_POOL_ROWS) {
      const poolSize = POOL_PER_K * k;
      const rows = await this.fleet.driversAround(zoneId, pickups, poolSize, manager);
      const near = nearestFromPools(pickups, rows, poolSize, k);
      if (near) {
        const free = new Set(rows.filter((d) => d.free).map((d) => d.driverId)).size;
        return { near, free, read: 'around' };
      }
    }
    const free = await this.fleet.freeDriverPositions(zoneId, manager);
    const all = free.map((d) => ({ id: d.driverId, at: d.position }));
    return { near: vehiclesNearRides(all, waiting, k), free: free.length, read: 'all' };
  }

  /** The engine's decision on a snapshot, holding no lock (it may take hundreds of milliseconds). */
  private async plan({ waiting, vehicles, asked, rules }: Snapshot): Promise<Plan> {
    const nowSeconds = Date.now() / 1000;
    const requests = waiting.map(toRequest);
    const k = this.limits.candidatesPerRide;
    const fleet = vehicles.map((v) => toVehicle(v, nowSeconds));
    const travel = await this.travelModel(batchPoints(requests, fleet));
    const hooks = communityHooks({ ...rules, askedPairs: asked, fairness: this.limits.fairness });
    // One pending offer per driver: rides the engine pools onto a driver already offered one in
    // this batch are decided again at once against the drivers left (ADR 0029).
    const placements = oneOfferPerDriver(requests, fleet, (batchRequests, batchVehicles, pass) => {
      // Each ride's k nearest among these are its k nearest among all the pass's drivers.
      const near = vehiclesNearRides(batchVehicles, batchRequests, k);
      return assignBatch(
        {
          requests: batchRequests,
          vehicles: near,
          travel,
          now: nowSeconds,
          hooks: withinNearest(hooks, batchRequests, near, k),
        },
        // Routes not yet driven are improved again; committed rides stay with their drivers. The
        // passes that follow only place the rides left over, on vehicles nobody else took.
        pass === 0 ? { improve: batchImprove(this.limits.improveMs) } : {},
      );
    });
    return { placements, travel };
  }

  /**
   * The short critical section. Zone, then rides (ascending id, SKIP LOCKED), then offers and holds:
   * the lock order of @navette/sql. Writes only what the snapshot still supports: a ride changed
   * meanwhile (cancelled, offered by someone else, another round) is left alone; a ride whose
   * chosen driver is no longer free, or whose trip, route or committed rides changed, is returned
   * in `conflicted` to be planned again (on the `last` attempt: sent back to matching). Undefined:
   * the trigger ride no longer waits at its round, nothing was written.
   */
  private async commit(
    zoneId: string,
    { waiting, vehicles, rules }: Snapshot,
    { placements, travel }: Plan,
    trigger: MatchRideJob | undefined,
    last: boolean,
    manager: EntityManager,
  ): Promise<Commit | undefined> {
    await this.fleet.lockZone(zoneId, manager);
    const locked: { id: string; status: string; match_round: number }[] = await manager.query(
      `SELECT id, status, match_round FROM rides WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE SKIP LOCKED`,
      [waiting.map((r) => r.id)],
    );
    if (trigger) {
      // Locked above when it is in the snapshot; otherwise its committed state.
      const rows: { status: string; match_round: number }[] = await manager.query(
        `SELECT status, match_round FROM rides WHERE id = $1`,
        [trigger.rideId],
      );
      if (rows[0]?.status !== 'requested' || rows[0].match_round !== trigger.round) return undefined;
    }
    const roundOf = new Map(locked.filter((r) => r.status === 'requested').map((r) => [r.id, r.match_round]));
    const holds = (ride: WaitingRideRow) => roundOf.get(ride.id) === ride.round;

    // The chosen drivers as they are now, compared with the snapshot's rows.
    const byVehicle = new Map(vehicles.map((v) => [v.driverId, v]));
    const chosen = [
      ...new Set(
        waiting.flatMap((ride, i) =>
          holds(ride) && placements[i]!.vehicleId !== undefined ? [placements[i]!.vehicleId] : [],
        ),
      ),
    ];
    const current = new Map(
      (chosen.length ? await this.fleet.freeVehicles(zoneId, manager, chosen) : []).map((v) => [
        v.driverId,
        v,
      ]),
    );
    const unchanged = (driverId: string) => {
      const now = current.get(driverId);
      const then = byVehicle.get(driverId);
      return now !== undefined && then !== undefined && sameCommitments(then, now);
    };

    const offered: Offered[] = [];
    const offeredDrivers = new Set<string>();
    const conflicted: string[] = [];
    const toWrite: { ride: WaitingRideRow; explanation: Explanation; pass: number; offer: OfferToWrite }[] =
      [];
    // Rides left without an offer this batch, each with why (shown to coordinators).
    const left: { ride: WaitingRideRow; why: object }[] = [];
    const conflict = (ride: WaitingRideRow, explanation: Explanation) => {
      if (last)
        left.push({ ride, why: { ...publicExplanation(explanation), stage: 'driver-taken-meanwhile' } });
      else conflicted.push(ride.id);
    };
    for (const [index, ride] of waiting.entries()) {
      if (!holds(ride)) continue;
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
      if (!unchanged(vehicle.driverId)) {
        conflict(ride, explanation);
        continue;
      }
      offeredDrivers.add(vehicle.driverId);
      toWrite.push({
        ride,
        explanation,
        pass,
        offer: {
          ...offerOnRoute(ride, vehicle, plannedStopsFor(stops, vehicle, ride.id), travel),
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
      });
    }
    // One statement for every offer of the batch: the critical section is a few round trips.
    const written = await insertOffers(
      toWrite.map((w) => w.offer),
      manager,
    );
    for (const { ride, explanation, pass, offer } of toWrite) {
      const view = written.get(ride.id);
      if (!view) {
        conflict(ride, explanation);
        continue;
      }
      offered.push({
        offer: view,
        driverId: offer.driverId,
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
    return { offered, unserved, retried, sentBack, conflicted };
  }

  /** After commit. Should the process die here, the sweeper expires the offers or re-enqueues the rides. */
  private async announce(result: Commit): Promise<void> {
    for (const { offer, driverId, riderId } of result.offered) {
      await this.scheduler.scheduleExpiry(offer);
      await this.events.publish(rooms.driver(driverId), 'offer:received', offer);
      await this.events.rideChanged(riderId, offer.rideId);
    }
    for (const ride of result.unserved) await this.events.rideChanged(ride.riderId, ride.id);
    for (const ride of result.retried) {
      await this.scheduler.scheduleMatch({ rideId: ride.id, round: ride.match_round }, 'retry');
    }
  }

  /**
   * What the community rules need, read in a few set queries, and the trust distances of the batch,
   * for `vehicles`, the drivers the engine is given: the fair hold's load and availability shares
   * are shares among them (ADR 0037).
   */
  async ruleInputs(waiting: WaitingRideRow[], vehicles: FleetVehicleRow[], manager: EntityManager) {
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

/** Why a volunteer may not be asked now, or null. Suspension is a coordinator's decision, never automatic. */
function unavailability(driver: DriverRuleRow): string | null {
  if (driver.standing === 'suspended') return 'suspended';
  if (driver.weeklyTripLimit !== null && driver.tripsThisWeek >= driver.weeklyTripLimit)
    return 'weekly-limit';
  if (driver.inQuietHours) return 'quiet-hours';
  if (driver.resting) return 'resting';
  return null;
}
