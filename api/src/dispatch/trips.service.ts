import { Inject, Injectable } from '@nestjs/common';
import { rooms, type RouteView, type TripEvent, type TripMark, type TripView } from '@navette/contracts';
import { endTripIfIdle, lockRides, withTransaction } from '@navette/sql';
import { DataSource } from 'typeorm';
import { AppError } from '../common/app-error.js';
import { OutboundEventsPublisher } from '../redis/outbound-events.publisher.js';
import { AbuseChecksService } from '../reports/abuse-checks.service.js';
import { RideRepository } from '../rides/ride.repository.js';
import { tellCoRiders } from '../rides/tell-co-riders.js';
import { withdrawTakeovers } from './takeover.js';
import { TripRepository } from './trip.repository.js';

/** What each mark moves the ride from and to. Marking twice is harmless: the second is a no-op. */
const transitions: Record<
  TripEvent,
  { from: string; to: string; stamp: string; stop: 'pickup' | 'dropoff' }
> = {
  picked_up: { from: 'assigned', to: 'picked_up', stamp: 'picked_up_at', stop: 'pickup' },
  dropped_off: { from: 'picked_up', to: 'completed', stamp: 'completed_at', stop: 'dropoff' },
  no_show: { from: 'assigned', to: 'no_show', stamp: 'no_show_at', stop: 'pickup' },
};

@Injectable()
export class TripsService {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(TripRepository) private readonly trips: TripRepository,
    @Inject(RideRepository) private readonly rides: RideRepository,
    @Inject(OutboundEventsPublisher) private readonly events: OutboundEventsPublisher,
    @Inject(AbuseChecksService) private readonly abuse: AbuseChecksService,
  ) {}

  current(driverId: string): Promise<TripView[]> {
    return this.trips.currentFor(driverId);
  }

  route(driverId: string): Promise<RouteView> {
    return this.trips.routeFor(driverId);
  }

  /** The driver's view of one ride they carry or carried. */
  view(driverId: string, rideId: string): Promise<TripView | undefined> {
    return this.trips.viewForDriver(driverId, rideId);
  }

  /**
   * Marks the ride and records how far the driver was from the stop, in meters (great circle), from
   * `mark.position` or else the driver's last reported position (none: null).
   */
  async mark(driverId: string, rideId: string, mark: TripMark): Promise<TripView> {
    const { event } = mark;
    const { from, to, stamp, stop } = transitions[event];
    const { trip, withdrawn } = await withTransaction(this.db, async (manager) => {
      // The ride first, then its trip (the lock order of @navette/sql).
      await lockRides(manager, [rideId]);
      const current = await this.trips.viewForDriver(driverId, rideId, manager);
      if (!current) throw new AppError('NOT_FOUND', 'no trip of yours carries this ride');
      if (current.rideStatus === to) return { trip: current, withdrawn: [] };
      if (current.kind === 'task' && event === 'dropped_off') {
        throw new AppError(
          'CONFLICT',
          'a task is handed over with POST /api/trips/:rideId/handover (the code, or where it was left)',
          'event',
        );
      }
      if (current.rideStatus !== from) {
        throw new AppError(
          'CONFLICT',
          `a ride that is ${current.rideStatus} cannot be marked ${event}`,
          'event',
        );
      }
      // Where the driver is: the position sent with the mark, else the last one reported.
      await manager.query(
        `UPDATE rides r SET status = $2, ${stamp} = now(),
                ${stop}_mark_distance_meters = round(ST_DistanceSphere(r.${stop},
                  COALESCE(ST_SetSRID(ST_MakePoint($3::float8, $4::float8), 4326),
                           (SELECT p.position FROM driver_positions p WHERE p.driver_id = $5))))::int
          WHERE r.id = $1`,
        [rideId, to, mark.position?.[0] ?? null, mark.position?.[1] ?? null, driverId],
      );
      // Another driver's offer to take the ride over can no longer be accepted (ADR 0041).
      const withdrawn = event === 'dropped_off' ? [] : await withdrawTakeovers(manager, [rideId]);
      if (event === 'dropped_off' || event === 'no_show') {
        await manager.query(
          `UPDATE assignments SET status = 'completed' WHERE ride_id = $1 AND trip_id = $2 AND status = 'active'`,
          [rideId, current.id],
        );
        // Ends the trip only if no other ride joined it, even one joining at this very moment.
        await endTripIfIdle(manager, current.id, 'completed');
      }
      return { trip: (await this.trips.viewForDriver(driverId, rideId, manager))!, withdrawn };
    });
    for (const offer of withdrawn)
      await this.events.publish(rooms.driver(offer.driver_id), 'offer:expired', { offerId: offer.id });
    const view = await this.rides.view(rideId);
    if (view) await this.events.publish(rooms.member(view.riderId), 'ride:updated', view);
    await tellCoRiders(this.rides, this.events, rideId);
    // Repeated no-shows raise an abuse report for coordinators to look at (never a ban).
    if (view && event === 'no_show') await this.abuse.checkQuietly(view.riderId);
    return trip;
  }
}
