import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An active assignment only on an active trip (infra/adr/0009). A driver accepting a pooled offer
 * while dropping off the trip's last rider could complete the trip and keep the new assignment
 * active: the ride stayed `assigned` forever, on a route nobody drove. Two triggers make it
 * impossible whatever the code does, and serialise on the trip row:
 * - an assignment becoming active locks its trip (FOR SHARE, until commit) and needs it `active`;
 * - a trip leaving `offered`/`active` needs no active assignment on it.
 * Whichever of the two writes comes second waits for the first to commit, then sees it, and is
 * refused with a check violation (23514) naming the constraint.
 * Rides already stuck that way go back to matching.
 */
export class ActiveAssignmentOnActiveTrip1764748800000 implements MigrationInterface {
  name = 'ActiveAssignmentOnActiveTrip1764748800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION assignment_needs_active_trip() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        trip_status text;
      BEGIN
        SELECT status INTO trip_status FROM trips WHERE id = NEW.trip_id FOR SHARE;
        IF trip_status IS DISTINCT FROM 'active' THEN
          RAISE EXCEPTION 'ride % cannot be active on trip %, which is %', NEW.ride_id, NEW.trip_id, trip_status
            USING ERRCODE = 'check_violation', CONSTRAINT = 'assignments_active_on_active_trip';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER assignments_active_on_active_trip
        BEFORE INSERT OR UPDATE OF status, trip_id ON assignments
        FOR EACH ROW WHEN (NEW.status = 'active') EXECUTE FUNCTION assignment_needs_active_trip()`);
    await q.query(`
      CREATE FUNCTION trip_ends_without_active_assignment() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF EXISTS (SELECT 1 FROM assignments WHERE trip_id = NEW.id AND status = 'active') THEN
          RAISE EXCEPTION 'trip % cannot become %: a ride is still active on it', NEW.id, NEW.status
            USING ERRCODE = 'check_violation', CONSTRAINT = 'trips_end_without_active_assignment';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER trips_end_without_active_assignment
        BEFORE UPDATE OF status ON trips
        FOR EACH ROW WHEN (NEW.status NOT IN ('offered', 'active'))
        EXECUTE FUNCTION trip_ends_without_active_assignment()`);
    // Rides left assigned on an ended trip by the race: back to matching (the sweeper enqueues them).
    await q.query(`
      WITH stuck AS (
        UPDATE assignments a SET status = 'cancelled'
          FROM trips t, rides r
         WHERE t.id = a.trip_id AND r.id = a.ride_id AND a.status = 'active'
           AND t.status NOT IN ('offered', 'active') AND r.status = 'assigned'
        RETURNING a.ride_id)
      UPDATE rides SET status = 'requested', match_round = match_round + 1
       WHERE id IN (SELECT ride_id FROM stuck)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER trips_end_without_active_assignment ON trips`);
    await q.query(`DROP FUNCTION trip_ends_without_active_assignment()`);
    await q.query(`DROP TRIGGER assignments_active_on_active_trip ON assignments`);
    await q.query(`DROP FUNCTION assignment_needs_active_trip()`);
  }
}
