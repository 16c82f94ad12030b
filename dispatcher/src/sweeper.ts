import type { DataSource } from 'typeorm';
import type { ExpireOfferHandler } from './expire-offer.handler.js';
import type { MatchingScheduler } from './matching-scheduler.js';

/** How long a ride may wait in `requested` before the sweeper enqueues it again, in seconds. */
const STUCK_AFTER_SECONDS = 4;

/** The sweeper's two reads, as data (their cost is measured against the history: open-work-queries.int-spec). */
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
] as const;

/**
 * Recovers what a crash between a commit and a queue write left behind: offers past their expiry
 * that no job expired, rides waiting with no job to match them (e.g. created while Redis was down).
 * Every action is idempotent, so sweeping often is harmless.
 */
export class Sweeper {
  constructor(
    private readonly db: DataSource,
    private readonly scheduler: MatchingScheduler,
    private readonly expire: ExpireOfferHandler,
  ) {}

  async sweep(): Promise<{ expiredOffers: number; requeuedRides: number }> {
    const [overdueQuery, waitingQuery] = SWEEPER_QUERIES;
    const overdue: { id: string }[] = await this.db.query(overdueQuery.sql);
    for (const { id } of overdue) await this.expire.handle({ offerId: id });
    const waiting: { id: string; match_round: number }[] = await this.db.query(waitingQuery.sql, [
      ...waitingQuery.params,
    ]);
    for (const ride of waiting)
      await this.scheduler.scheduleMatch({ rideId: ride.id, round: ride.match_round });
    return { expiredOffers: overdue.length, requeuedRides: waiting.length };
  }
}
