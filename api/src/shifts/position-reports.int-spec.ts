import { outboundEventsChannel, rooms, type LngLat, type OutboundMessage } from '@navette/contracts';
import { Redis } from 'ioredis';
import type { DataSource } from 'typeorm';
import { Fixtures } from '../../test/fixtures.js';
import { eventually } from '../../test/stack.js';
import { createTestDatabase, redisUrl, uniquePrefix, type TestDatabase } from '../../test/test-database.js';
import type { AppConfig } from '../config/app-config.js';
import { createDataSource } from '../database/data-source.js';
import { OutboundEventsPublisher } from '../redis/outbound-events.publisher.js';
import { PositionReports, type PositionRecorded } from './position-reports.js';

// Position reports written and announced together (issue 12), on a real PostgreSQL/PostGIS and Redis.
let database: TestDatabase;
let redis: Redis;
let listener: Redis;
let publisher: OutboundEventsPublisher;
const published: OutboundMessage[] = [];
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
  const queuePrefix = uniquePrefix('positions');
  redis = new Redis(redisUrl);
  listener = new Redis(redisUrl);
  listener.on('message', (_channel: string, raw: string) =>
    published.push(JSON.parse(raw) as OutboundMessage),
  );
  await listener.subscribe(outboundEventsChannel(queuePrefix));
  publisher = new OutboundEventsPublisher(redis, { queuePrefix } as AppConfig);
}, 60_000);

afterAll(async () => {
  redis?.disconnect();
  listener?.disconnect();
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
    const reports = new PositionReports(db, publisher);
    const sizes = counted(reports);
    const recorded = await reports.record(drivers[0]!.id, [24.951, 60.181]);
    expect(recorded).toEqual({ shiftId: drivers[0]!.shiftId, territoryId, inside: true, riders: [] });
    expect(sizes).toEqual([1]);
    expect(await stored(drivers[0]!.id)).toEqual({ lng: 24.951, lat: 60.181 });
  });

  it('reports arriving while one is written go together, each answered for itself', async () => {
    const reports = new PositionReports(db, publisher);
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

  it('announces each statement’s positions to the territory’s coordinators in one event', async () => {
    published.length = 0;
    const reports = new PositionReports(db, publisher);
    const sizes = counted(reports);
    // Both rounds in one turn of the event loop: one statement.
    await Promise.all([
      ...drivers.map((d, i) => reports.record(d.id, [24.93 + i / 1000, 60.16])),
      ...drivers.map((d, i) => reports.record(d.id, [24.96 + i / 1000, 60.19])),
      reports.record(drivers[0]!.id, [26, 61]), // outside every territory: not shown
    ]);
    expect(sizes).toEqual([7]);
    await eventually(() => Promise.resolve(published.length > 0 || undefined));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(published).toHaveLength(1);
    const [message] = published as {
      room: string;
      event: string;
      payload: { territoryId: string; moves: { driverId: string; position: LngLat }[] };
    }[];
    expect(message!.room).toBe(rooms.territory(territoryId));
    expect(message!.event).toBe('drivers:moved');
    expect(message!.payload.territoryId).toBe(territoryId);
    // Each driver once, at their last position inside the territory (the one stored).
    expect(
      message!.payload.moves
        .map(({ driverId, position }) => ({ driverId, position }))
        .sort((a, b) => a.driverId.localeCompare(b.driverId)),
    ).toEqual(
      drivers
        .map((d, i) => ({ driverId: d.id, position: [24.96 + i / 1000, 60.19] }))
        .sort((a, b) => a.driverId.localeCompare(b.driverId)),
    );
  });

  it('a failed statement fails every report it carried, and the next ones still go', async () => {
    const reports = new PositionReports(db, publisher);
    const bad = reports.record('not-a-uuid', [24.95, 60.18]);
    await expect(bad).rejects.toThrow(/uuid/);
    expect(await reports.record(drivers[2]!.id, [24.952, 60.182])).toMatchObject({ inside: true });
  });
});
