import { Inject, Injectable } from '@nestjs/common';
import type { TimeBankEntry } from '@navette/contracts';
import { DataSource } from 'typeorm';
import type { AuthMember } from '../auth/auth-member.js';
import type { Period } from '../common/period.js';
import { managedSubtree } from '../territories/territory-scope.js';

export interface TimeBankRow {
  member_id: string;
  display_name: string;
  seconds_given: number;
  trips_given: number;
  seconds_received: number;
  rides_received: number;
}

/**
 * Completed rides (and tasks) with their driver. A driver's hours are the union of the intervals
 * someone was aboard, so pooled riders carried together count once; a rider's hours are their own
 * pickup-to-drop-off time.
 */
const ledger = (rideFilter: string) => `
  done AS (
    SELECT r.id, r.rider_id, t.driver_id, t.id AS trip_id, tstzrange(r.picked_up_at, r.completed_at) AS aboard
      FROM rides r
      JOIN assignments a ON a.ride_id = r.id AND a.status = 'completed'
      JOIN trips t ON t.id = a.trip_id
     WHERE r.status = 'completed' AND r.picked_up_at IS NOT NULL AND r.completed_at >= r.picked_up_at
       AND ${rideFilter}),
  given AS (
    SELECT driver_id AS member_id, range_agg(aboard) AS driven, count(DISTINCT trip_id)::int AS trips
      FROM done GROUP BY driver_id),
  received AS (
    SELECT rider_id AS member_id,
           COALESCE(sum(EXTRACT(EPOCH FROM upper(aboard) - lower(aboard))), 0)::float8 AS seconds,
           count(*)::int AS rides
      FROM done GROUP BY rider_id),
  entries AS (
    SELECT m.id AS member_id, m.display_name,
           COALESCE((SELECT sum(EXTRACT(EPOCH FROM upper(x) - lower(x))) FROM unnest(g.driven) AS x), 0)::float8
             AS seconds_given,
           COALESCE(g.trips, 0) AS trips_given,
           COALESCE(rc.seconds, 0) AS seconds_received,
           COALESCE(rc.rides, 0) AS rides_received
      FROM members m
      LEFT JOIN given g ON g.member_id = m.id
      LEFT JOIN received rc ON rc.member_id = m.id
     WHERE g.member_id IS NOT NULL OR rc.member_id IS NOT NULL)`;

const completedWithin = (from: string, to: string) => `r.completed_at >= ${from} AND r.completed_at < ${to}`;

@Injectable()
export class TimeBankRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  /** The member's own hours, over every territory, from rides completed in the period. */
  async ofMember(memberId: string, period: Period): Promise<TimeBankRow | undefined> {
    const rows: TimeBankRow[] = await this.db.query(
      `WITH ${ledger(`(r.rider_id = $1 OR t.driver_id = $1) AND ${completedWithin('$2', '$3')}`)}
       SELECT * FROM entries WHERE member_id = $1`,
      [memberId, period.from, period.to],
    );
    return rows[0];
  }

  /**
   * Per member, over rides in the territory and those nested in it: only for its coordinators (or
   * those of a territory containing it) and admins; anyone else gets `allowed` false and no row.
   */
  async ofTerritory(
    territoryId: string,
    member: AuthMember,
    period: Period,
  ): Promise<{ allowed: boolean; rows: TimeBankRow[] }> {
    const params = [territoryId, member.id, member.role === 'admin', period.from, period.to];
    const rows: (TimeBankRow & { allowed: boolean })[] = await this.db.query(
      `${managedSubtree('$1', '$2', '$3')},
       ${ledger(`r.territory_id IN (SELECT id FROM subtree) AND ${completedWithin('$4', '$5')}`)}
       SELECT true AS allowed, e.* FROM managed LEFT JOIN entries e ON true
        ORDER BY e.seconds_given + e.seconds_received DESC, e.display_name`,
      params,
    );
    return {
      allowed: rows.length > 0,
      rows: rows.filter((r) => r.member_id !== null),
    };
  }
}

export function toEntry(row: TimeBankRow | undefined): TimeBankEntry {
  const hours = (seconds: number) => Math.round((seconds / 3600) * 100) / 100;
  return {
    hoursGiven: hours(row?.seconds_given ?? 0),
    tripsGiven: row?.trips_given ?? 0,
    hoursReceived: hours(row?.seconds_received ?? 0),
    ridesReceived: row?.rides_received ?? 0,
  };
}
