import type { DayTally } from './day.js';
import { pairedDifference, serviceRateOf, studentT975 } from './paired.js';

const day = (requests: number, served: number): DayTally => ({
  zones: [
    { zone: 'a', requests: requests - 10, served: served - 5, refusedByHour: [requests - served - 5] },
    { zone: 'b', requests: 10, served: 5, refusedByHour: [5] },
  ],
  waitSeconds: 0,
  pickedUp: 0,
  rideOverDirect: 0,
  completed: 0,
  trips: [],
  batches: 0,
  decideMs: 0,
});

describe('the paired difference of two runs over the same days', () => {
  it("takes a day's service rate over all its zones", () => {
    expect(serviceRateOf(day(100, 80))).toBeCloseTo(0.8);
  });

  it('is the mean of the day-by-day differences, with a standard error from their spread', () => {
    const off = [day(100, 80), day(100, 90), day(100, 70), day(100, 85)];
    const on = [day(100, 79), day(100, 88), day(100, 70), day(100, 82)];
    // Differences −1, −2, 0, −3 points: mean −1.5, sample sd √(5/3), standard error √(5/3)/2.
    const d = pairedDifference(off, on);
    expect(d.days).toBe(4);
    expect(d.mean).toBeCloseTo(-0.015);
    expect(d.standardError).toBeCloseTo(Math.sqrt(5 / 3) / 2 / 100);
    // t(0.975, 3) = 3.182 in the tables.
    expect((d.high - d.mean) / d.standardError).toBeCloseTo(3.182, 1);
    expect(d.mean - d.low).toBeCloseTo(d.high - d.mean);
  });

  it('pairs days, so a shift common to both runs does not widen the interval', () => {
    const off = [day(100, 60), day(100, 90), day(100, 75)];
    const on = [day(100, 58), day(100, 88), day(100, 73)];
    const d = pairedDifference(off, on);
    expect(d.mean).toBeCloseTo(-0.02);
    expect(d.standardError).toBeCloseTo(0);
  });

  it('refuses runs of different days', () => {
    expect(() => pairedDifference([day(100, 80)], [day(100, 80)])).toThrow(/two or more days/);
    expect(() => pairedDifference([day(100, 80), day(100, 80)], [day(100, 80)])).toThrow(/same/);
  });
});

describe("Student's t quantile", () => {
  it('matches the 97.5 % table values', () => {
    for (const [dof, table] of [
      [3, 3.182],
      [5, 2.571],
      [10, 2.228],
      [23, 2.069],
      [95, 1.985],
    ] as const)
      expect(Math.abs(studentT975(dof) - table)).toBeLessThan(0.03);
    expect(studentT975(100_000)).toBeCloseTo(1.96, 2);
  });
});
