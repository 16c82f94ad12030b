import { Inject, Injectable } from '@nestjs/common';
import { sql } from '@navette/sql';
import { DataSource, type EntityManager } from 'typeorm';
import { managedSubtree } from '../territories/territory-scope.js';

/** A coordinator's override of dispatch, as the audit log (moderation decisions) keeps it. */
export interface OverrideDecision {
  subjectId: string;
  decidedBy: string;
  decision: 'withdraw-offer' | 'release-driver';
  territoryId: string;
  rideId: string | null;
  reason: string;
}

/** Reads the offers and drivers a coordinator may override, and logs each override. */
@Injectable()
export class OverrideRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  /** The offer's ride and driver when its ride lies in a territory the caller manages from `territoryId`. */
  async offerInScope(
    territoryId: string,
    callerId: string,
    admin: boolean,
    offerId: string,
  ): Promise<{ ride_id: string; driver_id: string; territory_id: string } | undefined> {
    const rows = await sql<{ ride_id: string; driver_id: string; territory_id: string }>(
      this.db,
      `${managedSubtree('$1', '$2', '$3')}
       SELECT o.ride_id, o.driver_id, r.territory_id FROM offers o JOIN rides r ON r.id = o.ride_id
        WHERE o.id = $4 AND r.territory_id IN (SELECT id FROM subtree)`,
      [territoryId, callerId, admin, offerId],
    );
    return rows[0];
  }

  /** Whether the ride waits for a driver in a territory the caller manages from `territoryId`. */
  async waitingRideInScope(
    territoryId: string,
    callerId: string,
    admin: boolean,
    rideId: string,
  ): Promise<boolean> {
    const rows = await sql(
      this.db,
      `${managedSubtree('$1', '$2', '$3')}
       SELECT 1 FROM rides r WHERE r.id = $4 AND r.territory_id IN (SELECT id FROM subtree)`,
      [territoryId, callerId, admin, rideId],
    );
    return rows.length > 0;
  }

  /** The territory of the driver's open shift when it lies in a territory the caller manages from `territoryId`. */
  async shiftInScope(
    territoryId: string,
    callerId: string,
    admin: boolean,
    driverId: string,
  ): Promise<string | undefined> {
    const rows = await sql<{ territory_id: string }>(
      this.db,
      `${managedSubtree('$1', '$2', '$3')}
       SELECT s.territory_id FROM shifts s
        WHERE s.driver_id = $4 AND s.ended_at IS NULL AND s.territory_id IN (SELECT id FROM subtree)`,
      [territoryId, callerId, admin, driverId],
    );
    return rows[0]?.territory_id;
  }

  /** Inside the caller's transaction (ride locked): withdraws the offer if still pending. */
  async withdrawOffer(manager: EntityManager, offerId: string): Promise<boolean> {
    const rows = await sql(
      manager,
      `UPDATE offers SET status = 'withdrawn', responded_at = now() WHERE id = $1 AND status = 'pending' RETURNING id`,
      [offerId],
    );
    return rows.length > 0;
  }

  /** The driver's pending offers, read without locks (to tell the driver which ones went). */
  async pendingOffersOf(manager: EntityManager, driverId: string): Promise<string[]> {
    const rows = await sql<{ id: string }>(
      manager,
      `SELECT id FROM offers WHERE driver_id = $1 AND status = 'pending'`,
      [driverId],
    );
    return rows.map((r) => r.id);
  }

  async record(manager: EntityManager, d: OverrideDecision): Promise<void> {
    await sql(
      manager,
      `INSERT INTO moderation_decisions (subject_id, decided_by, decision, reason, territory_id, ride_id)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [d.subjectId, d.decidedBy, d.decision, d.reason, d.territoryId, d.rideId],
    );
  }
}
