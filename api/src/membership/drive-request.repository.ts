import { Inject, Injectable } from '@nestjs/common';
import type { AvailabilitySlot, DriveRequestBody, DriveRequestView } from '@navette/contracts';
import { sql } from '@navette/sql';
import { DataSource, type EntityManager } from 'typeorm';
import { managedSubtree } from '../territories/territory-scope.js';

interface DriveRequestRow {
  id: string;
  member_id: string;
  member_name: string;
  territory_id: string;
  label: string;
  seats: number;
  wheelchair_places: number;
  cargo_units: number;
  weekly_availability: AvailabilitySlot[];
  status: DriveRequestView['status'];
  reason: string | null;
  created_at: Date;
}

const COLUMNS = `d.id, d.member_id, m.display_name AS member_name, d.territory_id, d.label, d.seats,
  d.wheelchair_places, d.cargo_units, d.weekly_availability, d.status, d.reason, d.created_at`;

const toView = (r: DriveRequestRow): DriveRequestView => ({
  id: r.id,
  memberId: r.member_id,
  memberName: r.member_name,
  territoryId: r.territory_id,
  label: r.label,
  seats: r.seats,
  wheelchairPlaces: r.wheelchair_places,
  cargoUnits: r.cargo_units,
  weeklyAvailability: r.weekly_availability,
  status: r.status,
  reason: r.reason,
  createdAt: r.created_at.toISOString(),
});

/** Riders' requests to drive: the vehicle and weekly availability they declare, and the answer. */
@Injectable()
export class DriveRequestRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  /** A new pending request in the member's home territory; undefined when one is already pending. */
  async create(
    memberId: string,
    territoryId: string,
    body: DriveRequestBody,
  ): Promise<DriveRequestView | undefined> {
    const rows = await sql<DriveRequestRow>(
      this.db,
      `WITH d AS (
         INSERT INTO drive_requests (member_id, territory_id, label, seats, wheelchair_places, cargo_units, weekly_availability)
         VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb)
         ON CONFLICT (member_id) WHERE status = 'pending' DO NOTHING RETURNING *)
       SELECT ${COLUMNS} FROM d JOIN members m ON m.id = d.member_id`,
      [
        memberId,
        territoryId,
        body.label.trim(),
        body.seats,
        body.wheelchairPlaces,
        body.cargoUnits,
        JSON.stringify(body.weeklyAvailability),
      ],
    );
    return rows[0] && toView(rows[0]);
  }

  /** Pending requests in the territory and those within it, oldest first; undefined when out of scope. */
  async pending(
    territoryId: string,
    callerId: string,
    admin: boolean,
  ): Promise<DriveRequestView[] | undefined> {
    const params = [territoryId, callerId, admin];
    const scope = await sql(this.db, `${managedSubtree('$1', '$2', '$3')} SELECT id FROM managed`, params);
    if (scope.length === 0) return undefined;
    const rows = await sql<DriveRequestRow>(
      this.db,
      `${managedSubtree('$1', '$2', '$3')}
       SELECT ${COLUMNS} FROM drive_requests d JOIN members m ON m.id = d.member_id
        WHERE d.status = 'pending' AND d.territory_id IN (SELECT id FROM subtree) ORDER BY d.created_at, d.id`,
      params,
    );
    return rows.map(toView);
  }

  /** The member's requests to drive, newest first. */
  async of(memberId: string): Promise<DriveRequestView[]> {
    const rows = await sql<DriveRequestRow>(
      this.db,
      `SELECT ${COLUMNS} FROM drive_requests d JOIN members m ON m.id = d.member_id
        WHERE d.member_id = $1 ORDER BY d.created_at DESC, d.id`,
      [memberId],
    );
    return rows.map(toView);
  }

  async territoryOf(id: string): Promise<string | undefined> {
    const rows = await sql<{ territory_id: string }>(
      this.db,
      `SELECT territory_id FROM drive_requests WHERE id = $1`,
      [id],
    );
    return rows[0]?.territory_id;
  }

  /** The pending request, locked; undefined when absent or decided. */
  async lockPending(manager: EntityManager, id: string): Promise<DriveRequestView | undefined> {
    const rows = await sql<DriveRequestRow>(
      manager,
      `SELECT ${COLUMNS} FROM drive_requests d JOIN members m ON m.id = d.member_id
        WHERE d.id = $1 AND d.status = 'pending' FOR UPDATE OF d`,
      [id],
    );
    return rows[0] && toView(rows[0]);
  }

  /** The declared vehicle, and the declared weekly hours from the availability. */
  async addVehicle(manager: EntityManager, request: DriveRequestView, hoursPerWeek: number): Promise<void> {
    await sql(
      manager,
      `INSERT INTO vehicles (driver_id, label, seats, wheelchair_places, cargo_units) VALUES ($1, $2, $3, $4, $5)`,
      [request.memberId, request.label, request.seats, request.wheelchairPlaces, request.cargoUnits],
    );
    await sql(manager, `UPDATE members SET declared_hours_per_week = $2 WHERE id = $1`, [
      request.memberId,
      hoursPerWeek,
    ]);
  }

  async decide(
    manager: EntityManager,
    d: { id: string; status: 'approved' | 'refused'; decidedBy: string; reason: string },
  ): Promise<void> {
    await sql(
      manager,
      `UPDATE drive_requests SET status = $2, decided_by = $3, reason = $4, decided_at = now() WHERE id = $1`,
      [d.id, d.status, d.decidedBy, d.reason],
    );
  }

  async view(id: string): Promise<DriveRequestView> {
    const rows = await sql<DriveRequestRow>(
      this.db,
      `SELECT ${COLUMNS} FROM drive_requests d JOIN members m ON m.id = d.member_id WHERE d.id = $1`,
      [id],
    );
    return toView(rows[0]!);
  }
}
