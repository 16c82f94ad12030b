import type { RideView } from '@navette/contracts';

/**
 * A driver who can come sooner took the rider's ride over from the one shown before (ADR 0041):
 * which ride, and who now comes. Kept as data, so the notice follows the interface language.
 */
export interface SoonerDriver {
  rideId: string;
  driverId: string;
  driverName: string | null;
}

/** What of a ride tells that its driver changed. */
type Assigned = Pick<RideView, 'id' | 'status' | 'driverId'>;

/**
 * The takeover `next` reveals against `shown`, the ride the page followed: the same ride, assigned
 * before and still, to another driver (both known). Null otherwise — a first driver, a pickup or a
 * cancellation has its own words.
 */
export function soonerDriver(
  shown: Assigned | undefined,
  next: Assigned & Pick<RideView, 'driverName'>,
): SoonerDriver | null {
  if (!shown || shown.id !== next.id) return null;
  if (shown.status !== 'assigned' || next.status !== 'assigned') return null;
  if (!shown.driverId || !next.driverId || shown.driverId === next.driverId) return null;
  return { rideId: next.id, driverId: next.driverId, driverName: next.driverName };
}

/** The notice still holds while the ride followed is that ride, assigned to that driver. */
export function soonerDriverShown(
  sooner: SoonerDriver | null,
  ride: Assigned | undefined,
): sooner is SoonerDriver {
  return (
    sooner !== null &&
    ride?.id === sooner.rideId &&
    ride.status === 'assigned' &&
    ride.driverId === sooner.driverId
  );
}
