import { soonerDriver, soonerDriverShown } from './sooner-driver.js';

const withAino = { id: 'ride-1', status: 'assigned', driverId: 'driver-a', driverName: 'Aino' } as const;
const withBea = { ...withAino, driverId: 'driver-b', driverName: 'Bea' } as const;

describe('soonerDriver', () => {
  it('finds another driver on the ride followed, still assigned', () => {
    expect(soonerDriver(withAino, withBea)).toEqual({
      rideId: 'ride-1',
      driverId: 'driver-b',
      driverName: 'Bea',
    });
    expect(soonerDriver(withAino, { ...withBea, driverName: null })?.driverName).toBeNull();
  });

  it('says nothing for the same driver, a first driver, another ride, or a ride that moved on', () => {
    expect(soonerDriver(withAino, withAino)).toBeNull();
    expect(soonerDriver({ ...withAino, status: 'offered', driverId: null }, withBea)).toBeNull();
    expect(soonerDriver({ ...withAino, driverId: null }, withBea)).toBeNull();
    expect(soonerDriver(withAino, { ...withBea, id: 'ride-2' })).toBeNull();
    expect(soonerDriver(undefined, withBea)).toBeNull();
    expect(soonerDriver(withAino, { ...withBea, status: 'picked_up' })).toBeNull();
    expect(soonerDriver(withAino, { ...withAino, status: 'cancelled', driverId: null })).toBeNull();
  });
});

describe('soonerDriverShown', () => {
  const sooner = { rideId: 'ride-1', driverId: 'driver-b', driverName: 'Bea' };

  it('holds while the ride followed waits for that driver', () => {
    expect(soonerDriverShown(sooner, withBea)).toBe(true);
  });

  it('ends once the rider is picked up, the driver changes again, or another ride is followed', () => {
    expect(soonerDriverShown(sooner, { ...withBea, status: 'picked_up' })).toBe(false);
    expect(soonerDriverShown(sooner, { ...withBea, driverId: 'driver-c' })).toBe(false);
    expect(soonerDriverShown(sooner, { ...withBea, id: 'ride-2' })).toBe(false);
    expect(soonerDriverShown(sooner, undefined)).toBe(false);
    expect(soonerDriverShown(null, withBea)).toBe(false);
  });
});
