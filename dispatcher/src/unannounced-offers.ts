import { rooms } from '@navette/contracts';
import { OFFER_VIEW_COLUMNS, toOfferView, type OfferViewRow } from '@navette/sql';
import type { DataSource } from 'typeorm';
import type { MatchingScheduler } from './matching-scheduler.js';
import type { OutboundEvents } from './outbound-events.js';

/**
 * Announces again the offers still open, when a dispatcher starts. A batch commits its offers, then
 * schedules their expiry and tells the drivers; a process killed in between leaves offers nobody
 * heard of, and their drivers (connected all along, so they never ask `offers:resend`) would only
 * see them expire. Scheduling is idempotent (the expiry job's id is the offer's) and a driver app
 * already takes an offer it has again, as after a reconnect; so every open offer is announced.
 */
export async function announceOpenOffers(
  db: DataSource,
  scheduler: MatchingScheduler,
  events: OutboundEvents,
): Promise<number> {
  const open: (OfferViewRow & { driver_id: string; rider_id: string })[] = await db.query(
    `SELECT ${OFFER_VIEW_COLUMNS}, o.driver_id, r.rider_id
       FROM offers o JOIN rides r ON r.id = o.ride_id
      WHERE o.status = 'pending' AND o.expires_at > now()
      ORDER BY o.created_at`,
  );
  for (const row of open) {
    const offer = toOfferView(row);
    await scheduler.scheduleExpiry(offer);
    await events.publish(rooms.driver(row.driver_id), 'offer:received', offer);
    await events.rideChanged(row.rider_id, offer.rideId);
  }
  return open.length;
}
