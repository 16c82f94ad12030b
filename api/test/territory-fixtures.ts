import type pg from 'pg';
import type { LngLat, RequestKind } from '@navette/contracts';

/** A closed square ring around a centre, `half` degrees each way. */
export function squareRing(centre: LngLat, half: number): LngLat[] {
  const [x, y] = centre;
  return [
    [x - half, y - half],
    [x + half, y - half],
    [x + half, y + half],
    [x - half, y + half],
    [x - half, y - half],
  ];
}

/** A territory upload: a GeoJSON Feature with a Polygon and properties. */
export function aTerritoryFeature(
  properties: Record<string, unknown>,
  geometry: unknown = { type: 'Polygon', coordinates: [squareRing([24.95, 60.18], 0.01)] },
) {
  return { type: 'Feature', geometry, properties };
}

export interface RideSpec {
  riderId: string;
  kind?: RequestKind;
  seats?: number;
  at?: LngLat;
  pickedUpAt: Date;
  completedAt: Date;
}

/** Builders for rides in every state the exports and the time bank read, as real rows. */
export class RideFixtures {
  constructor(private readonly db: pg.Pool) {}

  private async shift(driver: { id: string; vehicleId: string }, territoryId: string, from: Date, to: Date) {
    const rows = await this.db.query<{ id: string }>(
      `INSERT INTO shifts (driver_id, vehicle_id, territory_id, started_at, ended_at) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [driver.id, driver.vehicleId, territoryId, from, to],
    );
    return rows.rows[0]!.id;
  }

  private async ride(
    spec: { riderId: string; kind?: RequestKind; seats?: number; at?: LngLat },
    territoryId: string,
    status: string,
    requestedAt: Date,
    pickedUpAt: Date | null = null,
    completedAt: Date | null = null,
  ): Promise<string> {
    const [x, y] = spec.at ?? [24.95, 60.18];
    const rows = await this.db.query<{ id: string }>(
      `INSERT INTO rides (rider_id, kind, status, pickup, dropoff, seats, territory_id, requested_at, picked_up_at, completed_at,
                          cargo_units)
       VALUES ($1, $2, $3, ST_SetSRID(ST_MakePoint($4, $5), 4326), ST_SetSRID(ST_MakePoint($4 + 0.005, $5), 4326),
               $6, $7, $8, $9, $10, CASE WHEN $2 = 'task' THEN 2 ELSE 0 END) RETURNING id`,
      [
        spec.riderId,
        spec.kind ?? 'ride',
        status,
        x,
        y,
        spec.seats ?? (spec.kind === 'task' ? 0 : 1),
        territoryId,
        requestedAt,
        pickedUpAt,
        completedAt,
      ],
    );
    return rows.rows[0]!.id;
  }

  private async assign(
    rideId: string,
    driverId: string,
    shiftId: string,
    tripId: string,
    status: 'active' | 'completed',
    at: Date,
  ): Promise<string> {
    const offer = await this.db.query<{ id: string }>(
      `INSERT INTO offers (ride_id, driver_id, shift_id, trip_id, status, approach_meters, created_at, expires_at, responded_at)
       VALUES ($1, $2, $3, $4, 'accepted', 500, $5, $5::timestamptz + interval '30 seconds', $5) RETURNING id`,
      [rideId, driverId, shiftId, tripId, at],
    );
    const assignment = await this.db.query<{ id: string }>(
      `INSERT INTO assignments (ride_id, trip_id, offer_id, status, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [rideId, tripId, offer.rows[0]!.id, status, at],
    );
    return assignment.rows[0]!.id;
  }

  /** One completed route of a driver carrying these rides (pooled when they overlap). */
  async aCompletedTrip(
    driver: { id: string; vehicleId: string },
    territoryId: string,
    rides: RideSpec[],
  ): Promise<{ tripId: string; rideIds: string[]; assignmentIds: string[] }> {
    const start = new Date(Math.min(...rides.map((r) => r.pickedUpAt.getTime())) - 600_000);
    const end = new Date(Math.max(...rides.map((r) => r.completedAt.getTime())));
    const shiftId = await this.shift(driver, territoryId, start, end);
    const trip = await this.db.query<{ id: string }>(
      `INSERT INTO trips (driver_id, shift_id, status, period) VALUES ($1, $2, 'completed', tstzrange($3, $4)) RETURNING id`,
      [driver.id, shiftId, start, end],
    );
    const tripId = trip.rows[0]!.id;
    const rideIds: string[] = [];
    const assignmentIds: string[] = [];
    for (const spec of rides) {
      const requestedAt = new Date(spec.pickedUpAt.getTime() - 900_000);
      const rideId = await this.ride(
        spec,
        territoryId,
        'completed',
        requestedAt,
        spec.pickedUpAt,
        spec.completedAt,
      );
      rideIds.push(rideId);
      assignmentIds.push(await this.assign(rideId, driver.id, shiftId, tripId, 'completed', requestedAt));
    }
    return { tripId, rideIds, assignmentIds };
  }

  /** A ride a driver accepted and has not picked up yet. */
  async anAssignedRide(
    driver: { id: string; vehicleId: string },
    territoryId: string,
    spec: { riderId: string; kind?: RequestKind; at?: LngLat },
  ): Promise<{ rideId: string; assignmentId: string }> {
    const now = new Date();
    const shiftId = await this.shift(driver, territoryId, new Date(now.getTime() - 3_600_000), now);
    const trip = await this.db.query<{ id: string }>(
      `INSERT INTO trips (driver_id, shift_id, status, period) VALUES ($1, $2, 'active', tstzrange($3, NULL)) RETURNING id`,
      [driver.id, shiftId, now],
    );
    const rideId = await this.ride(spec, territoryId, 'assigned', now);
    const assignmentId = await this.assign(rideId, driver.id, shiftId, trip.rows[0]!.id, 'active', now);
    return { rideId, assignmentId };
  }

  /** A request still waiting for a driver. */
  anOpenRide(
    territoryId: string,
    spec: { riderId: string; kind?: RequestKind; at?: LngLat },
  ): Promise<string> {
    return this.ride(spec, territoryId, 'requested', new Date());
  }
}
