import type { RideView } from '@navette/contracts';
import {
  canCancel,
  currentRide,
  formatClock,
  isFinished,
  rideStatusMessage,
  statusMessage,
} from './ride-status.js';

function ride(id: string, status: RideView['status'], requestedAt: string): RideView {
  return {
    id,
    kind: 'ride',
    status,
    riderId: 'r',
    pickup: { type: 'Point', coordinates: [24.95, 60.18] },
    dropoff: { type: 'Point', coordinates: [24.94, 60.17] },
    pickupName: 'Kallion kirjasto',
    dropoffName: 'Kamppi',
    seats: 1,
    wheelchairPlaces: 0,
    territoryId: 't',
    requestedAt,
    pickupAt: null,
    driverId: null,
    driverName: null,
    driverPosition: null,
    expectedPickupAt: null,
    expectedDropoffAt: null,
    vehicleLabel: null,
    sharedWith: 0,
  };
}

describe('ride status helpers', () => {
  it('knows which statuses are final and which can be cancelled', () => {
    expect(isFinished('completed')).toBe(true);
    expect(isFinished('unserved')).toBe(true);
    expect(isFinished('assigned')).toBe(false);
    expect(canCancel('assigned')).toBe(true);
    expect(canCancel('picked_up')).toBe(false);
    expect(canCancel('cancelled')).toBe(false);
  });

  it('names the message of each status', () => {
    expect(statusMessage('picked_up')).toBe('status.picked_up');
  });

  it('says where a task stands in its own words: collected, on its way, how it was handed over', () => {
    const task = (status: RideView['status'], more: Partial<NonNullable<RideView['task']>> = {}) => ({
      status,
      task: { returning: false, outcome: null, ...more } as NonNullable<RideView['task']>,
    });
    expect(rideStatusMessage({ status: 'assigned', task: null })).toBe('status.assigned');
    expect(rideStatusMessage(task('requested'))).toBe('status.requested');
    expect(rideStatusMessage(task('assigned'))).toBe('task.status.assigned');
    expect(rideStatusMessage(task('picked_up'))).toBe('task.status.picked_up');
    expect(rideStatusMessage(task('picked_up', { returning: true }))).toBe('task.status.returning');
    expect(rideStatusMessage(task('completed', { outcome: 'code' }))).toBe('task.status.delivered');
    expect(rideStatusMessage(task('completed', { outcome: 'neighbour' }))).toBe('task.status.neighbour');
    expect(rideStatusMessage(task('completed', { outcome: 'safe-place' }))).toBe('task.status.safePlace');
    expect(rideStatusMessage(task('completed', { outcome: 'returned' }))).toBe('task.status.returned');
    expect(rideStatusMessage(task('cancelled'))).toBe('status.cancelled');
  });

  it('formats a pickup time as a local clock time', () => {
    expect(formatClock('2025-06-01T09:05:00Z', 'en-GB', 'Europe/Helsinki')).toBe('12:05');
    expect(formatClock('2025-06-01T09:05:00Z', 'fr', 'UTC')).toBe('09:05');
  });

  it('follows the newest ride still under way', () => {
    const rides = [
      ride('a', 'completed', '2025-06-01T10:00:00Z'),
      ride('b', 'assigned', '2025-06-01T09:00:00Z'),
      ride('c', 'requested', '2025-06-01T09:30:00Z'),
    ];
    expect(currentRide(rides)?.id).toBe('c');
    expect(currentRide([ride('a', 'cancelled', '2025-06-01T10:00:00Z')])).toBeUndefined();
  });
});
