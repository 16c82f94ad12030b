import { rooms } from '@navette/contracts';
import type { OutboundEventsPublisher } from '../redis/outbound-events.publisher.js';
import type { RideRepository } from './ride.repository.js';

/**
 * After a ride joined or left a trip: the other riders on it get their ride again
 * (`ride:updated`), so "your ride is shared with N others" stays true.
 */
export async function tellCoRiders(
  rides: RideRepository,
  events: OutboundEventsPublisher,
  rideId: string,
): Promise<void> {
  for (const other of await rides.ridesSharingTripWith(rideId)) {
    const view = await rides.view(other);
    if (view) await events.publish(rooms.member(view.riderId), 'ride:updated', view);
  }
}
