import { Inject, Injectable } from '@nestjs/common';
import type { DriverAvailability } from '@navette/contracts';
import { ASYNC_COMMIT_CTE, driverAvailability } from '@navette/sql';
import { DataSource } from 'typeorm';

/** Rows of `driver_connections` whose expiry passed this long ago are deleted, in seconds. */
const PURGE_AFTER_SECONDS = 3600;

/**
 * One row per driver socket, with an expiry the holding API node pushes forward: presence holds
 * across several nodes and expires by itself when a node dies without saying goodbye.
 */
@Injectable()
export class DriverConnectionRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  async add(socketId: string, driverId: string, ttlSeconds: number): Promise<void> {
    await this.db.query(
      `INSERT INTO driver_connections (socket_id, driver_id, expires_at)
       VALUES ($1, $2, now() + make_interval(secs => $3))
       ON CONFLICT (socket_id) DO UPDATE SET expires_at = EXCLUDED.expires_at`,
      [socketId, driverId, ttlSeconds],
    );
  }

  async remove(socketId: string): Promise<void> {
    await this.db.query(`DELETE FROM driver_connections WHERE socket_id = $1`, [socketId]);
  }

  /**
   * Pushes these sockets' expiry forward. Its commit does not wait for the WAL flush
   * (`ASYNC_COMMIT_CTE`): a renewal lost in a PostgreSQL crash is redone by the next heartbeat or
   * position, well within the expiry (three heartbeats).
   */
  async renew(socketIds: string[], ttlSeconds: number): Promise<void> {
    if (socketIds.length === 0) return;
    await this.db.query(
      `WITH ${ASYNC_COMMIT_CTE}
       UPDATE driver_connections SET expires_at = now() + make_interval(secs => $2)
         FROM async_commit WHERE socket_id = ANY($1::text[])`,
      [socketIds, ttlSeconds],
    );
  }

  /** Forgets rows long expired (sockets of crashed nodes). */
  async purge(): Promise<void> {
    await this.db.query(
      `DELETE FROM driver_connections WHERE expires_at < now() - make_interval(secs => $1)`,
      [PURGE_AFTER_SECONDS],
    );
  }

  /** Availability of each driver on shift among these (drivers off shift are absent). */
  availability(driverIds: string[]): Promise<Map<string, DriverAvailability>> {
    return driverAvailability(this.db, driverIds);
  }
}
