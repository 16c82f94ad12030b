// `npm run bench:statements`: the API's hottest statements sent as TypeORM sends a query (unnamed:
// parsed and planned on every call) and as `queryPrepared` sends them (named: planned once per
// connection), side by side on one connection of a migrated scratch database (infra/adr/0036).
// Rounds alternate which goes first, so both see the same load; the floor (`SELECT 1` on the same
// connection) is measured in the same run.
import 'reflect-metadata';
import { queryPrepared } from '@navette/sql';
import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import type { DataSource } from 'typeorm';
import { createDataSource, runMigrations } from '../src/database/data-source.js';
import { TRIP_VIEW_FOR_DRIVER } from '../src/dispatch/trip.repository.js';
import { RIDE_VIEW_BY_ID } from '../src/rides/ride.repository.js';
import { RECORD_POSITIONS } from '../src/shifts/position-reports.js';

const serverUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const flag = (name: string, fallback: number) => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
};
const DRIVERS = flag('drivers', 500);
const ROUNDS = flag('rounds', 10);
const CALLS = flag('calls', 300);

interface Fleet {
  rides: string[];
  drivers: string[];
  /** [driver, ride] of each assignment. */
  carried: [string, string][];
}

/** One territory; each driver on shift with a position and an active trip carrying one assigned ride. */
async function seed(db: DataSource): Promise<Fleet> {
  await db.query(`
    DO $$
    DECLARE terr uuid; d uuid; v uuid; s uuid; t uuid; rider uuid; r uuid; o uuid;
    BEGIN
      INSERT INTO territories (name, level, area)
      VALUES ('Bench', 'town', ST_Multi(ST_MakeEnvelope(24.9, 60.15, 25.0, 60.2, 4326))) RETURNING id INTO terr;
      FOR i IN 1..${DRIVERS} LOOP
        INSERT INTO members (email, display_name, password_hash, role)
        VALUES ('driver' || i || '@bench.test', 'Driver ' || i, 'x', 'driver') RETURNING id INTO d;
        INSERT INTO vehicles (driver_id, label, seats, wheelchair_places) VALUES (d, 'car', 4, 0) RETURNING id INTO v;
        INSERT INTO shifts (driver_id, vehicle_id, territory_id) VALUES (d, v, terr) RETURNING id INTO s;
        INSERT INTO driver_positions (driver_id, shift_id, position, reported_at)
        VALUES (d, s, ST_SetSRID(ST_MakePoint(24.95, 60.18), 4326), now());
        INSERT INTO trips (driver_id, shift_id, status, period)
        VALUES (d, s, 'active', tstzrange(now(), NULL)) RETURNING id INTO t;
        INSERT INTO members (email, display_name, password_hash, role)
        VALUES ('rider' || i || '@bench.test', 'Rider ' || i, 'x', 'rider') RETURNING id INTO rider;
        INSERT INTO rides (rider_id, pickup, dropoff, territory_id)
        VALUES (rider, ST_SetSRID(ST_MakePoint(24.95, 60.18), 4326), ST_SetSRID(ST_MakePoint(24.96, 60.19), 4326), terr)
        RETURNING id INTO r;
        INSERT INTO offers (ride_id, driver_id, shift_id, trip_id, approach_meters, expires_at, status)
        VALUES (r, d, s, t, 100, now() + interval '1 minute', 'accepted') RETURNING id INTO o;
        INSERT INTO assignments (ride_id, trip_id, offer_id) VALUES (r, t, o);
        UPDATE rides SET status = 'assigned' WHERE id = r;
      END LOOP;
    END $$`);
  await db.query('ANALYZE');
  const rides: { id: string }[] = await db.query(`SELECT id FROM rides ORDER BY id`);
  const drivers: { id: string }[] = await db.query(`SELECT driver_id AS id FROM shifts ORDER BY driver_id`);
  const carried: { driver: string; ride: string }[] = await db.query(
    `SELECT t.driver_id AS driver, a.ride_id AS ride FROM assignments a JOIN trips t ON t.id = a.trip_id ORDER BY a.ride_id`,
  );
  return {
    rides: rides.map((r) => r.id),
    drivers: drivers.map((d) => d.id),
    carried: carried.map((c) => [c.driver, c.ride]),
  };
}

interface Statement {
  name: string;
  text: string;
  values(i: number): unknown[];
}

function statements(fleet: Fleet): Statement[] {
  const driver = (i: number) => fleet.drivers[i % fleet.drivers.length]!;
  return [
    { name: 'ride view by id', text: RIDE_VIEW_BY_ID, values: (i) => [fleet.rides[i % fleet.rides.length]] },
    {
      name: 'trip view for its driver',
      text: TRIP_VIEW_FOR_DRIVER,
      values: (i) => fleet.carried[i % fleet.carried.length]!,
    },
    {
      name: 'position report (a write, and its riders)',
      text: RECORD_POSITIONS,
      values: (i) => [[driver(i)], [24.95 + (i % 97) / 10_000], [60.18 + (i % 89) / 10_000]],
    },
  ];
}

const percentile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
const ms = (value: number) => value.toFixed(3);

async function timeCalls(
  calls: number,
  once: (i: number) => Promise<unknown>,
  into: number[],
): Promise<void> {
  for (let i = 0; i < calls; i++) {
    const started = performance.now();
    await once(i);
    into.push(performance.now() - started);
  }
}

function line(label: string, times: number[]): string {
  const sorted = [...times].sort((a, b) => a - b);
  return `${label.padEnd(9)} p50 ${ms(percentile(sorted, 0.5))}  p99 ${ms(percentile(sorted, 0.99))}  mean ${ms(mean(times))} ms  (${times.length} calls)`;
}

async function main(): Promise<void> {
  const name = `navette_statements_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const db = createDataSource(url.toString(), { poolSize: 1 });
  try {
    await runMigrations(url.toString());
    await db.initialize();
    const fleet = await seed(db);
    console.log(
      `bench:statements — ${DRIVERS} drivers on shift, ${fleet.rides.length} assigned rides; ` +
        `${ROUNDS} rounds × ${CALLS} calls each way, one connection; load average ${loadavg()[0]!.toFixed(1)}`,
    );
    const floor: number[] = [];
    await timeCalls(50, () => db.query('SELECT 1'), []);
    await timeCalls(ROUNDS * CALLS, () => db.query('SELECT 1'), floor);
    console.log(`\nfloor: SELECT 1 (unnamed) on the same connection\n  ${line('', floor)}`);
    for (const statement of statements(fleet)) {
      const unnamed: number[] = [];
      const named: number[] = [];
      const runUnnamed = (into: number[], calls: number) =>
        timeCalls(calls, (i) => db.query(statement.text, statement.values(i)), into);
      const runNamed = (into: number[], calls: number) =>
        timeCalls(calls, (i) => queryPrepared(db.manager, statement.text, statement.values(i)), into);
      await runUnnamed([], 20); // warm-up: catalogue caches, PostGIS loaded, the named plan cached
      await runNamed([], 20);
      let same = true;
      for (let i = 0; i < 10; i++) {
        const unnamedRows: unknown[] = await db.query(statement.text, statement.values(i));
        const namedRows = await queryPrepared(db.manager, statement.text, statement.values(i));
        same &&= unnamedRows.length > 0 && JSON.stringify(unnamedRows) === JSON.stringify(namedRows);
      }
      for (let round = 0; round < ROUNDS; round++) {
        if (round % 2 === 0) {
          await runUnnamed(unnamed, CALLS);
          await runNamed(named, CALLS);
        } else {
          await runNamed(named, CALLS);
          await runUnnamed(unnamed, CALLS);
        }
      }
      console.log(`\n${statement.name} (same rows either way: ${same})`);
      console.log(`  ${line('unnamed', unnamed)}\n  ${line('named', named)}`);
      console.log(`  named ÷ unnamed, mean: ${(mean(named) / mean(unnamed)).toFixed(2)}`);
    }
  } finally {
    if (db.isInitialized) await db.destroy();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

await main();
