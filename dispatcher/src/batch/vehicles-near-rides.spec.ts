import { nearest, type Point } from '@navette/matching';
import { vehiclesNearRides } from './vehicles-near-rides.js';

const vehicle = (id: string, at: Point) => ({ id, at });

describe('vehiclesNearRides', () => {
  // A row of vehicles along a street, 0.001° apart.
  const fleet = Array.from({ length: 20 }, (_, i) => vehicle(`v${i}`, [24.9 + i * 0.001, 60.17]));

  it('keeps the k nearest of each pickup, in the fleet’s order, and nobody else', () => {
    const rides = [{ pickup: [24.9, 60.17] as Point }, { pickup: [24.919, 60.17] as Point }];
    expect(vehiclesNearRides(fleet, rides, 3).map((v) => v.id)).toEqual([
      'v0',
      'v1',
      'v2',
      'v17',
      'v18',
      'v19',
    ]);
  });

  it('gives each ride exactly its own k nearest among those kept', () => {
    const rides = [0.0031, 0.0052, 0.0149].map((dx) => ({ pickup: [24.9 + dx, 60.1701] as Point }));
    const kept = vehiclesNearRides(fleet, rides, 4);
    for (const ride of rides) {
      expect(nearest(kept, ride.pickup, 4).map((v) => v.id)).toEqual(
        nearest(fleet, ride.pickup, 4).map((v) => v.id),
      );
    }
    expect(kept.length).toBeLessThan(fleet.length);
  });

  it('keeps the whole fleet when it is no larger than k, and nobody without a ride', () => {
    expect(vehiclesNearRides(fleet.slice(0, 3), [{ pickup: [0, 0] }], 3)).toHaveLength(3);
    expect(vehiclesNearRides(fleet, [], 3)).toEqual([]);
  });
});
