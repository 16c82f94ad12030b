import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Deliveries are real tasks (issue 14, ADR 0028). A task takes cargo units, not a seat: the old
 * `seats + wheelchair_places > 0` rule now holds for rides only; a task needs room of some kind
 * (the API gives every new task cargo units and no seat; tasks asked before kept their seat). Its
 * details (what, size, recipient, windows at both ends, what to do when delivery fails, the
 * handover code and outcome) live in `task_details`, one row per task. A territory sets its
 * plain-language sizes in cargo units and separate limits for tasks (how long a pickup may be
 * delayed, how far a parcel may be detoured). The recipient's contact, the instructions and the
 * code are erased when the ride's places are coarsened (the retention rule, or the sender's
 * erasure), by a trigger, so no path forgets them.
 */
/** The open statuses of `OneOpenRidePerTrip1765094400000`. */
const OPEN = `('requested', 'offered', 'assigned', 'picked_up')`;

export class Deliveries1765660000000 implements MigrationInterface {
  name = 'Deliveries1765660000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE territories
        ADD COLUMN task_max_wait_seconds integer NOT NULL DEFAULT 7200 CHECK (task_max_wait_seconds BETWEEN 60 AND 86400),
        ADD COLUMN task_max_detour_factor real NOT NULL DEFAULT 3 CHECK (task_max_detour_factor BETWEEN 1 AND 10),
        ADD COLUMN cargo_sizes jsonb NOT NULL DEFAULT '{"bag": 1, "box": 2, "boot": 6}'::jsonb
          CHECK (jsonb_typeof(cargo_sizes->'bag') = 'number' AND jsonb_typeof(cargo_sizes->'box') = 'number'
                 AND jsonb_typeof(cargo_sizes->'boot') = 'number')`);
    await q.query(
      `ALTER TABLE rides ADD COLUMN cargo_units integer NOT NULL DEFAULT 0 CHECK (cargo_units BETWEEN 0 AND 100)`,
    );
    // Tasks asked before today took a seat and no cargo: they keep their seat and count one unit.
    await q.query(`UPDATE rides SET cargo_units = 1 WHERE kind = 'task'`);
    await q.query(`ALTER TABLE rides DROP CONSTRAINT ${await seatsCheckName(q)}`);
    await q.query(`
      ALTER TABLE rides ADD CONSTRAINT rides_load_per_kind
        CHECK (CASE kind WHEN 'task' THEN cargo_units + seats + wheelchair_places > 0
                                   ELSE seats + wheelchair_places > 0 END)`);
    // Two parcels for the same neighbour at the same time are two tasks, not a double click: the
    // "one open request per trip" rule holds for rides; a task's replay is told by its Idempotency-Key.
    await q.query(`DROP INDEX rides_one_open_per_trip`);
    await q.query(`
      CREATE UNIQUE INDEX rides_one_open_per_trip ON rides
        (rider_id, ST_X(pickup), ST_Y(pickup), ST_X(dropoff), ST_Y(dropoff), COALESCE(pickup_at, '-infinity'))
        WHERE status IN ${OPEN} AND kind = 'ride'`);
    await q.query(`
      CREATE TABLE task_details (
        ride_id uuid PRIMARY KEY REFERENCES rides(id) ON DELETE CASCADE,
        what text NOT NULL CHECK (length(what) BETWEEN 1 AND 120),
        category text NOT NULL CHECK (category IN ('parcel', 'groceries', 'prescription', 'errand', 'other')),
        size text NOT NULL CHECK (size IN ('bag', 'box', 'boot')),
        weight_class text CHECK (weight_class IN ('light', 'medium', 'heavy')),
        recipient_member_id uuid REFERENCES members(id) ON DELETE SET NULL,
        recipient_name text CHECK (length(recipient_name) <= 80),
        recipient_phone text CHECK (length(recipient_phone) <= 32),
        recipient_email text CHECK (length(recipient_email) <= 254),
        pickup_instructions text CHECK (length(pickup_instructions) <= 500),
        dropoff_instructions text CHECK (length(dropoff_instructions) <= 500),
        pickup_before timestamptz,
        deliver_after timestamptz,
        deliver_before timestamptz,
        on_failure text NOT NULL DEFAULT 'return' CHECK (on_failure IN ('return', 'replan')),
        handover_code text CHECK (handover_code ~ '^[0-9]{6}$'),
        code_mailed boolean NOT NULL DEFAULT false,
        wrong_codes integer NOT NULL DEFAULT 0 CHECK (wrong_codes >= 0),
        failed_attempts integer NOT NULL DEFAULT 0 CHECK (failed_attempts >= 0),
        returning_to_sender boolean NOT NULL DEFAULT false,
        outcome text CHECK (outcome IN ('code', 'neighbour', 'safe-place', 'returned')),
        outcome_note text CHECK (length(outcome_note) <= 500),
        outcome_at timestamptz,
        contact_erased_at timestamptz,
        CHECK (contact_erased_at IS NOT NULL OR recipient_member_id IS NOT NULL
               OR (recipient_name IS NOT NULL AND (recipient_phone IS NOT NULL OR recipient_email IS NOT NULL))),
        CHECK (deliver_before IS NULL OR deliver_after IS NULL OR deliver_before > deliver_after),
        CHECK ((outcome IS NULL) = (outcome_at IS NULL))
      )`);
    await q.query(`CREATE INDEX task_details_recipient ON task_details (recipient_member_id)`);
    await q.query(`
      CREATE FUNCTION erase_task_contact() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE task_details
           SET recipient_name = NULL, recipient_phone = NULL, recipient_email = NULL, recipient_member_id = NULL,
               pickup_instructions = NULL, dropoff_instructions = NULL, outcome_note = NULL, handover_code = NULL,
               contact_erased_at = now()
         WHERE ride_id = NEW.id AND contact_erased_at IS NULL;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER rides_erase_task_contact AFTER UPDATE OF places_coarsened_at ON rides
        FOR EACH ROW WHEN (OLD.places_coarsened_at IS NULL AND NEW.places_coarsened_at IS NOT NULL)
        EXECUTE FUNCTION erase_task_contact()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX rides_one_open_per_trip`);
    await q.query(`
      CREATE UNIQUE INDEX rides_one_open_per_trip ON rides
        (rider_id, ST_X(pickup), ST_Y(pickup), ST_X(dropoff), ST_Y(dropoff), COALESCE(pickup_at, '-infinity'))
        WHERE status IN ${OPEN}`);
    await q.query(`DROP TRIGGER rides_erase_task_contact ON rides`);
    await q.query(`DROP FUNCTION erase_task_contact()`);
    await q.query(`DROP TABLE task_details`);
    await q.query(`ALTER TABLE rides DROP CONSTRAINT rides_load_per_kind`);
    await q.query(`UPDATE rides SET seats = 1 WHERE seats + wheelchair_places = 0`);
    await q.query(`ALTER TABLE rides ADD CONSTRAINT rides_check CHECK (seats + wheelchair_places > 0)`);
    await q.query(`ALTER TABLE rides DROP COLUMN cargo_units`);
    await q.query(
      `ALTER TABLE territories DROP COLUMN cargo_sizes, DROP COLUMN task_max_detour_factor, DROP COLUMN task_max_wait_seconds`,
    );
  }
}

/** The initial schema's unnamed `CHECK (seats + wheelchair_places > 0)`, found by its definition. */
async function seatsCheckName(q: QueryRunner): Promise<string> {
  const rows = (await q.query(
    `SELECT conname AS name FROM pg_constraint
      WHERE conrelid = 'rides'::regclass AND contype = 'c'
        AND pg_get_constraintdef(oid) LIKE '%(seats + wheelchair_places) > 0%'`,
  )) as { name: string }[];
  if (!rows[0]) throw new Error('the check on rides.seats + wheelchair_places was not found');
  return `"${rows[0].name}"`;
}
