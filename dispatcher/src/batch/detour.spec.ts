import type { Point, TravelTimes } from '@navette/matching';
import { detourOf } from './detour.js';

/** A line world: points on the x axis, 1 unit = 1 meter = 1 second. */
const line: TravelTimes = {
  seconds: (a: Point, b: Point) => Math.abs(a[0] - b[0]),
  meters: (a: Point, b: Point) => Math.abs(a[0] - b[0]),
};
const at = (x: number): Point => [x, 0];

describe('detourOf', () => {
  it('is the approach and the ride for a driver with no other stop', () => {
    const positions = new Map([['new', { pickup: at(100), dropoff: at(400) }]]);
    const stops = [
      { requestId: 'new', type: 'pickup' as const },
      { requestId: 'new', type: 'dropoff' as const },
    ];
    expect(detourOf(at(0), stops, 'new', positions, line)).toEqual({ seconds: 400, meters: 400 });
  });

  it('is what a pooled ride adds to the route already planned', () => {
    // Aboard rider going to 1000; the new ride goes from 300 back to 200 on the way: 200 more.
    const positions = new Map([
      ['aboard', { pickup: at(0), dropoff: at(1000) }],
      ['new', { pickup: at(300), dropoff: at(200) }],
    ]);
    const stops = [
      { requestId: 'new', type: 'pickup' as const },
      { requestId: 'new', type: 'dropoff' as const },
      { requestId: 'aboard', type: 'dropoff' as const },
    ];
    expect(detourOf(at(0), stops, 'new', positions, line)).toEqual({ seconds: 200, meters: 200 });
  });

  it('adds nothing for a ride entirely on the way', () => {
    const positions = new Map([
      ['aboard', { pickup: at(0), dropoff: at(1000) }],
      ['new', { pickup: at(200), dropoff: at(600) }],
    ]);
    const stops = [
      { requestId: 'new', type: 'pickup' as const },
      { requestId: 'new', type: 'dropoff' as const },
      { requestId: 'aboard', type: 'dropoff' as const },
    ];
    expect(detourOf(at(0), stops, 'new', positions, line)).toEqual({ seconds: 0, meters: 0 });
  });
});
