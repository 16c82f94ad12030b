import { sharedEffortSeconds } from './shared-effort.js';

const at = (minute: number) => new Date(Date.UTC(2025, 2, 1, 10, minute));
const ride = (rideId: string, from: number, to: number, tripId = 't1') => ({
  rideId,
  tripId,
  from: at(from),
  to: at(to),
});

describe('shared effort', () => {
  it('a ride alone gets its whole time aboard', () => {
    expect(sharedEffortSeconds([ride('a', 0, 30)])).toEqual(new Map([['a', 1800]]));
  });

  it('pooled riders share the stretch they ride together: the trip is counted once', () => {
    // a 10:00–10:30, b 10:10–10:40: 40 min driven; 20 of them with both aboard.
    const shares = sharedEffortSeconds([ride('a', 0, 30), ride('b', 10, 40)]);
    expect(shares).toEqual(
      new Map([
        ['a', 600 + 600],
        ['b', 600 + 600],
      ]),
    );
    expect([...shares.values()].reduce((s, x) => s + x, 0)).toBe(40 * 60);
  });

  it('three riders, one gap: the shares sum to the union of the times aboard', () => {
    const shares = sharedEffortSeconds([
      ride('a', 0, 30),
      ride('b', 0, 30),
      ride('c', 15, 30),
      ride('d', 40, 50),
    ]);
    expect(shares.get('a')).toBe(450 + 300);
    expect(shares.get('c')).toBe(300);
    expect(shares.get('d')).toBe(600);
    expect([...shares.values()].reduce((s, x) => s + x, 0)).toBe(40 * 60);
  });

  it('rides of different trips share nothing; a zero-length ride gets 0', () => {
    const shares = sharedEffortSeconds([ride('a', 0, 30, 't1'), ride('b', 0, 30, 't2'), ride('z', 5, 5)]);
    expect(shares).toEqual(
      new Map([
        ['a', 1800],
        ['b', 1800],
        ['z', 0],
      ]),
    );
  });
});
