import { Inject, Injectable } from '@nestjs/common';
import type { OfferView, RequestKind } from '@navette/contracts';
import { DataSource } from 'typeorm';

interface OfferRow {
  id: string;
  ride_id: string;
  kind: RequestKind;
  pickup_area: [number, number];
  dropoff_area: [number, number];
  seats: number;
  wheelchair_places: number;
  approach_meters: number;
  expires_at: Date;
}

/** An offer shows areas (rounded to 0.001°, about 100 m), never the exact address. */
const selectOfferView = `
  SELECT o.id, o.ride_id, r.kind, r.seats, r.wheelchair_places, o.approach_meters, o.expires_at,
         json_build_array(round(ST_X(r.pickup)::numeric, 3), round(ST_Y(r.pickup)::numeric, 3)) AS pickup_area,
         json_build_array(round(ST_X(r.dropoff)::numeric, 3), round(ST_Y(r.dropoff)::numeric, 3)) AS dropoff_area
    FROM offers o JOIN rides r ON r.id = o.ride_id`;

export function toOfferView(row: OfferRow): OfferView {
  return {
    id: row.id,
    rideId: row.ride_id,
    kind: row.kind,
    pickupArea: row.pickup_area.map(Number) as [number, number],
    dropoffArea: row.dropoff_area.map(Number) as [number, number],
    seats: row.seats,
    wheelchairPlaces: row.wheelchair_places,
    approachMeters: row.approach_meters,
    expiresAt: row.expires_at.toISOString(),
  };
}

@Injectable()
export class OfferRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  /** Offers still open for this driver: shown again after a reconnect. */
  async pendingFor(driverId: string): Promise<OfferView[]> {
    const rows: OfferRow[] = await this.db.query(
      `${selectOfferView} WHERE o.driver_id = $1 AND o.status = 'pending' AND o.expires_at > now()
        ORDER BY o.created_at`,
      [driverId],
    );
    return rows.map(toOfferView);
  }
}
