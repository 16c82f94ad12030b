import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The rota (ADR 0027): shift slots per territory, one-off or weekly in the territory's time zone;
 * an occurrence row per dated slot once someone signs up (the row every sign-up change locks);
 * sign-ups with a waiting list; swaps offered and accepted; flags of booked rides no signed driver
 * can take. A trigger keeps signed drivers within the slot's need, whatever the code path.
 */
export class Rota1765650000000 implements MigrationInterface {
  name = 'Rota1765650000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE territories
        ADD COLUMN rota_withdraw_cutoff_minutes integer NOT NULL DEFAULT 720
          CHECK (rota_withdraw_cutoff_minutes BETWEEN 0 AND 20160),
        ADD COLUMN rota_no_show_minutes integer NOT NULL DEFAULT 15 CHECK (rota_no_show_minutes BETWEEN 1 AND 1440),
        ADD COLUMN rota_reminder_minutes integer NOT NULL DEFAULT 60 CHECK (rota_reminder_minutes BETWEEN 1 AND 10080)`);
    await q.query(`
      CREATE TABLE rota_slots (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        territory_id uuid NOT NULL REFERENCES territories(id) ON DELETE CASCADE,
        repeat text NOT NULL CHECK (repeat IN ('once', 'weekly')),
        first_date date NOT NULL,
        until_date date,
        start_time time NOT NULL,
        duration_minutes integer NOT NULL CHECK (duration_minutes BETWEEN 15 AND 1440),
        drivers_needed integer NOT NULL CHECK (drivers_needed BETWEEN 1 AND 100),
        note text CHECK (char_length(note) <= 500),
        created_by uuid REFERENCES members(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        removed_at timestamptz,
        CHECK (repeat = 'weekly' OR until_date IS NULL),
        CHECK (until_date IS NULL OR until_date >= first_date)
      )`);
    await q.query(`CREATE INDEX rota_slots_territory ON rota_slots (territory_id) WHERE removed_at IS NULL`);
    await q.query(`
      CREATE TABLE rota_occurrences (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        slot_id uuid NOT NULL REFERENCES rota_slots(id) ON DELETE CASCADE,
        date date NOT NULL,
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL CHECK (ends_at > starts_at),
        UNIQUE (slot_id, date)
      )`);
    await q.query(`CREATE INDEX rota_occurrences_starts ON rota_occurrences (starts_at)`);
    await q.query(`
      CREATE TABLE rota_signups (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        occurrence_id uuid NOT NULL REFERENCES rota_occurrences(id) ON DELETE CASCADE,
        driver_id uuid NOT NULL REFERENCES members(id) ON DELETE CASCADE,
        status text NOT NULL CHECK (status IN ('signed', 'waiting', 'withdrawn', 'handed-over', 'no-show')),
        created_at timestamptz NOT NULL DEFAULT now(),
        signed_at timestamptz,
        ended_at timestamptz,
        late boolean NOT NULL DEFAULT false,
        shift_id uuid REFERENCES shifts(id) ON DELETE SET NULL,
        reminded_at timestamptz,
        CHECK ((status IN ('signed', 'waiting')) = (ended_at IS NULL))
      )`);
    await q.query(
      `CREATE UNIQUE INDEX rota_signups_one_live ON rota_signups (occurrence_id, driver_id) WHERE status IN ('signed', 'waiting')`,
    );
    await q.query(`CREATE INDEX rota_signups_driver ON rota_signups (driver_id, status)`);
    // Signed drivers never exceed the need: the occurrence row is locked first, so two sign-ups for
    // the last place serialise and the second sees the first (each statement takes a new snapshot).
    await q.query(`
      CREATE FUNCTION rota_signups_within_need() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE needed integer; taken integer;
      BEGIN
        IF NEW.status <> 'signed' OR (TG_OP = 'UPDATE' AND OLD.status = 'signed') THEN RETURN NEW; END IF;
        SELECT s.drivers_needed INTO needed FROM rota_occurrences o JOIN rota_slots s ON s.id = o.slot_id
         WHERE o.id = NEW.occurrence_id FOR UPDATE OF o;
        SELECT count(*) INTO taken FROM rota_signups
         WHERE occurrence_id = NEW.occurrence_id AND status = 'signed' AND id <> NEW.id;
        IF taken >= needed THEN
          RAISE EXCEPTION 'the shift has all the drivers it needs'
            USING ERRCODE = '23514', CONSTRAINT = 'rota_signups_within_need';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER rota_signups_within_need BEFORE INSERT OR UPDATE OF status ON rota_signups
        FOR EACH ROW EXECUTE FUNCTION rota_signups_within_need()`);
    await q.query(`
      CREATE TABLE rota_swaps (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        signup_id uuid NOT NULL REFERENCES rota_signups(id) ON DELETE CASCADE,
        to_driver_id uuid REFERENCES members(id) ON DELETE CASCADE,
        status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'accepted', 'cancelled')),
        accepted_by uuid REFERENCES members(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        decided_at timestamptz
      )`);
    await q.query(`CREATE UNIQUE INDEX rota_swaps_one_open ON rota_swaps (signup_id) WHERE status = 'open'`);
    await q.query(`
      CREATE TABLE rota_flags (
        territory_id uuid NOT NULL REFERENCES territories(id) ON DELETE CASCADE,
        date date NOT NULL,
        ride_id uuid NOT NULL REFERENCES rides(id) ON DELETE CASCADE,
        flagged_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (territory_id, date, ride_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE rota_flags`);
    await q.query(`DROP TABLE rota_swaps`);
    await q.query(`DROP TABLE rota_signups`);
    await q.query(`DROP FUNCTION rota_signups_within_need()`);
    await q.query(`DROP TABLE rota_occurrences`);
    await q.query(`DROP TABLE rota_slots`);
    await q.query(`
      ALTER TABLE territories DROP COLUMN rota_withdraw_cutoff_minutes, DROP COLUMN rota_no_show_minutes,
        DROP COLUMN rota_reminder_minutes`);
  }
}
