import type { LngLat } from '@navette/contracts';
import type { Point } from '@navette/matching';
import { connectedSql, positionFreshSql } from '@navette/sql';
import type { EntityManager } from 'typeorm';
import type { PoolRow } from './nearest-from-pools.js';

/** Rides booked ahead join batches from this long before their pickup time, seconds. */
export const BOOKED_HORIZON_SECONDS = 1800;

/**
 * A waiting ride of the zone, locked for this batch. Times are epoch seconds; for a ride booked
 * ahead, `requestedAtSeconds` is its wanted pickup time and `waitedSeconds` counts from then.
 */
export interface WaitingRideRow {
  id: string;
  riderId: string;
  kind: 'ride' | 'task';
  round: number;
  pickup: LngLat;
  dropoff: LngLat;
  seats: number;
  wheelchairPlaces: number;
  /** A task's cargo units (0 for a ride). */
  cargoUnits: number;
  requestedAtSeconds: number;
  waitedSeconds: number;
  /** A ride: the territory's wait limit; a task: its pickup window (or the territory's task limit). */
  maxWaitSeconds: number;
  /** Per kind: a parcel tolerates a longer detour than a rider. */
  maxDetourFactor: number;
  /** A task's delivery window, epoch seconds; null when open. */
  deliverAfterSeconds: number | null;
  deliverBeforeSeconds: number | null;
  offerTimeoutSeconds: number;
}

/** A ride a driver already carries or goes to fetch. */
export interface CommittedRideRow {
  id: string;
  kind: 'ride' | 'task';
  status: 'assigned' | 'picked_up';
  pickup: LngLat;
  dropoff: LngLat;
  seats: number;
  wheelchairPlaces: number;
  cargoUnits: number;
  requestedAtSeconds: number;
  pickedUpAtSeconds: number | null;
  maxWaitSeconds: number;
  maxDetourFactor: number;
  deliverAfterSeconds: number | null;
  deliverBeforeSeconds: number | null;
}

/**
 * Per-kind limits and a task's windows, over `r` (rides), `t` (its territory) and `d` (its
 * task_details, left-joined): a task's pickup may wait until its `pickup_before`, or the territory's
 * task limit; its detour is bounded by the territory's task factor. A task sent back to its sender
 * after a failed delivery is dropped off at its pickup.
 */
const perKindColumns = (t: string) => `
  r.cargo_units AS "cargoUnits",
  CASE WHEN r.kind = 'task'
       THEN COALESCE(EXTRACT(EPOCH FROM d.pickup_before - COALESCE(r.pickup_at, r.requested_at))::float8,
                     ${t}.task_max_wait_seconds)
       ELSE ${t}.max_wait_seconds END AS "maxWaitSeconds",
  CASE WHEN r.kind = 'task' THEN ${t}.task_max_detour_factor ELSE ${t}.max_detour_factor END AS "maxDetourFactor",
  CASE WHEN NOT COALESCE(d.returning_to_sender, false) THEN EXTRACT(EPOCH FROM d.deliver_after)::float8 END AS "deliverAfterSeconds",
  CASE WHEN NOT COALESCE(d.returning_to_sender, false) THEN EXTRACT(EPOCH FROM d.deliver_before)::float8 END AS "deliverBeforeSeconds"`;

/** A driver on shift in the zone, free to receive an offer, with their current route. */
export interface FleetVehicleRow {
  driverId: string;
  shiftId: string;
  tripId: string | null;
  position: LngLat;
  seats: number;
  wheelchairPlaces: number;
  cargoUnits: number;
  plannedStops: { requestId: string; type: 'pickup' | 'dropoff' }[];
  committed: CommittedRideRow[];
}

/** Where a free driver is. */
export interface FreeDriverPosition {
  driverId: string;
  position: LngLat;
}

/** The drivers of a zone ($1) who can take an offer now, and their shift's vehicle and territory. */
const FREE_DRIVERS_JOINS = `FROM driver_positions p
         JOIN shifts s ON s.id = p.shift_id AND s.ended_at IS NULL
         JOIN vehicles v ON v.id = s.vehicle_id
         JOIN territories st ON st.id = s.territory_id
         JOIN territories z ON z.id = $1 AND ST_Covers(z.area, p.position)`;

/** Connected, a fresh position, no offer pending, no trip offered; only the drivers $2 when given. */
const FREE_DRIVERS_WHERE = `WHERE ${connectedSql('p.driver_id')} AND ${positionFreshSql('p', 'st')}
          AND NOT EXISTS (SELECT 1 FROM offers o WHERE o.driver_id = p.driver_id AND o.status = 'pending')
          AND NOT EXISTS (SELECT 1 FROM trips h WHERE h.driver_id = p.driver_id AND h.status = 'offered')
          AND ($2::uuid[] IS NULL OR p.driver_id = ANY($2::uuid[]))`;

/**
 * Reads a zone's batch: the rides waiting there and the drivers able to take them. A zone is the
 * largest territory covering a pickup (the region); territory rules narrow it later.
 */
export class FleetSnapshotRepository {
  /** The zone (root territory) of a ride. */
  async zoneOf(rideId: string, manager: EntityManager): Promise<string | undefined> {
    const rows: { id: string }[] = await manager.query(
      `SELECT t.id FROM rides r JOIN territories t ON ST_Covers(t.area, r.pickup)
        WHERE r.id = $1 ORDER BY ST_Area(t.area) DESC LIMIT 1`,
      [rideId],
    );
    return rows[0]?.id;
  }

  /** Serialises batches of one zone across workers, until the transaction ends. */
  async lockZone(zoneId: string, manager: EntityManager): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`zone:${zoneId}`]);
  }

  /** Rides waiting in the zone, oldest first, locked (rides another batch holds are skipped). */
  async lockWaitingRides(zoneId: string, limit: number, manager: EntityManager): Promise<WaitingRideRow[]> {
    return this.waitingRides(zoneId, limit, manager, { lock: true });
  }

  /**
   * Rides waiting in the zone, oldest first (all of them, or only `only`). `lock`: locked for the
   * transaction, skipping rides another transaction holds; otherwise read as a snapshot, no lock.
   * `status: 'assigned'`: rides promised to a driver instead, as a takeover decides them again.
   */
  async waitingRides(
    zoneId: string,
    limit: number,
    manager: EntityManager,
    options: { lock: boolean; only?: readonly string[]; status?: 'requested' | 'assigned' },
  ): Promise<WaitingRideRow[]> {
    return manager.query(
      `SELECT r.id, r.rider_id AS "riderId", r.kind, r.match_round AS round,
              json_build_array(ST_X(r.pickup), ST_Y(r.pickup)) AS pickup,
              json_build_array(ST_X(r.dropoff), ST_Y(r.dropoff)) AS dropoff,
              r.seats, r.wheelchair_places AS "wheelchairPlaces",
              EXTRACT(EPOCH FROM COALESCE(r.pickup_at, r.requested_at))::float8 AS "requestedAtSeconds",
              EXTRACT(EPOCH FROM now() - COALESCE(r.pickup_at, r.requested_at))::float8 AS "waitedSeconds",
              ${perKindColumns('t')},
              t.offer_timeout_seconds AS "offerTimeoutSeconds"
         FROM rides r
         JOIN territories t ON t.id = r.territory_id
         LEFT JOIN task_details d ON d.ride_id = r.id
         JOIN territories z ON z.id = $1 AND ST_Covers(z.area, r.pickup)
        WHERE r.status = $4
          AND (r.pickup_at IS NULL OR r.pickup_at <= now() + make_interval(secs => ${BOOKED_HORIZON_SECONDS}))
          AND ($3::uuid[] IS NULL OR r.id = ANY($3::uuid[]))
        ORDER BY COALESCE(r.pickup_at, r.requested_at)
        LIMIT $2
        ${options.lock ? 'FOR UPDATE OF r SKIP LOCKED' : ''}`,
      [zoneId, limit, options.only ?? null, options.status ?? 'requested'],
    );
  }

  /**
   * Drivers on shift inside the zone who can see an offer now (a live socket, a position fresher
   * than their shift territory's `position_max_age_seconds`) with no offer pending, with their active trip's rides and
   * planned stops. `excludeAskedFor`: drivers already asked for one of these rides are left out
   * of that ride's candidates by the caller (see `askedPairs`). `onlyDrivers`: these drivers only
   * (those near the batch's rides, or a batch checking, before it writes, that the drivers it chose
   * are still free and unchanged).
   */
  async freeVehicles(
    zoneId: string,
    manager: EntityManager,
    onlyDrivers?: readonly string[],
  ): Promise<FleetVehicleRow[]> {
    return manager.query(
      `SELECT p.driver_id AS "driverId", s.id AS "shiftId", t.id AS "tripId",
              json_build_array(ST_X(p.position), ST_Y(p.position)) AS position,
              v.seats, v.wheelchair_places AS "wheelchairPlaces", v.cargo_units AS "cargoUnits",
              COALESCE(t.planned_stops, '[]'::jsonb) AS "plannedStops",
              COALESCE((
                SELECT json_agg(to_jsonb(k) || jsonb_build_object(
                  'id', r.id, 'kind', r.kind, 'status', r.status,
                  'pickup', json_build_array(ST_X(r.pickup), ST_Y(r.pickup)),
                  'dropoff', CASE WHEN d.returning_to_sender THEN json_build_array(ST_X(r.pickup), ST_Y(r.pickup))
                                  ELSE json_build_array(ST_X(r.dropoff), ST_Y(r.dropoff)) END,
                  'seats', r.seats, 'wheelchairPlaces', r.wheelchair_places,
                  'requestedAtSeconds', EXTRACT(EPOCH FROM COALESCE(r.pickup_at, r.requested_at))::float8,
                  'pickedUpAtSeconds', EXTRACT(EPOCH FROM r.picked_up_at)::float8))
                  FROM assignments a JOIN rides r ON r.id = a.ride_id JOIN territories rt ON rt.id = r.territory_id
                  LEFT JOIN task_details d ON d.ride_id = r.id
                  CROSS JOIN LATERAL (SELECT ${perKindColumns('rt')}) k
                 WHERE a.trip_id = t.id AND a.status = 'active'), '[]'::json) AS committed
         ${FREE_DRIVERS_JOINS}
         LEFT JOIN trips t ON t.driver_id = p.driver_id AND t.status = 'active'
        ${FREE_DRIVERS_WHERE}`,
      [zoneId, onlyDrivers ?? null],
    );
  }

  /**
   * The same drivers as {@link freeVehicles}, only where they are: a batch picks the drivers near
   * its rides from these, then reads the whole row (trip, committed rides) of those alone.
   */
  async freeDriverPositions(zoneId: string, manager: EntityManager): Promise<FreeDriverPosition[]> {
    return manager.query(
      `SELECT p.driver_id AS "driverId", json_build_array(ST_X(p.position), ST_Y(p.position)) AS position
         ${FREE_DRIVERS_JOINS}
        ${FREE_DRIVERS_WHERE}`,
      [zoneId, null],
    );
  }

  /**
   * For each pickup ($3 longitudes, $4 latitudes; `n` from 1), the `poolSize` drivers whose last
   * position is nearest on the plane of degrees, by the GiST index's own order (`<->`), free or not;
   * `free` says whether they are among {@link freeDriverPositions}. What `nearestFromPools` decides
   * from, reading a few hundred rows where a zone may hold thousands of drivers.
   */
  async driversAround(
    zoneId: string,
    pickups: readonly Point[],
    poolSize: number,
    manager: EntityManager,
  ): Promise<PoolRow[]> {
    return manager.query(
      `SELECT r.n::int AS n, c.driver_id AS "driverId", ST_X(c.position) AS lng, ST_Y(c.position) AS lat,
              EXISTS (SELECT 1 ${FREE_DRIVERS_JOINS} ${FREE_DRIVERS_WHERE} AND p.driver_id = c.driver_id) AS free
         FROM unnest($3::float8[], $4::float8[]) WITH ORDINALITY AS r(lng, lat, n)
        CROSS JOIN LATERAL (
              SELECT d.driver_id, d.position FROM driver_positions d
               ORDER BY d.position <-> ST_SetSRID(ST_MakePoint(r.lng, r.lat), 4326)
               LIMIT $5) c`,
      [zoneId, null, pickups.map((p) => p[0]), pickups.map((p) => p[1]), poolSize],
    );
  }

  /**
   * Rides of the zone promised to a driver free to take an offer, not yet picked up, nobody else
   * offered them: what a takeover may decide again (ADR 0041), with their active assignment.
   */
  async promisedRides(
    zoneId: string,
    manager: EntityManager,
  ): Promise<{ assignmentId: string; rideId: string; driverId: string }[]> {
    return manager.query(
      `SELECT a.id AS "assignmentId", r.id AS "rideId", t.driver_id AS "driverId"
         FROM assignments a
         JOIN rides r ON r.id = a.ride_id AND r.status = 'assigned'
         JOIN trips t ON t.id = a.trip_id
         JOIN territories z ON z.id = $1 AND ST_Covers(z.area, r.pickup)
        WHERE a.status = 'active'
          AND NOT EXISTS (SELECT 1 FROM offers o WHERE o.status = 'pending' AND (o.driver_id = t.driver_id OR o.ride_id = r.id))`,
      [zoneId],
    );
  }

  /**
   * (ride, driver) pairs already offered once: a driver is never asked twice for the same ride (a
   * takeover withdrawn because the ride left its first driver does not count, ADR 0041).
   */
  async askedPairs(rideIds: string[], manager: EntityManager): Promise<Set<string>> {
    if (rideIds.length === 0) return new Set();
    const rows: { ride_id: string; driver_id: string }[] = await manager.query(
      `SELECT ride_id, driver_id FROM offers
        WHERE ride_id = ANY($1::uuid[]) AND NOT (status = 'withdrawn' AND takes_over IS NOT NULL)`,
      [rideIds],
    );
    return new Set(rows.map((r) => `${r.ride_id}|${r.driver_id}`));
  }
}
