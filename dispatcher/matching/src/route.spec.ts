import { buildProblem, checkRoute, planarTravelTimes, scheduleRoute, type TripRequest } from './index.js';

const travel = planarTravelTimes(1);
const ride = (id: string, overrides: Partial<TripRequest>): TripRequest => ({
  id,
  kind: 'ride',
  pickup: [10, 0],
  dropoff: [110, 0],
  ...overrides,
});

describe('exact route evaluation (eight-step scheduling)', () => {
  it('delays a pickup so that waiting for an early dropoff window does not count as ride time', () => {
    const built = buildProblem({
      requests: [ride('late-arrival', { dropoffWindow: [900, 1000], maxRideSeconds: 150 })],
      vehicles: [{ id: 'v', at: [0, 0], capacity: { seats: 1 } }],
      travel,
    });
    const p = built.problem;
    const result = scheduleRoute(p, 0, [p.pickupNode[0]!, p.dropoffNode[0]!]);
    expect(result.violation).toBeUndefined();
    if (result.violation === undefined) {
      const [pickupStart, dropoffStart] = result.schedule.start as [number, number];
      expect(dropoffStart).toBeGreaterThanOrEqual(900);
      expect(dropoffStart - pickupStart).toBeLessThanOrEqual(150);
    }
  });

  it('reports each kind of violation', () => {
    const built = buildProblem({
      requests: [
        ride('a', { load: { seats: 2 } }),
        ride('b', { pickupWindow: [0, 5] }),
        ride('c', { maxRideSeconds: 100, pickup: [0, 0], dropoff: [100, 0] }),
      ],
      vehicles: [
        { id: 'small', at: [0, 0], capacity: { seats: 1 } },
        { id: 'short-shift', at: [0, 0], capacity: { seats: 4 }, shiftEndSeconds: 50 },
        { id: 'van', at: [0, 0], capacity: { seats: 4 } },
      ],
      travel,
    });
    const p = built.problem;
    const trip = (r: number): number[] => [p.pickupNode[r]!, p.dropoffNode[r]!];
    expect(checkRoute(p, 0, trip(0))).toBe('capacity');
    expect(checkRoute(p, 2, trip(1))).toBe('time-window');
    expect(checkRoute(p, 1, trip(2))).toBe('shift-end');
    // c rides 100 s direct; a detour through b's trip makes it 220 s.
    expect(checkRoute(p, 2, [p.pickupNode[2]!, p.pickupNode[0]!, p.dropoffNode[0]!, p.dropoffNode[2]!])).toBe(
      'max-ride-time',
    );
    expect(checkRoute(p, 2, [p.dropoffNode[2]!, p.pickupNode[2]!])).toBe('precedence');
    expect(checkRoute(p, 2, trip(2))).toBeUndefined();
  });

  it('still calls a ride too long when the limit has narrowed the dropoff window', () => {
    const built = buildProblem({
      requests: [
        ride('a', {}),
        ride('booked', { maxRideSeconds: 100, pickup: [0, 0], dropoff: [100, 0], pickupWindow: [0, 10] }),
      ],
      vehicles: [{ id: 'van', at: [0, 0], capacity: { seats: 4 } }],
      travel,
    });
    const p = built.problem;
    // The dropoff may start no later than 10 + 100; the detour through a's trip arrives at 120.
    expect(p.latest[p.dropoffNode[1]!]).toBe(110);
    expect(checkRoute(p, 0, [p.pickupNode[1]!, p.pickupNode[0]!, p.dropoffNode[0]!, p.dropoffNode[1]!])).toBe(
      'max-ride-time',
    );
  });
});
