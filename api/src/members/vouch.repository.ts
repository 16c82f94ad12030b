import { Inject, Injectable } from '@nestjs/common';
import type { VouchView } from '@navette/contracts';
import { sql } from '@navette/sql';
import { DataSource } from 'typeorm';

interface VouchRow {
  voucher_id: string;
  vouchee_id: string;
  name: string;
  created_at: Date;
}

const toView = (r: VouchRow): VouchView => ({
  voucherId: r.voucher_id,
  voucheeId: r.vouchee_id,
  name: r.name,
  since: r.created_at.toISOString(),
});

@Injectable()
export class VouchRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  async memberExists(id: string): Promise<boolean> {
    const rows: unknown[] = await this.db.query(`SELECT 1 FROM members WHERE id = $1`, [id]);
    return rows.length > 0;
  }

  /** The member's vouch code, made now (`fresh`) if they have none; a clash with another's code is retried. */
  async codeOf(memberId: string, fresh: () => string, renew = false): Promise<string | undefined> {
    for (let attempt = 0; ; attempt++) {
      try {
        const rows = await sql<{ vouch_code: string }>(
          this.db,
          `UPDATE members SET vouch_code = CASE WHEN $3 OR vouch_code IS NULL THEN $2 ELSE vouch_code END
            WHERE id = $1 AND erased_at IS NULL RETURNING vouch_code`,
          [memberId, fresh(), renew],
        );
        return rows[0]?.vouch_code;
      } catch (error) {
        if (attempt >= 3 || (error as { code?: string }).code !== '23505') throw error;
      }
    }
  }

  /** The member whose code this is (stored form), if any. */
  async memberByCode(code: string): Promise<string | undefined> {
    const rows = await sql<{ id: string }>(
      this.db,
      `SELECT id FROM members WHERE vouch_code = $1 AND erased_at IS NULL`,
      [code],
    );
    return rows[0]?.id;
  }

  /** Gives a vouch, or renews one that was withdrawn. Giving it twice changes nothing. */
  async give(voucherId: string, voucheeId: string): Promise<void> {
    await this.db.query(
      `INSERT INTO vouches (voucher_id, vouchee_id) VALUES ($1, $2)
       ON CONFLICT (voucher_id, vouchee_id) DO UPDATE
         SET withdrawn_at = NULL,
             created_at = CASE WHEN vouches.withdrawn_at IS NULL THEN vouches.created_at ELSE now() END`,
      [voucherId, voucheeId],
    );
  }

  async withdraw(voucherId: string, voucheeId: string): Promise<boolean> {
    const rows = await sql(
      this.db,
      `UPDATE vouches SET withdrawn_at = now() WHERE voucher_id = $1 AND vouchee_id = $2 AND withdrawn_at IS NULL
       RETURNING voucher_id`,
      [voucherId, voucheeId],
    );
    return rows.length > 0;
  }

  async of(memberId: string): Promise<{ given: VouchView[]; received: VouchView[] }> {
    const given: VouchRow[] = await this.db.query(
      `SELECT v.voucher_id, v.vouchee_id, m.display_name AS name, v.created_at
         FROM vouches v JOIN members m ON m.id = v.vouchee_id
        WHERE v.voucher_id = $1 AND v.withdrawn_at IS NULL ORDER BY m.display_name`,
      [memberId],
    );
    const received: VouchRow[] = await this.db.query(
      `SELECT v.voucher_id, v.vouchee_id, m.display_name AS name, v.created_at
         FROM vouches v JOIN members m ON m.id = v.voucher_id
        WHERE v.vouchee_id = $1 AND v.withdrawn_at IS NULL ORDER BY m.display_name`,
      [memberId],
    );
    return { given: given.map(toView), received: received.map(toView) };
  }
}
