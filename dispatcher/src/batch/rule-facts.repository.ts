import { restUntilSql } from '@navette/sql';
import type { EntityManager } from 'typeorm';
import type { TerritoryChain, TerritoryLink } from '../rules/reach.js';

export interface RideRuleRow {
  id: string;
  chain: TerritoryChain;
  maxTrustDistance: number | null;
  noPooling: boolean;
  zoneServiceRate: number;
}

export interface DriverRuleRow {
  driverId: string;
  /** Territories covering the driver's position, smallest first. */
  territories: string[];
  maxTrustDistance: number | null;
  standing: string;
  tripsThisWeek: number;
  weeklyTripLimit: number | null;
  declaredHoursPerWeek: number;
  inQuietHours: boolean;
  /** Resting after declined or missed offers (see `restUntilSql` in `@navette/sql`). */
  resting: boolean;
}

/** Reads what the community rules need about a batch's rides and drivers, in a few set queries. */
export class RuleFactsRepository {
  async rides(rideIds: string[], manager: EntityManager): Promise<RideRuleRow[]> {
    if (rideIds.length === 0) return [];
    const rows: {
      id: string;
      chain_ids: string[];
      chain_escalate: number[];
      max_trust_distance: number | null;
      no_pooling: boolean;
      zone_service_rate: number | null;
    }[] = await manager.query(
      `WITH RECURSIVE chain AS (
         SELECT r.id AS ride_id, t.id, t.parent_id, t.escalate_after_seconds, 0 AS depth
           FROM rides r JOIN territories t ON t.id = r.territory_id WHERE r.id = ANY($1::uuid[])
         UNION ALL
         SELECT c.ride_id, p.id, p.parent_id, p.escalate_after_seconds, c.depth + 1
           FROM chain c JOIN territories p ON p.id = c.parent_id)
       SELECT r.id,
              (SELECT array_agg(c.id ORDER BY c.depth) FROM chain c WHERE c.ride_id = r.id) AS chain_ids,
              (SELECT array_agg(c.escalate_after_seconds ORDER BY c.depth) FROM chain c WHERE c.ride_id = r.id) AS chain_escalate,
              NULLIF(LEAST(
                COALESCE(r.max_trust_distance, 99), COALESCE(m.max_trust_distance, 99),
                COALESCE((m.restrictions->>'maxTrustDistance')::int, 99), COALESCE(t.default_trust_distance, 99)), 99)
                AS max_trust_distance,
              COALESCE((m.restrictions->>'noPooling')::boolean, false) OR NOT t.pooling AS no_pooling,
              (SELECT count(*) FILTER (WHERE z.status = 'completed')::float8 / NULLIF(count(*), 0)
                 FROM rides z WHERE z.territory_id = r.territory_id AND z.status IN ('completed', 'unserved')
                  AND z.requested_at > now() - interval '24 hours') AS zone_service_rate
         FROM rides r JOIN members m ON m.id = r.rider_id JOIN territories t ON t.id = r.territory_id
        WHERE r.id = ANY($1::uuid[])`,
      [rideIds],
    );
    return rows.map((r) => ({
      id: r.id,
      chain: { ids: r.chain_ids, escalateAfterSeconds: r.chain_escalate },
      maxTrustDistance: r.max_trust_distance,
      noPooling: r.no_pooling,
      zoneServiceRate: r.zone_service_rate ?? 1,
    }));
  }

  async drivers(driverIds: string[], manager: EntityManager): Promise<DriverRuleRow[]> {
    if (driverIds.length === 0) return [];
    return manager.query(
      `SELECT m.id AS "driverId",
              COALESCE((SELECT array_agg(t.id ORDER BY ST_Area(t.area)) FROM territories t
                         WHERE ST_Covers(t.area, p.position)), '{}') AS territories,
              NULLIF(LEAST(COALESCE(m.max_trust_distance, 99), COALESCE((m.restrictions->>'maxTrustDistance')::int, 99)), 99)
                AS "maxTrustDistance", m.standing,
              (SELECT count(*)::int FROM trips t WHERE t.driver_id = m.id AND t.status IN ('active', 'completed')
                  AND lower(t.period) > now() - interval '7 days') AS "tripsThisWeek",
              m.weekly_trip_limit AS "weeklyTripLimit", m.declared_hours_per_week AS "declaredHoursPerWeek",
              COALESCE(m.quiet_hours @> (EXTRACT(HOUR FROM now()) * 60 + EXTRACT(MINUTE FROM now()))::int, false)
                AS "inQuietHours",
              COALESCE(${restUntilSql('s', 'st')} > now(), false) AS resting
         FROM members m JOIN driver_positions p ON p.driver_id = m.id
         JOIN shifts s ON s.id = p.shift_id JOIN territories st ON st.id = s.territory_id
        WHERE m.id = ANY($1::uuid[])`,
      [driverIds],
    );
  }

  /** Open tit-for-two-tats blocks among these members, as `a|b` both ways. */
  async blockedPairs(memberIds: string[], manager: EntityManager): Promise<Set<string>> {
    if (memberIds.length === 0) return new Set();
    const rows: { member_id: string; counterpart_id: string }[] = await manager.query(
      `SELECT member_id, counterpart_id FROM pair_blocks
        WHERE cleared_at IS NULL AND member_id = ANY($1::uuid[]) AND counterpart_id = ANY($1::uuid[])`,
      [memberIds],
    );
    return new Set(
      rows.flatMap((r) => [`${r.member_id}|${r.counterpart_id}`, `${r.counterpart_id}|${r.member_id}`]),
    );
  }

  async lending(manager: EntityManager): Promise<TerritoryLink[]> {
    return manager.query(
      `SELECT lender_id AS "lenderId", borrower_id AS "borrowerId", after_seconds AS "afterSeconds" FROM territory_lending
        WHERE agreed_at IS NOT NULL`,
    );
  }
}
