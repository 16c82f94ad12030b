import { Inject, Injectable } from '@nestjs/common';
import {
  rooms,
  type LngLat,
  type RideEstimate,
  type RideExplanations,
  type RideView,
} from '@navette/contracts';
import { GreatCircleTravelTimes } from '@navette/matching';
import { endTripIfIdle, releaseHolds, sql, withTransaction } from '@navette/sql';
import { DataSource } from 'typeorm';
import type { AuthMember } from '../auth/auth-member.js';
import { AppError, notFound } from '../common/app-error.js';
import { MatchingQueueService } from '../redis/matching-queue.service.js';
import { PlacesService } from '../places/places.service.js';
import { OutboundEventsPublisher } from '../redis/outbound-events.publisher.js';
import { AbuseChecksService } from '../reports/abuse-checks.service.js';
import { TerritoryRepository } from '../territories/territory.repository.js';
import { TaskRequestsService, type PreparedTask } from '../tasks/task-requests.service.js';
import type { CreateRideDto } from './dto/create-ride.dto.js';
import { RideAccessService } from './ride-access.service.js';
import { RideRepository } from './ride.repository.js';
import { estimateRide } from './ride-estimate.js';
import { tellCoRiders } from './tell-co-riders.js';
import { requestDigest } from './request-digest.js';

const BOOK_AHEAD_MIN_MS = 15 * 60_000;
const BOOK_AHEAD_MAX_MS = 14 * 86_400_000;
/** The engine's default travel model (the dispatcher's without OSRM): 30 km/h, circuity 1.3. */
const TRAVEL = new GreatCircleTravelTimes();

@Injectable()
export class RidesService {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(RideRepository) private readonly rides: RideRepository,
    @Inject(TerritoryRepository) private readonly territories: TerritoryRepository,
    @Inject(RideAccessService) private readonly access: RideAccessService,
    @Inject(MatchingQueueService) private readonly matching: MatchingQueueService,
    @Inject(OutboundEventsPublisher) private readonly events: OutboundEventsPublisher,
    @Inject(AbuseChecksService) private readonly abuse: AbuseChecksService,
    @Inject(PlacesService) private readonly places: PlacesService,
    @Inject(TaskRequestsService) private readonly tasks: TaskRequestsService,
  ) {}

  /** Wait and trip time before asking, by the engine's travel model; both ends must be in a territory. */
  async estimate(pickup: LngLat, dropoff: LngLat): Promise<RideEstimate> {
    if (!(await this.territories.smallestCovering(pickup)))
      throw new AppError('OUT_OF_TERRITORY', 'pickup is outside every territory', 'pickup');
    if (!(await this.territories.smallestCovering(dropoff)))
      throw new AppError('OUT_OF_TERRITORY', 'dropoff is outside every territory', 'dropoff');
    return estimateRide(pickup, dropoff, await this.rides.driversOnShiftCovering(pickup), TRAVEL);
  }

  /**
   * Stores the request and hands it to matching (`created`). Replaying the same idempotency key
   * with the same body returns the first ride and has no other effect; the same key with another
   * body is refused (422 IDEMPOTENCY_KEY_REUSED). Without a key, a request for a trip the rider
   * already has open (same pickup, drop-off and booked time) returns that open ride. If Redis is
   * down the ride is still stored: the dispatcher's sweeper enqueues every ride left waiting.
   */
  async create(
    riderId: string,
    dto: CreateRideDto,
    idempotencyKey: string | null,
  ): Promise<{ ride: RideView; created: boolean }> {
    const digest = requestDigest(dto);
    if (idempotencyKey !== null) {
      const replay = await this.replayOf(riderId, idempotencyKey, digest);
      if (replay) return { ride: replay, created: false };
    }
    if (await this.rides.isSuspended(riderId)) {
      throw new AppError(
        'FORBIDDEN',
        'your membership is suspended by a coordinator; see GET /api/me/decisions',
      );
    }
    const asked = dto.pickup.coordinates;
    const dropoff = dto.dropoff.coordinates;
    const askedTerritory = await this.territories.smallestCovering(asked);
    if (!askedTerritory)
      throw new AppError('OUT_OF_TERRITORY', 'pickup is outside every territory', 'pickup');
    if (!(await this.territories.smallestCovering(dropoff))) {
      throw new AppError('OUT_OF_TERRITORY', 'dropoff is outside every territory', 'dropoff');
    }
    // The territory's snapping rule may move the pickup to a stop; only the stop is kept.
    // Named now (the geocoder, if any, is asked once per end, both at once), shown everywhere after.
    const [snap, dropoffNamed] = await Promise.all([this.places.snap(asked), this.places.reverse(dropoff)]);
    const pickup = snap.position;
    if (pickup[0] === dropoff[0] && pickup[1] === dropoff[1]) {
      throw new AppError(
        'VALIDATION_FAILED',
        'the pickup snaps to the stop that is also the drop-off; choose another drop-off',
        'dropoff',
      );
    }
    // A pickup left where it was asked is in the territory found above; a stop may lie in another.
    const territoryId = snap.snapped ? (await this.territories.smallestCovering(pickup))! : askedTerritory;
    const kind = dto.kind ?? 'ride';
    const task = await this.prepareTask(dto, territoryId);
    const pickupAt = task ? task.pickupAfter : dto.pickupAt === undefined ? null : new Date(dto.pickupAt);
    if (pickupAt && !task) {
      const ahead = pickupAt.getTime() - Date.now();
      if (ahead < BOOK_AHEAD_MIN_MS || ahead > BOOK_AHEAD_MAX_MS) {
        throw new AppError(
          'VALIDATION_FAILED',
          'pickupAt must be between 15 minutes and 14 days from now',
          'pickupAt',
        );
      }
    }
    if (!(await this.territories.servesAt(territoryId, pickupAt ?? new Date()))) {
      throw new AppError(
        'OUTSIDE_SERVICE_HOURS',
        'the territory does not serve at that time; see its service hours',
        pickupAt ? 'pickupAt' : 'pickup',
      );
    }
    const seats = dto.seats ?? (task ? 0 : 1);
    const wheelchairPlaces = dto.wheelchairPlaces ?? 0;
    if (!task && seats + wheelchairPlaces === 0) {
      throw new AppError(
        'VALIDATION_FAILED',
        'seats must be at least 1 when no wheelchair place is asked',
        'seats',
      );
    }
    const id = await withTransaction(this.db, async (manager) => {
      const inserted = await this.rides.insert(
        {
          riderId,
          kind,
          pickup,
          dropoff,
          pickupName: snap.name,
          dropoffName: dropoffNamed.name,
          notes: dto.notes ?? null,
          seats,
          wheelchairPlaces,
          cargoUnits: task?.cargoUnits ?? 0,
          territoryId,
          idempotencyKey,
          idempotencyBodySha256: idempotencyKey === null ? null : digest,
          maxTrustDistance: dto.maxTrustDistance ?? null,
          pickupAt,
        },
        manager,
      );
      // The task's details go with its ride or not at all.
      if (inserted && task) await this.tasks.insert(manager, inserted, task);
      return inserted;
    });
    if (id) {
      await this.matching.enqueueMatch({ rideId: id, round: 0 }, pickupAt).catch(() => undefined);
      if (task) await this.tasks.notifyRecipient(id, task);
      return { ride: (await this.rides.view(id))!, created: true };
    }
    // A unique index refused the row: a concurrent replay of the key, or a trip already open.
    const replay = idempotencyKey === null ? undefined : await this.replayOf(riderId, idempotencyKey, digest);
    // Only rides are one per trip: a task's replay is told by its key.
    const openId =
      replay || task ? undefined : await this.rides.openForTrip(riderId, pickup, dropoff, pickupAt);
    const ride = replay ?? (openId && (await this.rides.view(openId)));
    if (!ride) throw new AppError('CONFLICT', 'the same request was being changed; send it again');
    return { ride, created: false };
  }

  /**
   * A task's checks (before anything is written): a task has its details and takes no seat; a ride
   * has no task details. Undefined for a ride.
   */
  private async prepareTask(dto: CreateRideDto, territoryId: string): Promise<PreparedTask | undefined> {
    if ((dto.kind ?? 'ride') === 'ride') {
      if (dto.task !== undefined)
        throw new AppError('VALIDATION_FAILED', 'task is only for kind task', 'task');
      return undefined;
    }
    if (dto.task === undefined)
      throw new AppError('VALIDATION_FAILED', 'task is required for kind task', 'task');
    if (dto.pickupAt !== undefined) {
      throw new AppError(
        'VALIDATION_FAILED',
        'a task says when with task.pickupAfter, not pickupAt',
        'pickupAt',
      );
    }
    if ((dto.seats ?? 0) > 0 || (dto.wheelchairPlaces ?? 0) > 0) {
      throw new AppError(
        'VALIDATION_FAILED',
        'a task takes no seat: leave seats and wheelchairPlaces out',
        'seats',
      );
    }
    return this.tasks.prepare(dto.task, territoryId);
  }

  /** The ride made with this key, or undefined; a key reused with another body is refused. */
  private async replayOf(riderId: string, key: string, digest: string): Promise<RideView | undefined> {
    const first = await this.rides.byIdempotencyKey(riderId, key);
    if (!first) return undefined;
    if (first.bodySha256 !== null && first.bodySha256 !== digest) {
      throw new AppError(
        'IDEMPOTENCY_KEY_REUSED',
        `Idempotency-Key was already used for ride ${first.id} with another body; a new request needs a new key`,
        'Idempotency-Key',
      );
    }
    return this.rides.view(first.id);
  }

  async get(member: AuthMember, id: string): Promise<RideView> {
    return this.access.assertCanRead(member, await this.rides.view(id));
  }

  /**
   * Why each driver was asked (the engine's cost terms and weights), and why no driver was in the
   * latest batch that left the ride waiting. Coordinators of the ride's territory and admins.
   */
  async explanations(member: AuthMember, id: string): Promise<RideExplanations> {
    if (member.role !== 'coordinator' && member.role !== 'admin') {
      throw new AppError('FORBIDDEN', 'explanations are for coordinators');
    }
    const ride = await this.access.assertCanRead(member, await this.rides.view(id));
    const [offers, lastUnmatched] = await Promise.all([
      this.rides.offersWithExplanations(ride.id),
      this.rides.lastUnmatched(ride.id),
    ]);
    return { rideId: ride.id, offers, lastUnmatched };
  }

  listMine(member: AuthMember): Promise<RideView[]> {
    return this.rides.viewsOfRider(member.id);
  }

  /** The rider cancels before pickup: pending offers are withdrawn, an accepted trip is released. */
  async cancel(member: AuthMember, id: string): Promise<RideView> {
    const result = await withTransaction(this.db, async (manager) => {
      // The ride first, then its offers, then trips (the lock order of @navette/sql).
      const rows: { rider_id: string; status: string }[] = await manager.query(
        `SELECT rider_id, status FROM rides WHERE id = $1 FOR UPDATE`,
        [id],
      );
      const ride = rows[0];
      if (!ride || (ride.rider_id !== member.id && member.role !== 'admin')) throw notFound('ride');
      if (ride.status === 'cancelled') return { withdrawnOffers: [], driverId: null };
      if (!['requested', 'offered', 'assigned', 'unserved'].includes(ride.status)) {
        throw new AppError('CONFLICT', `a ride that is ${ride.status} can no longer be cancelled`, 'status');
      }
      await sql(manager, `UPDATE rides SET status = 'cancelled', cancelled_at = now() WHERE id = $1`, [id]);
      const withdrawn: { id: string; driver_id: string }[] = await sql(
        manager,
        `UPDATE offers SET status = 'withdrawn', responded_at = now()
          WHERE ride_id = $1 AND status = 'pending' RETURNING id, driver_id`,
        [id],
      );
      await releaseHolds(
        manager,
        withdrawn.map((o) => o.id),
      );
      const released: { trip_id: string; driver_id: string }[] = await sql(
        manager,
        `UPDATE assignments a SET status = 'cancelled' FROM trips t
          WHERE a.ride_id = $1 AND a.status = 'active' AND t.id = a.trip_id RETURNING a.trip_id, t.driver_id`,
        [id],
      );
      // The trip ends only when no other ride is left on it (pooling).
      for (const { trip_id } of released) await endTripIfIdle(manager, trip_id, 'cancelled');
      return { withdrawnOffers: withdrawn, driverId: released[0]?.driver_id ?? null };
    });
    const view = (await this.rides.view(id))!;
    for (const offer of result.withdrawnOffers) {
      await this.events.publish(rooms.driver(offer.driver_id), 'offer:expired', { offerId: offer.id });
    }
    if (result.driverId) {
      await this.events.publish(rooms.driver(result.driverId), 'ride:updated', view);
      // A cancellation after a driver accepted counts toward the late-cancellation report.
      await this.abuse.checkQuietly(view.riderId);
      await tellCoRiders(this.rides, this.events, id);
    }
    await this.events.publish(rooms.member(view.riderId), 'ride:updated', view);
    return view;
  }
}
