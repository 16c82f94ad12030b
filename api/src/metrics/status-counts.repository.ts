import { Inject, Injectable } from '@nestjs/common';
import { sql } from '@navette/sql';
import { DataSource } from 'typeorm';

/** How many rows hold each status: what the ride and offer gauges report. */
export interface StatusCount {
  status: string;
  n: number;
}

/** The counts the metrics read when scraped. */
@Injectable()
export class StatusCountsRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  /** Rides by status (`requested`, `offered`, `assigned`, …). */
  rides(): Promise<StatusCount[]> {
    return sql<StatusCount>(this.db, `SELECT status, count(*)::int AS n FROM rides GROUP BY status`);
  }

  /** Offers by status (`pending`, `accepted`, `declined`, `expired`, `withdrawn`). */
  offers(): Promise<StatusCount[]> {
    return sql<StatusCount>(this.db, `SELECT status, count(*)::int AS n FROM offers GROUP BY status`);
  }
}
