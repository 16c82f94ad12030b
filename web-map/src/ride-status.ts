import type { RideStatus, RideView } from '@navette/contracts';
import type { MessageKey } from './i18n.js';

/** Statuses after which nothing more will happen to a ride. */
const FINISHED: readonly RideStatus[] = ['completed', 'cancelled', 'unserved', 'no_show'];

export function isFinished(status: RideStatus): boolean {
  return FINISHED.includes(status);
}

/** A rider may cancel until the driver has picked them up. */
export function canCancel(status: RideStatus): boolean {
  return status === 'requested' || status === 'offered' || status === 'assigned';
}

export function statusMessage(status: RideStatus): MessageKey {
  return `status.${status}`;
}

/** Where a ride stands in words; a task says collected, on its way, and how it was handed over. */
export function rideStatusMessage(ride: Pick<RideView, 'status' | 'task'>): MessageKey {
  const task = ride.task;
  if (!task) return statusMessage(ride.status);
  if (ride.status === 'assigned') return 'task.status.assigned';
  if (ride.status === 'picked_up') return task.returning ? 'task.status.returning' : 'task.status.picked_up';
  if (ride.status !== 'completed') return statusMessage(ride.status);
  if (task.outcome === 'neighbour') return 'task.status.neighbour';
  if (task.outcome === 'safe-place') return 'task.status.safePlace';
  if (task.outcome === 'returned' || task.returning) return 'task.status.returned';
  return 'task.status.delivered';
}

/** The local clock time (hours and minutes) of an ISO 8601 instant, in the interface's language. */
export function formatClock(iso: string, locale: string, timeZone?: string): string {
  return new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', timeZone }).format(
    new Date(iso),
  );
}

/** The ride to follow on load: the newest one still under way, if any. */
export function currentRide(rides: readonly RideView[]): RideView | undefined {
  return rides
    .filter((ride) => !isFinished(ride.status))
    .reduce<RideView | undefined>(
      (newest, ride) => (newest === undefined || ride.requestedAt > newest.requestedAt ? ride : newest),
      undefined,
    );
}

/** A duration for a person: whole minutes, at least one ("3 min"). */
export function formatDuration(
  seconds: number,
  t: (key: 'duration.minutes', params: { minutes: number }) => string,
): string {
  return t('duration.minutes', { minutes: Math.max(1, Math.round(seconds / 60)) });
}

/** The local date and time of an ISO 8601 instant, short ("6 Dec, 14:05"), in the interface's language. */
export function formatDateTime(iso: string, locale: string, timeZone?: string): string {
  return new Intl.DateTimeFormat(locale, {
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    timeZone,
  }).format(new Date(iso));
}
