import { Inject, Injectable } from '@nestjs/common';
import { rooms, type DeliveryOutcome, type TripView } from '@navette/contracts';
import { endTripIfIdle, lockRides, withTransaction } from '@navette/sql';
import { DataSource, type EntityManager } from 'typeorm';
import { AppError } from '../common/app-error.js';
import { TripsService } from '../dispatch/trips.service.js';
import { OutboundEventsPublisher } from '../redis/outbound-events.publisher.js';
import { RideRepository } from '../rides/ride.repository.js';
import type { HandoverDto } from './dto/handover.dto.js';
import { TaskRepository, type HandoverRow } from './task.repository.js';

/** Wrong codes a task accepts before only "left with…" or "failed" remain: 5 tries in a million. */
export const MAX_WRONG_CODES = 5;

/** What a handover did, decided inside the transaction and told after it. */
type Handed = { kind: 'done'; riderId: string } | { kind: 'wrong-code'; left: number };

/**
 * The driver at a task's drop-off: the recipient's code ends it; so does leaving it with a neighbour
 * or in a safe place (with a note); nobody there is a failed attempt, which sends it back to the
 * sender or moves the drop-off to the end of the route, as the sender chose (once: a second
 * failure sends it back). A returning task ends when given back to the sender.
 */
@Injectable()
export class HandoverService {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(TaskRepository) private readonly tasks: TaskRepository,
    @Inject(TripsService) private readonly trips: TripsService,
    @Inject(RideRepository) private readonly rides: RideRepository,
    @Inject(OutboundEventsPublisher) private readonly events: OutboundEventsPublisher,
  ) {}

  async handover(driverId: string, rideId: string, body: HandoverDto): Promise<TripView> {
    const handed = await withTransaction(this.db, async (manager): Promise<Handed> => {
      await lockRides(manager, [rideId]);
      const task = await this.tasks.lockForHandover(manager, driverId, rideId);
      if (!task) throw new AppError('NOT_FOUND', 'no trip of yours carries this task');
      if (task.status !== 'picked_up') {
        throw new AppError('CONFLICT', `a task that is ${task.status} cannot be handed over`, 'outcome');
      }
      return this.decide(manager, task, body);
    });
    if (handed.kind === 'wrong-code') {
      throw new AppError(
        'VALIDATION_FAILED',
        `code is not the recipient's code (${handed.left} ${handed.left === 1 ? 'try' : 'tries'} left)`,
        'code',
      );
    }
    const view = await this.rides.view(rideId);
    if (view) await this.events.publish(rooms.member(handed.riderId), 'ride:updated', view);
    return (await this.trips.view(driverId, rideId))!;
  }

  private async decide(manager: EntityManager, task: HandoverRow, body: HandoverDto): Promise<Handed> {
    const done = { kind: 'done', riderId: task.rider_id } as const;
    const note = body.note?.trim() || null;
    if (body.outcome === 'returned' || task.returning) {
      if (body.outcome !== 'returned' && body.outcome !== 'neighbour' && body.outcome !== 'safe-place') {
        throw new AppError('CONFLICT', 'this task goes back to its sender: outcome returned', 'outcome');
      }
      if (!task.returning)
        throw new AppError('CONFLICT', 'only a failed delivery goes back to the sender', 'outcome');
      await this.complete(manager, task, 'returned', note);
      return done;
    }
    switch (body.outcome) {
      case 'code': {
        if (body.code === undefined)
          throw new AppError('VALIDATION_FAILED', 'code is required with outcome code', 'code');
        if (task.wrong_codes >= MAX_WRONG_CODES) {
          throw new AppError(
            'RATE_LIMITED',
            'too many wrong codes for this task: record it left with a neighbour, in a safe place, or failed',
            'code',
          );
        }
        if (task.handover_code === null || body.code !== task.handover_code) {
          const wrong = await this.tasks.countWrongCode(manager, task.ride_id);
          return { kind: 'wrong-code', left: Math.max(0, MAX_WRONG_CODES - wrong) };
        }
        await this.complete(manager, task, 'code', null);
        return done;
      }
      case 'neighbour':
      case 'safe-place':
        if (!note)
          throw new AppError('VALIDATION_FAILED', 'note is required: who has it, or where it is', 'note');
        await this.complete(manager, task, body.outcome, note);
        return done;
      case 'failed': {
        const giveBack = task.on_failure === 'return' || task.failed_attempts >= 1;
        await this.tasks.recordFailure(manager, task.ride_id, giveBack, note);
        if (!giveBack) await this.tasks.dropoffLast(manager, task.trip_id, task.ride_id);
        return done;
      }
    }
  }

  /** The delivery ended: the outcome, the ride completed, the trip ended if nothing else is on it. */
  private async complete(
    manager: EntityManager,
    task: HandoverRow,
    outcome: DeliveryOutcome,
    note: string | null,
  ) {
    await this.tasks.recordOutcome(manager, task.ride_id, outcome, note);
    await manager.query(`UPDATE rides SET status = 'completed', completed_at = now() WHERE id = $1`, [
      task.ride_id,
    ]);
    await manager.query(
      `UPDATE assignments SET status = 'completed' WHERE ride_id = $1 AND trip_id = $2 AND status = 'active'`,
      [task.ride_id, task.trip_id],
    );
    await endTripIfIdle(manager, task.trip_id, 'completed');
  }
}
