import { pick, roundPosition, START } from './pick-state.js';

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

  it('rounds positions to six decimals', () => {
    expect(roundPosition([24.123456789, 60.987654321])).toEqual([24.123457, 60.987654]);
  });
});
