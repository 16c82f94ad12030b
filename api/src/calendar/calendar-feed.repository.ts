import { Inject, Injectable } from '@nestjs/common';
import { sql } from '@navette/sql';
import { DataSource } from 'typeorm';

/** One shift of the feed's driver, with its territory's name. */
export interface FeedShiftRow {
  id: string;
  startedAt: Date;
  endedAt: Date | null;
  territoryName: string;
}

/** One rota shift the feed's driver is signed up for (ADR 0027). */
export interface FeedRotaRow {
  signupId: string;
  startsAt: Date;
  endsAt: Date;
  territoryName: string;
  note: string | null;
}

/** Calendar feed tokens (their SHA-256 only) and what a feed shows. */
@Injectable()
export class CalendarFeedRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  /** Stores `tokenSha256` as the member's feed, replacing (so revoking) the one they had. */
  async replace(memberId: string, tokenSha256: Buffer): Promise<void> {
    await sql(
      this.db,
      `INSERT INTO calendar_feeds (member_id, token_sha256) VALUES ($1, $2)
       ON CONFLICT (member_id) DO UPDATE SET token_sha256 = EXCLUDED.token_sha256, created_at = now()`,
      [memberId, tokenSha256],
    );
  }

  /** Revokes the member's feed; false when they had none. */
  async delete(memberId: string): Promise<boolean> {
    const rows = await sql<{ member_id: string }>(
      this.db,
      `DELETE FROM calendar_feeds WHERE member_id = $1 RETURNING member_id`,
      [memberId],
    );
    return rows.length > 0;
  }

  /** The member whose feed has this token, unless erased since. */
  async memberOf(tokenSha256: Buffer): Promise<{ id: string; displayName: string } | undefined> {
    const [row] = await sql<{ id: string; displayName: string }>(
      this.db,
      `SELECT m.id, m.display_name AS "displayName" FROM calendar_feeds f JOIN members m ON m.id = f.member_id
        WHERE f.token_sha256 = $1 AND m.erased_at IS NULL`,
      [tokenSha256],
    );
    return row;
  }

  /** The driver's shifts that started after `since` or are still open, oldest first. */
  shifts(driverId: string, since: Date): Promise<FeedShiftRow[]> {
    return sql<FeedShiftRow>(
      this.db,
      `SELECT s.id, s.started_at AS "startedAt", s.ended_at AS "endedAt", t.name AS "territoryName"
         FROM shifts s JOIN territories t ON t.id = s.territory_id
        WHERE s.driver_id = $1 AND (s.started_at >= $2 OR s.ended_at IS NULL)
        ORDER BY s.started_at`,
      [driverId, since],
    );
  }

  /** The rota shifts the driver is signed up for that end after `since`, soonest first. */
  rotaShifts(driverId: string, since: Date): Promise<FeedRotaRow[]> {
    return sql<FeedRotaRow>(
      this.db,
      `SELECT su.id AS "signupId", o.starts_at AS "startsAt", o.ends_at AS "endsAt", t.name AS "territoryName", s.note
         FROM rota_signups su JOIN rota_occurrences o ON o.id = su.occurrence_id
         JOIN rota_slots s ON s.id = o.slot_id JOIN territories t ON t.id = s.territory_id
        WHERE su.driver_id = $1 AND su.status = 'signed' AND su.shift_id IS NULL AND o.ends_at >= $2
        ORDER BY o.starts_at`,
      [driverId, since],
    );
  }
}
