import { Inject, Injectable } from '@nestjs/common';
import { rooms, type OfferView, type TripView } from '@navette/contracts';
import {
  PERIOD_FROM_NOW,
  lockRides,
  lockTrip,
  releaseHolds,
  restingUntil,
  sql,
  sqlStateOf,
  withTransaction,
} from '@navette/sql';
import { DataSource, QueryFailedError, type EntityManager } from 'typeorm';
import { AppError } from '../common/app-error.js';
import { OutboundEventsPublisher } from '../redis/outbound-events.publisher.js';
import { RideRepository } from '../rides/ride.repository.js';
import { tellCoRiders } from '../rides/tell-co-riders.js';
import { OfferRepository } from './offer.repository.js';
import { ReleaseService } from './release.service.js';
import { takeOver, type TakenOver } from './takeover.js';
import { TripRepository } from './trip.repository.js';

/**
 * PostgreSQL: unique_violation, exclusion_violation and check_violation (an active assignment on
 * an ended trip) — the invariants held by constraints.
 */
const CONSTRAINT_VIOLATIONS = new Set(['23505', '23P01', '23514']);

/** The columns of an offer the accepting transaction reads. */
interface Offer {
  ride_id: string;
  trip_id: string;
  shift_id: string;
  planned_stops: unknown;
  takes_over: string | null;
  sooner_seconds: number | null;
}

/** What the accepting transaction did: the trip joined, or a takeover found the ride gone. */
type Accepted =
  { trip: TripView; takenOver: TakenOver | undefined; soonerSeconds: number | null } | { gone: true };

@Injectable()
export class OffersService {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(OfferRepository) private readonly offers: OfferRepository,
    @Inject(TripRepository) private readonly trips: TripRepository,
    @Inject(RideRepository) private readonly rides: RideRepository,
    @Inject(ReleaseService) private readonly release: ReleaseService,
    @Inject(OutboundEventsPublisher) private readonly events: OutboundEventsPublisher,
  ) {}

  pendingFor(driverId: string): Promise<OfferView[]> {
    return this.offers.pendingFor(driverId);
  }

  /**
   * The driver accepts: in one transaction the offer is taken (only if still pending and not
   * expired), the ride joins the offer's trip (its hold, or the route the driver is on) or, if
   * that trip ended meanwhile, a new one. Locks follow the order of @navette/sql (ride, offer,
   * trip); the trip is locked before it is joined, so a drop-off ending it waits or is seen. The
   * database refuses a second active assignment of the ride, an overlapping trip of the driver and
   * an active assignment on an ended trip, whatever the race.
   *
   * A takeover (ADR 0041) takes the ride from its first driver in the same transaction, only while
   * it still waits for them; once picked up, released or cancelled, the offer is withdrawn instead.
   */
  async accept(driverId: string, offerId: string): Promise<TripView> {
    let accepted: Accepted;
    try {
      accepted = await withTransaction(this.db, async (manager) => {
        await lockRides(manager, [await this.rideOf(driverId, offerId, manager)]);
        const taken: Offer[] = await sql(
          manager,
          `UPDATE offers SET status = 'accepted', responded_at = now()
            WHERE id = $1 AND driver_id = $2 AND status = 'pending' AND expires_at > now()
            RETURNING ride_id, trip_id, shift_id, planned_stops, takes_over, sooner_seconds`,
          [offerId, driverId],
        );
        const offer = taken[0];
        if (!offer) throw await this.notPending(driverId, offerId, manager);
        let takenOver: TakenOver | undefined;
        if (offer.takes_over) {
          takenOver = await takeOver(manager, offer.takes_over);
          if (!takenOver) {
            await manager.query(`UPDATE offers SET status = 'withdrawn' WHERE id = $1`, [offerId]);
            await releaseHolds(manager, [offerId]);
            return { gone: true as const };
          }
        } else {
          const ride: { id: string }[] = await sql(
            manager,
            `UPDATE rides SET status = 'assigned' WHERE id = $1 AND status = 'offered' RETURNING id`,
            [offer.ride_id],
          );
          if (!ride[0])
            throw new AppError('OFFER_NOT_PENDING', 'this ride is no longer waiting for a driver');
        }
        const trip = await this.join(driverId, offerId, offer, manager);
        return { trip, takenOver, soonerSeconds: offer.sooner_seconds };
      });
    } catch (error) {
      if (error instanceof QueryFailedError && CONSTRAINT_VIOLATIONS.has(sqlStateOf(error) ?? '')) {
        throw new AppError('CONFLICT', 'this ride or this driver is already committed to another trip');
      }
      throw error;
    }
    if ('gone' in accepted) {
      await this.events.publish(rooms.driver(driverId), 'offer:expired', { offerId });
      throw new AppError(
        'OFFER_NOT_PENDING',
        'this ride was picked up, released or cancelled meanwhile: the takeover is withdrawn',
      );
    }
    const { trip, takenOver, soonerSeconds } = accepted;
    const view = await this.rides.view(trip.rideId);
    if (view) await this.events.publish(rooms.member(view.riderId), 'ride:updated', view);
    // The riders of every trip the ride was on: the first driver's too, after a takeover.
    await tellCoRiders(this.rides, this.events, trip.rideId);
    if (takenOver) {
      await this.events.publish(rooms.driver(takenOver.firstDriverId), 'trip:taken-over', {
        rideId: trip.rideId,
        pickupName: takenOver.pickupName,
        soonerSeconds: soonerSeconds ?? 0,
      });
    }
    return trip;
  }

  /**
   * The accepted ride joins the offer's trip (its hold, or the route the driver is on) or, if that
   * trip ended meanwhile, a new one; the driver's route becomes the offer's planned stops.
   */
  private async join(
    driverId: string,
    offerId: string,
    offer: Offer,
    manager: EntityManager,
  ): Promise<TripView> {
    const stops = JSON.stringify(offer.planned_stops);
    const status = await lockTrip(manager, offer.trip_id);
    if (status === 'offered' || status === 'active') {
      await manager.query(`UPDATE trips SET status = 'active', planned_stops = $2::jsonb WHERE id = $1`, [
        offer.trip_id,
        stops,
      ]);
    }
    const tripId =
      status === 'offered' || status === 'active'
        ? offer.trip_id
        : (
            await sql<{ id: string }>(
              manager,
              `INSERT INTO trips (driver_id, shift_id, status, period, planned_stops)
               VALUES ($1, $2, 'active', ${PERIOD_FROM_NOW}, $3::jsonb) RETURNING id`,
              [driverId, offer.shift_id, stops],
            )
          )[0]!.id;
    await manager.query(`INSERT INTO assignments (ride_id, trip_id, offer_id) VALUES ($1, $2, $3)`, [
      offer.ride_id,
      tripId,
      offerId,
    ]);
    return (await this.trips.viewForDriver(driverId, offer.ride_id, manager))!;
  }

  /**
   * The driver declines: the ride goes straight back to matching for the next driver (a takeover's
   * stays with its first driver), and the driver is told how long they rest (`driver:paused`).
   */
  async decline(driverId: string, offerId: string): Promise<{ offerId: string }> {
    const released = await withTransaction(this.db, async (manager) => {
      await lockRides(manager, [await this.rideOf(driverId, offerId, manager)]);
      const declined: { ride_id: string }[] = await sql(
        manager,
        `UPDATE offers SET status = 'declined', responded_at = now()
          WHERE id = $1 AND driver_id = $2 AND status = 'pending' RETURNING ride_id`,
        [offerId, driverId],
      );
      if (!declined[0]) throw await this.notPending(driverId, offerId, manager);
      await releaseHolds(manager, [offerId]);
      return this.release.requeue([declined[0].ride_id], manager);
    });
    await this.release.rematch(released);
    const until = await restingUntil(this.db, driverId);
    if (until) {
      await this.events.publish(rooms.driver(driverId), 'driver:paused', {
        reason: 'resting',
        until: until.toISOString(),
      });
    }
    return { offerId };
  }

  /** The offer's ride, read without a lock: the ride is locked first (the lock order), then the offer. */
  private async rideOf(driverId: string, offerId: string, manager: EntityManager): Promise<string> {
    const rows: { ride_id: string }[] = await manager.query(
      `SELECT ride_id FROM offers WHERE id = $1 AND driver_id = $2`,
      [offerId, driverId],
    );
    if (!rows[0]) throw new AppError('NOT_FOUND', 'offer not found');
    return rows[0].ride_id;
  }

  private async notPending(driverId: string, offerId: string, manager: EntityManager): Promise<AppError> {
    const rows: { status: string; expired: boolean }[] = await manager.query(
      `SELECT status, expires_at <= now() AS expired FROM offers WHERE id = $1 AND driver_id = $2`,
      [offerId, driverId],
    );
    const offer = rows[0];
    if (!offer) return new AppError('NOT_FOUND', 'offer not found');
    const state = offer.status === 'pending' && offer.expired ? 'expired' : offer.status;
    return new AppError('OFFER_NOT_PENDING', `this offer is ${state} and can no longer be answered`);
  }
}
