import { describe, expect, it } from '@jest/globals';
import {
  DEFAULT_SPEED_METERS_PER_SECOND,
  EARTH_RADIUS_METERS,
  GreatCircleTravelTimes,
  haversineMeters,
} from './great-circle-travel-times.js';

const PARIS = [2.3522, 48.8566] as const;
const LONDON = [-0.1276, 51.5072] as const;

describe('haversineMeters', () => {
  it('measures Paris–London at about 343.5 km', () => {
    expect(haversineMeters(PARIS, LONDON) / 1000).toBeCloseTo(343.5, 1);
  });

  it('measures one degree of the equator and a quarter meridian', () => {
    expect(haversineMeters([0, 0], [1, 0])).toBeCloseTo((Math.PI / 180) * EARTH_RADIUS_METERS, 6);
    expect(haversineMeters([0, 0], [0, 90])).toBeCloseTo((Math.PI / 2) * EARTH_RADIUS_METERS, 3);
  });

  it('shrinks a degree of longitude with the cosine of latitude', () => {
    expect(haversineMeters([0, 60], [1, 60])).toBeCloseTo(haversineMeters([0, 0], [0.5, 0]), -1);
  });

  it('is symmetric, zero on a point, and finite for antipodes', () => {
    expect(haversineMeters(PARIS, LONDON)).toBe(haversineMeters(LONDON, PARIS));
    expect(haversineMeters(PARIS, PARIS)).toBe(0);
    expect(haversineMeters([0, 0], [180, 0])).toBeCloseTo(Math.PI * EARTH_RADIUS_METERS, 3);
  });
});

describe('GreatCircleTravelTimes', () => {
  it('defaults to circuity 1.3 at 30 km/h', () => {
    const travel = new GreatCircleTravelTimes();
    expect(travel.circuity).toBe(1.3);
    expect(DEFAULT_SPEED_METERS_PER_SECOND).toBeCloseTo(8.333, 3);
    const crow = haversineMeters(PARIS, LONDON);
    expect(travel.meters(PARIS, LONDON)).toBeCloseTo(crow * 1.3, 6);
    // 446.6 km of road at 30 km/h ≈ 14.9 h.
    expect(travel.seconds(PARIS, LONDON) / 3600).toBeCloseTo((crow * 1.3) / 1000 / 30, 6);
  });

  it('takes 2 minutes for 1 km of road at 30 km/h', () => {
    const travel = new GreatCircleTravelTimes({ circuity: 1 });
    const oneKmNorth = [2.3522, 48.8566 + 1000 / ((Math.PI / 180) * EARTH_RADIUS_METERS)] as const;
    expect(travel.meters(PARIS, oneKmNorth)).toBeCloseTo(1000, 6);
    expect(travel.seconds(PARIS, oneKmNorth)).toBeCloseTo(120, 6);
  });

  it('honours a configured circuity and speed', () => {
    const travel = new GreatCircleTravelTimes({ circuity: 1.5, speedMetersPerSecond: 10 });
    const crow = haversineMeters(PARIS, LONDON);
    expect(travel.meters(PARIS, LONDON)).toBeCloseTo(crow * 1.5, 6);
    expect(travel.seconds(PARIS, LONDON)).toBeCloseTo((crow * 1.5) / 10, 6);
  });

  it('rejects a zero, negative or non-finite option', () => {
    expect(() => new GreatCircleTravelTimes({ speedMetersPerSecond: 0 })).toThrow(RangeError);
    expect(() => new GreatCircleTravelTimes({ circuity: -1 })).toThrow(/circuity/);
    expect(() => new GreatCircleTravelTimes({ earthRadiusMeters: Number.NaN })).toThrow(/earthRadiusMeters/);
  });
});
