import type { DataSource } from 'typeorm';
import type { ExpireOfferHandler } from './expire-offer.handler.js';
import type { MatchingScheduler } from './matching-scheduler.js';

/** How long a ride may wait in `requested` before the sweeper enqueues it again, in seconds. */
const STUCK_AFTER_SECONDS = 4;

/** The sweeper's reads, as data (their cost is measured against the history: open-work-queries.int-spec). */
export const SWEEPER_QUERIES = [
  {
    sql: `SELECT id FROM offers WHERE status = 'pending' AND expires_at < now() - interval '1 second' LIMIT 500`,
    params: [],
  },
  {
    sql: `SELECT id, match_round FROM rides
           WHERE status = 'requested' AND requested_at < now() - make_interval(secs => $1)
             AND (pickup_at IS NULL OR pickup_at <= now() + interval '30 minutes')
           ORDER BY requested_at LIMIT 500`,
    params: [STUCK_AFTER_SECONDS],
  },
  {
    // Zones (root territories) where some ride waits for the driver who accepted it (ADR 0041).
    sql: `SELECT DISTINCT z.id FROM assignments a
            JOIN rides r ON r.id = a.ride_id AND r.status = 'assigned'
            JOIN territories z ON z.parent_id IS NULL AND ST_Covers(z.area, r.pickup)
           WHERE a.status = 'active'`,
    params: [],
  },
] as const;

/**
 * Recovers what a crash between a commit and a queue write left behind: offers past their expiry
 * that no job expired, rides waiting with no job to match them (e.g. created while Redis was down).
 * With `takeovers`, also gives a batch to each zone where rides wait for the driver who accepted
 * them, so a driver who comes free near one is offered to take it over even when no new ride
 * arrives (ADR 0041; a zone's batches never run twice at once). Every action is idempotent, so
 * sweeping often is harmless.
 */
export class Sweeper {
  constructor(
    private readonly db: DataSource,
    private readonly scheduler: MatchingScheduler,
    private readonly expire: ExpireOfferHandler,
    private readonly takeovers = false,
  ) {}

  async sweep(): Promise<{ expiredOffers: number; requeuedRides: number; takeoverZones: number }> {
    const [overdueQuery, waitingQuery, promisedQuery] = SWEEPER_QUERIES;
    const overdue: { id: string }[] = await this.db.query(overdueQuery.sql);
    for (const { id } of overdue) await this.expire.handle({ offerId: id });
    const waiting: { id: string; match_round: number }[] = await this.db.query(waitingQuery.sql, [
      ...waitingQuery.params,
    ]);
    for (const ride of waiting)
      await this.scheduler.scheduleMatch({ rideId: ride.id, round: ride.match_round });
    const zones: { id: string }[] = this.takeovers ? await this.db.query(promisedQuery.sql) : [];
    for (const zone of zones) await this.scheduler.scheduleZoneBatch(zone.id);
    return { expiredOffers: overdue.length, requeuedRides: waiting.length, takeoverZones: zones.length };
  }
}
