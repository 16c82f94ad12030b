import { Inject, Injectable } from '@nestjs/common';
import { rooms, type LngLat, type ShiftView } from '@navette/contracts';
import { withTransaction } from '@navette/sql';
import { DataSource } from 'typeorm';
import { AppError } from '../common/app-error.js';
import { ReleaseService } from '../dispatch/release.service.js';
import { RideRepository } from '../rides/ride.repository.js';
import { OutboundEventsPublisher } from '../redis/outbound-events.publisher.js';
import { TerritoryRepository } from '../territories/territory.repository.js';
import { PositionReports } from './position-reports.js';
import { ShiftRepository } from './shift.repository.js';

/** A rider on board gets a fresh drop-off estimate at most this often as the car moves, ms. */
export const ABOARD_UPDATE_EVERY_MS = 15_000;

@Injectable()
export class ShiftsService {
  /** When each ride on board was last sent its fresh estimate (this node), by ride id. */
  private readonly aboardToldAt = new Map<string, number>();

  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(ShiftRepository) private readonly shifts: ShiftRepository,
    @Inject(TerritoryRepository) private readonly territories: TerritoryRepository,
    @Inject(RideRepository) private readonly rides: RideRepository,
    @Inject(ReleaseService) private readonly release: ReleaseService,
    @Inject(OutboundEventsPublisher) private readonly events: OutboundEventsPublisher,
    @Inject(PositionReports) private readonly positions: PositionReports,
  ) {}

  /** Starts a shift where the driver stands. Starting again while on shift returns the open shift. */
  async start(driverId: string, position: LngLat, vehicleId?: string): Promise<ShiftView> {
    return this.db.transaction(async (manager) => {
      const open = await this.shifts.open(driverId, manager);
      if (open) return open;
      const territoryId = await this.territories.smallestCovering(position, manager);
      if (!territoryId)
        throw new AppError('OUT_OF_TERRITORY', 'position is outside every territory', 'position');
      const vehicle = await this.shifts.vehicleOf(driverId, vehicleId, manager);
      if (!vehicle) {
        throw new AppError(
          vehicleId ? 'NOT_FOUND' : 'CONFLICT',
          vehicleId ? 'vehicle not found' : 'declare a vehicle before starting a shift',
          'vehicleId',
        );
      }
      const shift =
        (await this.shifts.insert(driverId, vehicle, territoryId, manager)) ??
        (await this.shifts.open(driverId, manager))!;
      await this.shifts.upsertPosition(driverId, shift.id, position, manager);
      return shift;
    });
  }

  /**
   * Ends the shift and stops sharing the position. A pending offer is withdrawn and a ride not yet
   * picked up goes back to matching at once, keeping its place in the queue.
   */
  async end(driverId: string): Promise<ShiftView> {
    const shift = await this.shifts.open(driverId);
    if (!shift) throw new AppError('CONFLICT', 'you are not on shift');
    const released = await withTransaction(this.db, async (manager) => {
      // Rides, offers and trips first, the shift last (the lock order of @navette/sql).
      const rideIds = await this.release.releaseDriver(driverId, manager);
      await this.shifts.close(shift.id, manager);
      return rideIds;
    });
    await this.release.rematch(released);
    return { ...shift, endedAt: new Date().toISOString() };
  }

  /**
   * A position from a driver on shift: stored and shown to the territory's coordinators (with the
   * reports of other drivers that arrive meanwhile, in one statement whose commit does not wait for
   * the WAL flush, and one `drivers:moved`: `PositionReports`), then to the driver's riders.
   */
  async reportPosition(driverId: string, position: LngLat): Promise<{ at: string }> {
    const shift = await this.positions.record(driverId, position);
    if (!shift) throw new AppError('CONFLICT', 'positions are shared only during a shift');
    if (!shift.inside) {
      throw new AppError('OUT_OF_TERRITORY', 'position is outside every territory', 'position');
    }
    const at = new Date().toISOString();
    const moved = { driverId, position, at };
    const riders = shift.riders;
    for (const { riderId } of riders.filter((r) => r.status === 'assigned')) {
      await this.events.publish(rooms.member(riderId), 'driver:moved', moved);
    }
    await this.tellRidersAboard(
      riders.filter((r) => r.status === 'picked_up'),
      Date.parse(at),
    );
    return { at };
  }

  /**
   * Riders on board do not see the car (they are in it), but their expected drop-off follows it:
   * their ride again (`ride:updated`, the estimate read from this position), at most once per
   * `ABOARD_UPDATE_EVERY_MS` per ride on this node.
   */
  private async tellRidersAboard(aboard: { rideId: string; riderId: string }[], now: number): Promise<void> {
    for (const { rideId, riderId } of aboard) {
      if (now - (this.aboardToldAt.get(rideId) ?? -Infinity) < ABOARD_UPDATE_EVERY_MS) continue;
      this.aboardToldAt.set(rideId, now);
      const view = await this.rides.view(rideId);
      if (view) await this.events.publish(rooms.member(riderId), 'ride:updated', view);
    }
    // Rides that ended long ago are forgotten, so the map stays as small as the rides on board.
    for (const [rideId, toldAt] of this.aboardToldAt)
      if (now - toldAt > 10 * ABOARD_UPDATE_EVERY_MS) this.aboardToldAt.delete(rideId);
  }

  /** The open shift, with whether offers can reach the driver now and if not why. */
  async current(driverId: string): Promise<ShiftView | undefined> {
    const shift = await this.shifts.open(driverId);
    const availability = shift && (await this.shifts.availability(driverId));
    return shift && (availability ? { ...shift, availability } : shift);
  }
}
