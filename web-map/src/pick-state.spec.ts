import { pick, roundPosition, START, withDropoff, withPickup } from './pick-state.js';

describe('pick', () => {
  it('takes the pickup, then the drop-off, then moves the drop-off', () => {
    const first = pick(START, [24.95, 60.18]);
    expect(first).toEqual({ step: 'dropoff', pickup: [24.95, 60.18] });
    const second = pick(first, [24.93, 60.17]);
    expect(second).toEqual({ step: 'ready', pickup: [24.95, 60.18], dropoff: [24.93, 60.17] });
    expect(pick(second, [24.92, 60.16])).toEqual({
      step: 'ready',
      pickup: [24.95, 60.18],
      dropoff: [24.92, 60.16],
    });
  });

  it('takes either end by name, in any order, replacing what was chosen', () => {
    const dropoffFirst = withDropoff(START, [24.93, 60.17]);
    expect(dropoffFirst).toEqual({ step: 'pickup', dropoff: [24.93, 60.17] });
    // A click then sets the pickup, the drop-off chosen by name is kept.
    expect(pick(dropoffFirst, [24.95, 60.18])).toEqual({
      step: 'ready',
      pickup: [24.95, 60.18],
      dropoff: [24.93, 60.17],
    });
    const pickupFirst = withPickup(START, [24.95, 60.18]);
    expect(pickupFirst).toEqual({ step: 'dropoff', pickup: [24.95, 60.18] });
    expect(withPickup(pickupFirst, [24.96, 60.19])).toEqual({ step: 'dropoff', pickup: [24.96, 60.19] });
    const ready = withDropoff(pickupFirst, [24.93, 60.17]);
    expect(withPickup(ready, [24.96, 60.19])).toEqual({
      step: 'ready',
      pickup: [24.96, 60.19],
      dropoff: [24.93, 60.17],
    });
  });

  it('rounds positions to six decimals', () => {
    expect(roundPosition([24.123456789, 60.987654321])).toEqual([24.123457, 60.987654]);
  });
});
