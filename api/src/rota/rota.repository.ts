import { Inject, Injectable } from '@nestjs/common';
import { sql } from '@navette/sql';
import { DataSource } from 'typeorm';
import { managedSubtree } from '../territories/territory-scope.js';

/** Which territories a rota question covers. */
@Injectable()
export class RotaRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  /** The territory and those nested in it, when the member manages it; undefined otherwise. */
  async managedScope(territoryId: string, memberId: string, admin: boolean): Promise<string[] | undefined> {
    const rows: { id: string }[] = await this.db.query(
      `${managedSubtree('$1', '$2', '$3')} SELECT id FROM subtree`,
      [territoryId, memberId, admin],
    );
    return rows.length ? rows.map((r) => r.id) : undefined;
  }

  /** The territory and those nested in it. */
  async subtree(territoryId: string): Promise<string[]> {
    const rows = await sql<{ id: string }>(
      this.db,
      `WITH RECURSIVE sub AS (SELECT id FROM territories WHERE id = $1
                              UNION SELECT t.id FROM territories t JOIN sub ON t.parent_id = sub.id)
       SELECT id FROM sub`,
      [territoryId],
    );
    return rows.map((r) => r.id);
  }

  /** Territories of the slots the driver is signed for on the local date `date`. */
  async signedTerritories(driverId: string, date: string): Promise<string[]> {
    const rows = await sql<{ id: string }>(
      this.db,
      `SELECT DISTINCT s.territory_id AS id FROM rota_signups su
         JOIN rota_occurrences o ON o.id = su.occurrence_id JOIN rota_slots s ON s.id = o.slot_id
        WHERE su.driver_id = $1 AND su.status = 'signed' AND o.date = $2::date`,
      [driverId, date],
    );
    return rows.map((r) => r.id);
  }

  /** The place names of rides' pickups and drop-offs (never coordinates). */
  async stopNames(
    rideIds: string[],
  ): Promise<Map<string, { pickup: string | null; dropoff: string | null }>> {
    const rows = await sql<{ id: string; pickup: string | null; dropoff: string | null }>(
      this.db,
      `SELECT id, pickup_name AS pickup, dropoff_name AS dropoff FROM rides WHERE id = ANY($1::uuid[])`,
      [rideIds],
    );
    return new Map(rows.map((r) => [r.id, { pickup: r.pickup, dropoff: r.dropoff }]));
  }
}
