import { Inject, Injectable } from '@nestjs/common';
import { rooms, type DriverMoved, type LngLat } from '@navette/contracts';
import { ASYNC_COMMIT_CTE, queryPrepared } from '@navette/sql';
import DataLoader from 'dataloader';
import { DataSource } from 'typeorm';
import { OutboundEventsPublisher } from '../redis/outbound-events.publisher.js';

/** What one position report found: the driver's open shift, and the riders of their active trip. */
export interface PositionRecorded {
  shiftId: string;
  territoryId: string;
  /** Whether the point lies in a territory: only then is it written. */
  inside: boolean;
  /** `assigned` riders await the car; `picked_up` ones are on board. */
  riders: { rideId: string; riderId: string; status: 'assigned' | 'picked_up' }[];
}

/**
 * Position reports in one statement ($1 drivers, $2 longitudes, $3 latitudes, one element per
 * report): each report's open shift, whether its point lies in a territory and its driver's riders
 * (an active assignment is on an active trip, a trigger's invariant); each driver's last report
 * inside a territory written, in driver order (one lock order for concurrent batches).
 */
export const RECORD_POSITIONS = `WITH ${ASYNC_COMMIT_CTE},
      report AS (
        SELECT x.n, x.driver_id, ST_SetSRID(ST_MakePoint(x.lng, x.lat), 4326) AS position
          FROM unnest($1::uuid[], $2::float8[], $3::float8[]) WITH ORDINALITY AS x(driver_id, lng, lat, n)),
      shift AS (
        SELECT r.n, r.driver_id, r.position, s.id, s.territory_id,
               EXISTS (SELECT 1 FROM territories t WHERE ST_Covers(t.area, r.position)) AS inside
          FROM report r JOIN shifts s ON s.driver_id = r.driver_id AND s.ended_at IS NULL),
      latest AS (
        SELECT DISTINCT ON (driver_id) driver_id, id, position FROM shift WHERE inside ORDER BY driver_id, n DESC),
      written AS (
        INSERT INTO driver_positions (driver_id, shift_id, position, reported_at)
        SELECT l.driver_id, l.id, l.position, now() FROM latest l, async_commit ORDER BY l.driver_id
        ON CONFLICT (driver_id) DO UPDATE
          SET shift_id = EXCLUDED.shift_id, position = EXCLUDED.position, reported_at = EXCLUDED.reported_at
        RETURNING 1)
  SELECT s.n::int AS n, s.id AS "shiftId", s.territory_id AS "territoryId", s.inside,
         COALESCE((SELECT json_agg(json_build_object('rideId', r.id, 'riderId', r.rider_id, 'status', r.status))
                     FROM trips t JOIN assignments a ON a.trip_id = t.id AND a.status = 'active'
                     JOIN rides r ON r.id = a.ride_id AND r.status IN ('assigned', 'picked_up')
                    WHERE t.driver_id = s.driver_id AND t.status = 'active'), '[]'::json) AS riders
    FROM shift s`;

/** Most reports in one statement. */
const MAX_REPORTS_PER_STATEMENT = 500;

interface Report {
  driverId: string;
  position: LngLat;
}

/**
 * Drivers' position reports, written together (issue 12). Every driver on shift reports every few
 * seconds, so with thousands online the reports, one statement each, were most of PostgreSQL's
 * work. Reports that arrive while a statement is in flight wait for it and then go together in the
 * next one: a report on a quiet server goes at once (the next turn of the event loop), and under
 * load the batches grow with the load instead of the statements. DataLoader does the batching;
 * nothing is cached (every report is new).
 *
 * The positions a statement wrote are announced together too: one `drivers:moved` per territory
 * for its coordinators' maps (one Redis message and one socket frame per coordinator, where one
 * per report made most of this node's work at a thousand reports a second: ADR 0039).
 *
 * The commit does not wait for the WAL flush (`ASYNC_COMMIT_CTE`, ADR 0030): a PostgreSQL crash
 * may lose the last ~0.6 s of positions, never consistency, and the driver's next report replaces
 * a lost one.
 */
@Injectable()
export class PositionReports {
  private inFlight: Promise<unknown> | undefined;
  private readonly loader = new DataLoader<Report, PositionRecorded | undefined>(
    (reports) => this.write(reports),
    {
      cache: false,
      maxBatchSize: MAX_REPORTS_PER_STATEMENT,
      batchScheduleFn: (dispatch) => {
        if (this.inFlight) void this.inFlight.finally(dispatch);
        else setImmediate(dispatch);
      },
    },
  );

  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(OutboundEventsPublisher) private readonly events: OutboundEventsPublisher,
  ) {}

  /** Records one report; undefined when the driver has no open shift. */
  record(driverId: string, position: LngLat): Promise<PositionRecorded | undefined> {
    return this.loader.load({ driverId, position });
  }

  private async write(reports: readonly Report[]): Promise<(PositionRecorded | undefined)[]> {
    const statement = queryPrepared<PositionRecorded & { n: number }>(this.db.manager, RECORD_POSITIONS, [
      reports.map((r) => r.driverId),
      reports.map((r) => r.position[0]),
      reports.map((r) => r.position[1]),
    ]);
    const done = statement.catch(() => undefined);
    this.inFlight = done;
    void done.then(() => {
      if (this.inFlight === done) this.inFlight = undefined;
    });
    const rows = await statement;
    const byReport = new Map(rows.map(({ n, ...recorded }) => [n, recorded]));
    const recorded = reports.map((_, i) => byReport.get(i + 1));
    await this.announce(reports, recorded);
    return recorded;
  }

  /** Each territory's coordinators learn where its drivers now are: each driver's last report written. */
  private async announce(
    reports: readonly Report[],
    recorded: readonly (PositionRecorded | undefined)[],
  ): Promise<void> {
    const at = new Date().toISOString();
    const latest = new Map<string, { territoryId: string; move: DriverMoved }>();
    reports.forEach(({ driverId, position }, i) => {
      const shift = recorded[i];
      if (shift?.inside)
        latest.set(driverId, { territoryId: shift.territoryId, move: { driverId, position, at } });
    });
    const byTerritory = new Map<string, DriverMoved[]>();
    for (const { territoryId, move } of latest.values()) {
      const moves = byTerritory.get(territoryId) ?? [];
      moves.push(move);
      byTerritory.set(territoryId, moves);
    }
    await Promise.all(
      [...byTerritory].map(([territoryId, moves]) =>
        this.events.publish(rooms.territory(territoryId), 'drivers:moved', { territoryId, moves }),
      ),
    );
  }
}
