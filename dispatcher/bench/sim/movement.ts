import type { PlannedStopTime, Point } from '@navette/matching';

/** Where a vehicle stands after serving a stop. */
export type Boarding = Point;

/** What the simulator keeps of a vehicle to move it. */
export interface MovingVehicle {
  at: Point;
  /** When the vehicle can leave `at`, seconds. */
  freeAt: number;
  /** Stops ahead, with the times the engine planned. */
  route: PlannedStopTime[];
}

/**
 * Moves a vehicle along its planned stops up to `now`: every stop whose service has started is done
 * (`serve` boards or drops the rider and says where that stop is); the vehicle then stands there until
 * its service ends. Stops not yet reached stay planned. Returns the stops served.
 */
export function advance(
  vehicle: MovingVehicle,
  now: number,
  serviceSeconds: number,
  serve: (stop: PlannedStopTime) => Boarding,
): PlannedStopTime[] {
  const done: PlannedStopTime[] = [];
  while (vehicle.route[0] && vehicle.route[0].startSeconds <= now) {
    const stop = vehicle.route.shift()!;
    vehicle.at = serve(stop);
    vehicle.freeAt = stop.startSeconds + serviceSeconds;
    done.push(stop);
  }
  return done;
}

/**
 * Where a vehicle is at `now` and when it can change course: on its way to the next planned stop,
 * it has covered the share of the leg the elapsed time allows (travel taken as uniform along the
 * leg); idle or serving, it stands at its last stop until `freeAt`.
 */
export function positionAt(
  vehicle: MovingVehicle,
  now: number,
  locate: (stop: PlannedStopTime) => Point,
  seconds: (a: Point, b: Point) => number,
): { at: Point; fromSeconds: number } {
  const next = vehicle.route[0];
  if (!next || now <= vehicle.freeAt) return { at: vehicle.at, fromSeconds: Math.max(now, vehicle.freeAt) };
  const to = locate(next);
  const leg = seconds(vehicle.at, to);
  const departed = next.arrivalSeconds - leg;
  const share = leg > 0 ? Math.min(1, Math.max(0, (now - departed) / leg)) : 1;
  return {
    at: [vehicle.at[0] + share * (to[0] - vehicle.at[0]), vehicle.at[1] + share * (to[1] - vehicle.at[1])],
    fromSeconds: now,
  };
}

/**
 * Where a vehicle can change course when only the time between two places is known (a road
 * network's table, not its roads): on its way to its next planned stop, it gets there first and is
 * free at its planned arrival; idle or serving, it stands at its last stop until `freeAt`. (On the
 * straight line, `positionAt` places it part way along the leg instead.)
 */
export function nextTurnAt(
  vehicle: MovingVehicle,
  now: number,
  locate: (stop: PlannedStopTime) => Point,
): { at: Point; fromSeconds: number } {
  const next = vehicle.route[0];
  if (!next || now <= vehicle.freeAt) return { at: vehicle.at, fromSeconds: Math.max(now, vehicle.freeAt) };
  return { at: locate(next), fromSeconds: Math.max(now, next.arrivalSeconds) };
}

/** Where a vehicle on its way can next change course: the point, and the seconds and meters from where it left. */
export interface Turn {
  at: Point;
  seconds: number;
  meters: number;
}

/** Where a vehicle that left `from` for `to` `elapsedSeconds` ago can next turn. */
export type TurnAlong = (from: Point, to: Point, elapsedSeconds: number) => Turn;

/**
 * Where a vehicle can change course on a road network whose streets are known (`turn`: the next
 * vertex of its fastest road, `roads/turning-roads.ts`): on its way to the next planned stop, where
 * `turn` says it gets next, from when it gets there, with the meters driven from its last stop;
 * idle or serving, it stands at its last stop until `freeAt`.
 */
export function turnOnTheWay(
  vehicle: MovingVehicle,
  now: number,
  locate: (stop: PlannedStopTime) => Point,
  seconds: (a: Point, b: Point) => number,
  turn: TurnAlong,
): { at: Point; fromSeconds: number; meters?: number } {
  const next = vehicle.route[0];
  if (!next || now <= vehicle.freeAt) return { at: vehicle.at, fromSeconds: Math.max(now, vehicle.freeAt) };
  const to = locate(next);
  const departed = next.arrivalSeconds - seconds(vehicle.at, to);
  const t = turn(vehicle.at, to, Math.max(0, now - departed));
  return { at: t.at, fromSeconds: Math.max(now, departed + t.seconds), meters: t.meters };
}

/**
 * An idle vehicle (no stop ahead, service over) drives `stepSeconds` back toward `home`, where its
 * driver waits for the next offer; it stops there.
 */
export function driveHome(
  vehicle: MovingVehicle,
  home: Point,
  now: number,
  stepSeconds: number,
  seconds: (a: Point, b: Point) => number,
): void {
  if (vehicle.route.length > 0 || now < vehicle.freeAt) return;
  const leg = seconds(vehicle.at, home);
  const share = leg > stepSeconds ? stepSeconds / leg : 1;
  vehicle.at = [
    vehicle.at[0] + share * (home[0] - vehicle.at[0]),
    vehicle.at[1] + share * (home[1] - vehicle.at[1]),
  ];
}
