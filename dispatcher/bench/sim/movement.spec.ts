import type { PlannedStopTime, Point } from '@navette/matching';
import {
  advance,
  driveHome,
  nextTurnAt,
  positionAt,
  turnOnTheWay,
  type MovingVehicle,
  type TurnAlong,
} from './movement.js';

/** Planar seconds: one unit of distance is 100 s of driving. */
const seconds = (a: Point, b: Point) => 100 * Math.hypot(a[0] - b[0], a[1] - b[1]);
const places: Record<string, Point> = { 'a:pickup': [1, 0], 'a:dropoff': [3, 0] };
const locate = (s: PlannedStopTime) => places[`${s.requestId}:${s.type}`]!;
const stop = (type: 'pickup' | 'dropoff', arrivalSeconds: number): PlannedStopTime => ({
  requestId: 'a',
  type,
  arrivalSeconds,
  startSeconds: arrivalSeconds,
});
const aVehicle = (route: PlannedStopTime[]): MovingVehicle => ({ at: [0, 0], freeAt: 0, route });

describe('vehicles on the simulated day', () => {
  it('serve the stops whose time has come, and stand at the last one while serving', () => {
    const v = aVehicle([stop('pickup', 100), stop('dropoff', 330)]);
    expect(advance(v, 99, 30, locate)).toEqual([]);
    expect(advance(v, 100, 30, locate).map((s) => s.type)).toEqual(['pickup']);
    expect(v.at).toEqual([1, 0]);
    expect(v.freeAt).toBe(130);
    expect(v.route).toHaveLength(1);
    expect(positionAt(v, 120, locate, seconds)).toEqual({ at: [1, 0], fromSeconds: 130 });
  });

  it('are found part of the way along the leg they are driving', () => {
    const v = aVehicle([stop('dropoff', 330)]);
    v.at = [1, 0];
    v.freeAt = 130;
    const halfway = positionAt(v, 230, locate, seconds);
    expect(halfway.fromSeconds).toBe(230);
    expect(halfway.at[0]).toBeCloseTo(2);
    expect(positionAt(v, 1000, locate, seconds).at).toEqual([3, 0]);
  });

  it('on a road table, turn only at their next stop: free there at the planned arrival', () => {
    const v = aVehicle([stop('dropoff', 330)]);
    v.at = [1, 0];
    v.freeAt = 130;
    expect(nextTurnAt(v, 230, locate)).toEqual({ at: [3, 0], fromSeconds: 330 });
    expect(nextTurnAt(v, 400, locate)).toEqual({ at: [3, 0], fromSeconds: 400 });
    expect(nextTurnAt(v, 120, locate)).toEqual({ at: [1, 0], fromSeconds: 130 });
  });

  it('on known streets, turn where the road says they get next, from when they get there', () => {
    // A road with a vertex every 50 s along the straight line.
    const turn: TurnAlong = (from, to, elapsed) => {
      const leg = seconds(from, to);
      const t = Math.min(leg, Math.ceil(elapsed / 50) * 50);
      const share = leg > 0 ? t / leg : 1;
      const at: Point = [from[0] + share * (to[0] - from[0]), from[1] + share * (to[1] - from[1])];
      return { at, seconds: t, meters: 10 * t };
    };
    const v = aVehicle([stop('dropoff', 330)]);
    v.at = [1, 0];
    v.freeAt = 130;
    // Left [1, 0] at 130 for [3, 0] (200 s): 60 s along, the next vertex is at 100 s, [2, 0].
    expect(turnOnTheWay(v, 190, locate, seconds, turn)).toEqual({
      at: [2, 0],
      fromSeconds: 230,
      meters: 1000,
    });
    expect(turnOnTheWay(v, 230, locate, seconds, turn)).toEqual({
      at: [2, 0],
      fromSeconds: 230,
      meters: 1000,
    });
    expect(turnOnTheWay(v, 400, locate, seconds, turn)).toEqual({
      at: [3, 0],
      fromSeconds: 400,
      meters: 2000,
    });
    // Serving its last stop: it stands there until free.
    expect(turnOnTheWay(v, 120, locate, seconds, turn)).toEqual({ at: [1, 0], fromSeconds: 130 });
  });

  it('drive home when idle, and only then', () => {
    const busy = aVehicle([stop('pickup', 100)]);
    driveHome(busy, [10, 0], 0, 30, seconds);
    expect(busy.at).toEqual([0, 0]);
    const idle = aVehicle([]);
    driveHome(idle, [10, 0], 0, 300, seconds);
    expect(idle.at[0]).toBeCloseTo(3);
    driveHome(idle, [10, 0], 30, 3000, seconds);
    expect(idle.at).toEqual([10, 0]);
  });
});
