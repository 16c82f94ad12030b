import type { LngLat } from '@navette/contracts';
import type { DataSource } from 'typeorm';
import { Fixtures } from '../../test/fixtures.js';
import { createTestDatabase, type TestDatabase } from '../../test/test-database.js';
import { createDataSource } from '../database/data-source.js';
import { PositionReports, type PositionRecorded } from './position-reports.js';

// Position reports written together (issue 12), on a real PostgreSQL/PostGIS.
let database: TestDatabase;
let db: DataSource;
let fixtures: Fixtures;
let territoryId: string;
const drivers: { id: string; shiftId: string }[] = [];
let offShift: string;

beforeAll(async () => {
  database = await createTestDatabase();
  db = await createDataSource(database.url, { poolSize: 4 }).initialize();
  fixtures = Fixtures.open(database.url);
  territoryId = await fixtures.aTerritory({ centre: [24.95, 60.18], half: 0.05 });
  for (let i = 0; i < 3; i++) {
    const driver = await fixtures.aDriver();
    const shift = await fixtures.db.query<{ id: string }>(
      `INSERT INTO shifts (driver_id, vehicle_id, territory_id) VALUES ($1, $2, $3) RETURNING id`,
      [driver.id, driver.vehicleId, territoryId],
    );
    drivers.push({ id: driver.id, shiftId: shift.rows[0]!.id });
  }
  offShift = (await fixtures.aDriver()).id;
}, 60_000);

afterAll(async () => {
  await fixtures?.close();
  await db?.destroy();
  await database?.drop();
});

/** Counts the statements a `PositionReports` sends and the reports in each. */
function counted(reports: PositionReports): number[] {
  const sizes: number[] = [];
  const write = (reports as unknown as { write: (r: readonly unknown[]) => Promise<unknown> }).write.bind(
    reports,
  );
  (reports as unknown as { write: typeof write }).write = (batch) => {
    sizes.push(batch.length);
    return write(batch);
  };
  return sizes;
}

const stored = async (driverId: string) =>
  (
    await fixtures.db.query<{ lng: number; lat: number }>(
      `SELECT ST_X(position) AS lng, ST_Y(position) AS lat FROM driver_positions WHERE driver_id = $1`,
      [driverId],
    )
  ).rows[0];

describe('PositionReports', () => {
  it('a report on a quiet server goes alone, at once', async () => {
    const reports = new PositionReports(db);
    const sizes = counted(reports);
    const recorded = await reports.record(drivers[0]!.id, [24.951, 60.181]);
    expect(recorded).toEqual({ shiftId: drivers[0]!.shiftId, territoryId, inside: true, riders: [] });
    expect(sizes).toEqual([1]);
    expect(await stored(drivers[0]!.id)).toEqual({ lng: 24.951, lat: 60.181 });
  });

  it('reports arriving while one is written go together, each answered for itself', async () => {
    const reports = new PositionReports(db);
    const sizes = counted(reports);
    const asked: { driverId: string; position: LngLat }[] = [];
    // Ten rounds of the three drivers, then one off shift and one outside every territory.
    for (let round = 0; round < 10; round++) {
      for (const driver of drivers)
        asked.push({ driverId: driver.id, position: [24.94 + round / 1000, 60.17] });
    }
    asked.push({ driverId: offShift, position: [24.95, 60.18] });
    asked.push({ driverId: drivers[1]!.id, position: [26, 61] });
    const answers: (PositionRecorded | undefined)[] = [];
    // One report per turn of the event loop, as sockets deliver them.
    const pending: Promise<void>[] = [];
    for (const [i, report] of asked.entries()) {
      pending.push(reports.record(report.driverId, report.position).then((a) => void (answers[i] = a)));
      await new Promise((resolve) => setImmediate(resolve));
    }
    await Promise.all(pending);

    expect(sizes.reduce((a, b) => a + b, 0)).toBe(asked.length);
    expect(sizes.length).toBeLessThan(asked.length);
    for (const [i, report] of asked.entries()) {
      const driver = drivers.find((d) => d.id === report.driverId);
      if (!driver) expect(answers[i]).toBeUndefined();
      else {
        expect(answers[i]).toEqual({
          shiftId: driver.shiftId,
          territoryId,
          inside: i !== asked.length - 1,
          riders: [],
        });
      }
    }
    // Each driver's last report inside a territory is the one stored; the one outside is not.
    for (const driver of drivers) expect(await stored(driver.id)).toEqual({ lng: 24.949, lat: 60.17 });
    expect(await stored(offShift)).toBeUndefined();
  });

  it('a failed statement fails every report it carried, and the next ones still go', async () => {
    const reports = new PositionReports(db);
    const bad = reports.record('not-a-uuid', [24.95, 60.18]);
    await expect(bad).rejects.toThrow(/uuid/);
    expect(await reports.record(drivers[2]!.id, [24.952, 60.182])).toMatchObject({ inside: true });
  });
});
