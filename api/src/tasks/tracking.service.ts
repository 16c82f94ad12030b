import { Inject, Injectable } from '@nestjs/common';
import type { TrackingState, TrackingView } from '@navette/contracts';
import { notFound } from '../common/app-error.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { TRACKING_AFTER_END_MS } from './task-requests.service.js';
import { TaskRepository, type TrackingRow } from './task.repository.js';
import { rideIdOfToken } from './tracking-token.js';

function stateOf(row: TrackingRow): TrackingState {
  switch (row.status) {
    case 'requested':
    case 'offered':
      return 'waiting';
    case 'assigned':
      return 'driver-coming';
    case 'picked_up':
      return row.returning ? 'returning' : 'on-its-way';
    case 'completed':
      return row.outcome === 'returned' ? 'returned' : 'delivered';
    case 'cancelled':
      return 'cancelled';
    default:
      return 'unserved';
  }
}

/** The page behind a tracking link: no account, only the state and the driver's approach. */
@Injectable()
export class TrackingService {
  constructor(
    @Inject(TaskRepository) private readonly tasks: TaskRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** NOT_FOUND for a token this API did not make, an erased task, or a link expired after the delivery ended. */
  async view(token: string, nowMs = Date.now()): Promise<TrackingView> {
    const rideId = rideIdOfToken(this.config.jwtSecret, token);
    const row = rideId && (await this.tasks.tracking(rideId));
    if (!row) throw notFound('tracking link');
    const state = stateOf(row);
    const ended = ['delivered', 'returned', 'cancelled', 'unserved'].includes(state);
    const expiresAt = ended && row.ended_at ? new Date(row.ended_at.getTime() + TRACKING_AFTER_END_MS) : null;
    if (expiresAt && expiresAt.getTime() <= nowMs) throw notFound('tracking link (it expired)');
    return {
      state,
      what: row.what,
      pickupName: row.pickup_name,
      dropoffName: row.dropoff_name,
      pickup: row.pickup,
      dropoff: row.dropoff,
      driverPosition: row.driver_position,
      deliverAfter: row.deliver_after?.toISOString() ?? null,
      deliverBefore: row.deliver_before?.toISOString() ?? null,
      outcome: row.outcome,
      expiresAt: expiresAt?.toISOString() ?? null,
    };
  }
}
