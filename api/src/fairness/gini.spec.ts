import { gini, percentile } from './gini.js';

describe('gini', () => {
  it('is 0 when everyone gets the same', () => {
    expect(gini([0.2, 0.2, 0.2, 0.2])).toBeCloseTo(0);
    expect(gini([])).toBe(0);
    expect(gini([0, 0])).toBe(0);
  });

  it('approaches 1 when one holds everything', () => {
    expect(gini([0, 0, 0, 1])).toBeCloseTo(0.75);
    expect(gini([1, 2, 3, 4])).toBeCloseTo(0.25);
  });

  it('does not depend on order or scale', () => {
    expect(gini([4, 1, 3, 2])).toBeCloseTo(gini([10, 20, 30, 40]));
  });
});

describe('percentile', () => {
  it('interpolates between ranks', () => {
    expect(percentile([10, 20, 30, 40, 50], 50)).toBe(30);
    expect(percentile([10, 20], 90)).toBeCloseTo(19);
    expect(percentile([], 50)).toBeNull();
  });
});
