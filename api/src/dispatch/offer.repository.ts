import { Inject, Injectable } from '@nestjs/common';
import type { OfferView } from '@navette/contracts';
import { OFFER_VIEW_COLUMNS, toOfferView, type OfferViewRow } from '@navette/sql';
import { DataSource } from 'typeorm';

const selectOfferView = `SELECT ${OFFER_VIEW_COLUMNS} FROM offers o JOIN rides r ON r.id = o.ride_id`;

@Injectable()
export class OfferRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  /** Offers still open for this driver: shown again after a reconnect. */
  async pendingFor(driverId: string): Promise<OfferView[]> {
    const rows: OfferViewRow[] = await this.db.query(
      `${selectOfferView} WHERE o.driver_id = $1 AND o.status = 'pending' AND o.expires_at > now()
        ORDER BY o.created_at`,
      [driverId],
    );
    return rows.map(toOfferView);
  }
}
