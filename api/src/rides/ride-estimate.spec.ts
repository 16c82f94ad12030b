import { GreatCircleTravelTimes } from '@navette/matching';
import { estimateRide } from './ride-estimate.js';

describe('estimateRide', () => {
  const travel = new GreatCircleTravelTimes();
  const pickup: [number, number] = [24.95, 60.18];
  const dropoff: [number, number] = [24.93, 60.17];

  it('waits for the nearest driver and drives the direct trip, by the travel model', () => {
    const near: [number, number] = [24.951, 60.18];
    const far: [number, number] = [24.99, 60.2];
    const estimate = estimateRide(pickup, dropoff, [far, near], travel);
    expect(estimate.waitSeconds).toBe(Math.round(travel.seconds(near, pickup)));
    expect(estimate.tripSeconds).toBe(Math.round(travel.seconds(pickup, dropoff)));
    expect(estimate.tripMeters).toBe(Math.round(travel.meters(pickup, dropoff)));
    expect(estimate.driversOnShift).toBe(2);
  });

  it('has no wait to tell when no driver is on shift', () => {
    expect(estimateRide(pickup, dropoff, [], travel)).toMatchObject({ waitSeconds: null, driversOnShift: 0 });
  });
});
