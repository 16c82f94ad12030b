import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The foundation schema. The invariants that must survive crashes and races are constraints here,
 * not locks in memory: one active assignment per request, one pending offer per request, and no
 * driver holding two offers or trips that overlap in time (an exclusion constraint on trips).
 */
export class InitialSchema1763884800000 implements MigrationInterface {
  name = 'InitialSchema1763884800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS postgis`);
    await q.query(`CREATE EXTENSION IF NOT EXISTS btree_gist`);
    await q.query(`CREATE EXTENSION IF NOT EXISTS pgcrypto`);

    await q.query(`
      CREATE TABLE territories (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        level text NOT NULL CHECK (level IN ('region', 'town', 'neighbourhood')),
        parent_id uuid REFERENCES territories(id),
        area geometry(MultiPolygon, 4326) NOT NULL CHECK (ST_IsValid(area)),
        max_wait_seconds integer NOT NULL DEFAULT 900 CHECK (max_wait_seconds > 0),
        offer_timeout_seconds integer NOT NULL DEFAULT 30 CHECK (offer_timeout_seconds BETWEEN 5 AND 600),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX territories_area_gist ON territories USING gist (area)`);

    await q.query(`
      CREATE TABLE members (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NOT NULL UNIQUE CHECK (email = lower(email)),
        display_name text NOT NULL,
        password_hash text NOT NULL,
        role text NOT NULL CHECK (role IN ('rider', 'driver', 'coordinator', 'admin')),
        home_territory_id uuid REFERENCES territories(id),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE territory_coordinators (
        territory_id uuid NOT NULL REFERENCES territories(id),
        member_id uuid NOT NULL REFERENCES members(id),
        PRIMARY KEY (territory_id, member_id)
      )`);
    await q.query(`
      CREATE TABLE vouches (
        voucher_id uuid NOT NULL REFERENCES members(id),
        vouchee_id uuid NOT NULL REFERENCES members(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        withdrawn_at timestamptz,
        PRIMARY KEY (voucher_id, vouchee_id),
        CHECK (voucher_id <> vouchee_id)
      )`);

    await q.query(`
      CREATE TABLE vehicles (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        driver_id uuid NOT NULL REFERENCES members(id),
        label text NOT NULL,
        seats integer NOT NULL CHECK (seats BETWEEN 0 AND 60),
        wheelchair_places integer NOT NULL DEFAULT 0 CHECK (wheelchair_places BETWEEN 0 AND 10),
        cargo_units integer NOT NULL DEFAULT 0 CHECK (cargo_units BETWEEN 0 AND 100)
      )`);
    await q.query(`
      CREATE TABLE shifts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        driver_id uuid NOT NULL REFERENCES members(id),
        vehicle_id uuid NOT NULL REFERENCES vehicles(id),
        territory_id uuid NOT NULL REFERENCES territories(id),
        started_at timestamptz NOT NULL DEFAULT now(),
        ended_at timestamptz,
        CHECK (ended_at IS NULL OR ended_at >= started_at)
      )`);
    await q.query(
      `CREATE UNIQUE INDEX shifts_one_open_per_driver ON shifts (driver_id) WHERE ended_at IS NULL`,
    );

    // Latest position of each driver on shift: the nearest-driver query runs a KNN scan on its index.
    await q.query(`
      CREATE TABLE driver_positions (
        driver_id uuid PRIMARY KEY REFERENCES members(id),
        shift_id uuid NOT NULL REFERENCES shifts(id),
        position geometry(Point, 4326) NOT NULL,
        reported_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX driver_positions_position_gist ON driver_positions USING gist (position)`);

    await q.query(`
      CREATE TABLE rides (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        rider_id uuid NOT NULL REFERENCES members(id),
        kind text NOT NULL DEFAULT 'ride' CHECK (kind IN ('ride', 'task')),
        status text NOT NULL DEFAULT 'requested'
          CHECK (status IN ('requested', 'offered', 'assigned', 'picked_up', 'completed', 'cancelled', 'unserved')),
        pickup geometry(Point, 4326) NOT NULL,
        dropoff geometry(Point, 4326) NOT NULL,
        seats integer NOT NULL DEFAULT 1 CHECK (seats BETWEEN 0 AND 8),
        wheelchair_places integer NOT NULL DEFAULT 0 CHECK (wheelchair_places BETWEEN 0 AND 2),
        territory_id uuid NOT NULL REFERENCES territories(id),
        match_round integer NOT NULL DEFAULT 0,
        idempotency_key text,
        requested_at timestamptz NOT NULL DEFAULT now(),
        picked_up_at timestamptz,
        completed_at timestamptz,
        cancelled_at timestamptz,
        CHECK (seats + wheelchair_places > 0),
        UNIQUE (rider_id, idempotency_key)
      )`);
    await q.query(
      `CREATE INDEX rides_open ON rides (territory_id, requested_at) WHERE status IN ('requested', 'offered')`,
    );

    // A trip is a driver's hold on their own time: 'offered' while an offer waits for an answer,
    // 'active' once accepted; its period stays open (upper bound null) until it ends. One exclusion
    // constraint keeps a driver from holding two offers or trips that overlap, whatever the race.
    await q.query(`
      CREATE TABLE trips (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        driver_id uuid NOT NULL REFERENCES members(id),
        shift_id uuid NOT NULL REFERENCES shifts(id),
        status text NOT NULL DEFAULT 'offered' CHECK (status IN ('offered', 'active', 'completed', 'cancelled')),
        period tstzrange NOT NULL,
        EXCLUDE USING gist (driver_id WITH =, period WITH &&) WHERE (status IN ('offered', 'active'))
      )`);
    await q.query(`
      CREATE TABLE offers (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        ride_id uuid NOT NULL REFERENCES rides(id),
        driver_id uuid NOT NULL REFERENCES members(id),
        shift_id uuid NOT NULL REFERENCES shifts(id),
        trip_id uuid NOT NULL UNIQUE REFERENCES trips(id),
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'accepted', 'declined', 'expired', 'withdrawn')),
        approach_meters integer NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        responded_at timestamptz,
        UNIQUE (ride_id, driver_id)
      )`);
    await q.query(
      `CREATE UNIQUE INDEX offers_one_pending_per_ride ON offers (ride_id) WHERE status = 'pending'`,
    );
    await q.query(
      `CREATE UNIQUE INDEX offers_one_pending_per_driver ON offers (driver_id) WHERE status = 'pending'`,
    );
    await q.query(`CREATE INDEX offers_pending_expiry ON offers (expires_at) WHERE status = 'pending'`);

    await q.query(`
      CREATE TABLE assignments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        ride_id uuid NOT NULL REFERENCES rides(id),
        trip_id uuid NOT NULL REFERENCES trips(id),
        offer_id uuid NOT NULL UNIQUE REFERENCES offers(id),
        status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'completed', 'cancelled')),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE UNIQUE INDEX assignments_one_active_per_ride ON assignments (ride_id) WHERE status = 'active'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'assignments',
      'offers',
      'trips',
      'rides',
      'driver_positions',
      'shifts',
      'vehicles',
      'vouches',
      'territory_coordinators',
      'members',
      'territories',
    ]) {
      await q.query(`DROP TABLE IF EXISTS ${table}`);
    }
  }
}
