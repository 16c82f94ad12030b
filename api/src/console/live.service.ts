import { Inject, Injectable } from '@nestjs/common';
import type { AuditEntry, LiveDriver, LiveRide, TerritoryLiveView } from '@navette/contracts';
import type { AuthMember } from '../auth/auth-member.js';
import { notFound } from '../common/app-error.js';
import { AuditLogRepository } from './audit-log.repository.js';
import { LiveRepository, type LiveDriverRow, type LiveRideRow } from './live.repository.js';
import { waitReasons, type Language } from './wait-reasons.js';

/** A driver's state, first that holds: on a trip, offered, paused (no socket, no or stale position), resting, idle. */
export function toLiveDriver(row: LiveDriverRow): LiveDriver {
  const base = {
    driverId: row.driver_id,
    name: row.name,
    territoryId: row.territory_id,
    position: row.position,
    positionAt: row.position_at?.toISOString() ?? null,
  };
  if (row.on_trip) return { ...base, state: 'on-trip' };
  if (row.offered) return { ...base, state: 'offered' };
  if (!row.connected) return { ...base, state: 'paused', pausedBecause: 'not-connected' };
  if (!row.position) return { ...base, state: 'paused', pausedBecause: 'no-position' };
  if (!row.fresh) return { ...base, state: 'paused', pausedBecause: 'position-stale' };
  if (row.rest_until) return { ...base, state: 'resting', restingUntil: row.rest_until.toISOString() };
  return { ...base, state: 'idle' };
}

/** Why a driver cannot take an offer now, as a wait-reason code; undefined when idle. */
function unavailability(driver: LiveDriver): string | undefined {
  if (driver.state === 'on-trip' || driver.state === 'offered') return 'busy';
  if (driver.state === 'resting') return 'resting';
  return driver.pausedBecause;
}

function toLiveRide(row: LiveRideRow, drivers: readonly LiveDriver[], language: Language): LiveRide {
  const unavailable = drivers
    .filter((d) => d.territoryId === row.territory_id)
    .flatMap((d) => unavailability(d) ?? []);
  const lastUnmatched =
    row.unmatched_at && row.unmatched_explanation
      ? { at: row.unmatched_at.toISOString(), explanation: row.unmatched_explanation }
      : null;
  return {
    rideId: row.ride_id,
    territoryId: row.territory_id,
    status: row.status,
    requestedAt: row.requested_at.toISOString(),
    waitingSeconds: row.waiting_seconds,
    pickup: row.pickup,
    seats: row.seats,
    wheelchairPlaces: row.wheelchair_places,
    offeredTo: row.offered_to,
    offerId: row.offer_id,
    riderName: row.rider_name,
    pickupName: row.pickup_name,
    dropoffName: row.dropoff_name,
    why: waitReasons(lastUnmatched?.explanation ?? null, unavailable, language),
    lastUnmatched,
  };
}

/**
 * The coordinator's live view: drivers on shift and waiting rides of a territory and those within it;
 * and the audit log of the same territories.
 */
@Injectable()
export class LiveService {
  constructor(
    @Inject(LiveRepository) private readonly live: LiveRepository,
    @Inject(AuditLogRepository) private readonly audit: AuditLogRepository,
  ) {}

  /** The decisions taken in the territory and those within it, newest first (404 outside the caller's scope). */
  async auditLog(caller: AuthMember, territoryId: string): Promise<AuditEntry[]> {
    const territories = await this.live.subtree(territoryId, caller.id, caller.role === 'admin');
    if (territories.length === 0) throw notFound('territory');
    return this.audit.entries(territories);
  }

  async of(caller: AuthMember, territoryId: string, language: Language): Promise<TerritoryLiveView> {
    const territories = await this.live.subtree(territoryId, caller.id, caller.role === 'admin');
    if (territories.length === 0) throw notFound('territory');
    const at = new Date();
    const [rows, waiting] = await Promise.all([
      this.live.drivers(territories),
      this.live.waiting(territories),
    ]);
    const drivers = rows.map(toLiveDriver);
    return {
      territoryId,
      at: at.toISOString(),
      drivers,
      waiting: waiting.map((r) => toLiveRide(r, drivers, language)),
    };
  }
}
