import { Inject, Injectable } from '@nestjs/common';
import type { DriverAvailability, LngLat, ShiftView } from '@navette/contracts';
import { driverAvailability } from '@navette/sql';
import { DataSource, type EntityManager } from 'typeorm';

interface ShiftRow {
  id: string;
  driver_id: string;
  vehicle_id: string;
  territory_id: string;
  started_at: Date;
  ended_at: Date | null;
}

const toView = (row: ShiftRow): ShiftView => ({
  id: row.id,
  driverId: row.driver_id,
  vehicleId: row.vehicle_id,
  territoryId: row.territory_id,
  startedAt: row.started_at.toISOString(),
  endedAt: row.ended_at?.toISOString() ?? null,
});

@Injectable()
export class ShiftRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  async open(driverId: string, manager: EntityManager = this.db.manager): Promise<ShiftView | undefined> {
    const rows: ShiftRow[] = await manager.query(
      `SELECT * FROM shifts WHERE driver_id = $1 AND ended_at IS NULL`,
      [driverId],
    );
    return rows[0] && toView(rows[0]);
  }

  /** Whether offers can reach the driver now (undefined off shift). */
  async availability(driverId: string): Promise<DriverAvailability | undefined> {
    return (await driverAvailability(this.db, [driverId])).get(driverId);
  }

  async vehicleOf(
    driverId: string,
    vehicleId: string | undefined,
    manager: EntityManager,
  ): Promise<string | undefined> {
    const rows: { id: string }[] = await manager.query(
      `SELECT id FROM vehicles WHERE driver_id = $1 AND ($2::uuid IS NULL OR id = $2) ORDER BY label LIMIT 1`,
      [driverId, vehicleId ?? null],
    );
    return rows[0]?.id;
  }

  /** Opens a shift; the unique index on open shifts makes a concurrent second start a no-op. */
  async insert(
    driverId: string,
    vehicleId: string,
    territoryId: string,
    manager: EntityManager,
  ): Promise<ShiftView | undefined> {
    const rows: ShiftRow[] = await manager.query(
      `INSERT INTO shifts (driver_id, vehicle_id, territory_id) VALUES ($1, $2, $3)
       ON CONFLICT (driver_id) WHERE ended_at IS NULL DO NOTHING RETURNING *`,
      [driverId, vehicleId, territoryId],
    );
    return rows[0] && toView(rows[0]);
  }

  async close(shiftId: string, manager: EntityManager): Promise<void> {
    await manager.query(`UPDATE shifts SET ended_at = now() WHERE id = $1`, [shiftId]);
    await manager.query(`DELETE FROM driver_positions WHERE shift_id = $1`, [shiftId]);
  }

  async upsertPosition(
    driverId: string,
    shiftId: string,
    position: LngLat,
    manager: EntityManager = this.db.manager,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO driver_positions (driver_id, shift_id, position, reported_at)
       VALUES ($1, $2, ST_SetSRID(ST_MakePoint($3, $4), 4326), now())
       ON CONFLICT (driver_id) DO UPDATE
         SET shift_id = EXCLUDED.shift_id, position = EXCLUDED.position, reported_at = EXCLUDED.reported_at`,
      [driverId, shiftId, position[0], position[1]],
    );
  }
}
