import type { PlanDayJob, RotaView } from '@navette/contracts';
import {
  FAR,
  GreatCircleTravelTimes,
  planRoutes,
  TravelMatrix,
  type TripRequest,
  type Vehicle,
} from '@navette/matching';

/** Boarding and alighting at each stop, seconds (as in live dispatch). */
const STOP_SERVICE_SECONDS = 20;
/** Time the search may take for one day's plan, milliseconds. */
const PLAN_BUDGET_MS = 2000;

/**
 * A day's rota: every ride booked ahead for the day, planned at once over the drivers signed up for
 * the day's shifts (each shift's window as the vehicle's availability), with the same engine as live dispatch (construction by insertion, then LNS). Runs in the
 * dispatcher, never in the API: it holds the event loop for up to `PLAN_BUDGET_MS`.
 */
export class PlanDayHandler {
  handle(job: PlanDayJob): RotaView {
    const { territoryId, date, rides, drivers } = job;
    const dayStartSeconds = job.dayStartSeconds ?? Date.parse(`${date}T00:00:00Z`) / 1000;
    const requests: TripRequest[] = rides.map((r) => ({
      id: r.id,
      kind: r.kind ?? 'ride',
      pickup: r.pickup,
      dropoff: r.dropoff,
      load: { seats: r.seats, wheelchairs: r.wheelchairPlaces, cargo: r.cargoUnits ?? 0 },
      pickupWindow: [r.pickupAtSeconds, r.pickupAtSeconds + r.maxWaitSeconds],
      ...((r.deliverAfterSeconds ?? null) === null && (r.deliverBeforeSeconds ?? null) === null
        ? {}
        : { dropoffWindow: [r.deliverAfterSeconds ?? -FAR, r.deliverBeforeSeconds ?? FAR] as const }),
      maxDetourFactor: r.maxDetourFactor,
      pickupServiceSeconds: STOP_SERVICE_SECONDS,
      dropoffServiceSeconds: STOP_SERVICE_SECONDS,
      booking: 'ahead',
    }));
    // One vehicle per signed shift (a driver may hold two in a day): its window bounds the route.
    const vehicles: Vehicle[] = drivers.map((d) => ({
      id: d.signupId ?? d.id,
      at: d.home,
      availableFromSeconds: Math.max(dayStartSeconds, d.fromSeconds ?? dayStartSeconds),
      ...(d.untilSeconds === undefined ? {} : { shiftEndSeconds: d.untilSeconds }),
      capacity: { seats: d.seats, wheelchairs: d.wheelchairPlaces, cargo: d.cargoUnits },
    }));
    const points = [...vehicles.map((v) => v.at), ...requests.flatMap((r) => [r.pickup, r.dropoff])];
    const plan = planRoutes(
      {
        requests,
        vehicles,
        travel: TravelMatrix.build(new GreatCircleTravelTimes(), points),
        now: dayStartSeconds,
      },
      { seed: 1, iterations: 5000, timeLimitMs: PLAN_BUDGET_MS, clock: () => performance.now() },
    );
    const byVehicle = new Map(drivers.map((d) => [d.signupId ?? d.id, d]));
    return {
      territoryId,
      date,
      routes: plan.routes
        .filter((r) => r.stops.length > 0)
        .map((r) => ({
          driverId: byVehicle.get(r.vehicleId)?.id ?? r.vehicleId,
          driverName: byVehicle.get(r.vehicleId)?.name ?? '',
          ...(byVehicle.get(r.vehicleId)?.signupId ? { signupId: r.vehicleId } : {}),
          stops: r.stops.map((s) => ({
            rideId: s.requestId,
            type: s.type,
            at: new Date(s.startSeconds * 1000).toISOString(),
          })),
        })),
      unassigned: [...plan.unassigned],
      travelSeconds: Math.round(plan.travelCost),
      feasible: plan.feasible,
    };
  }
}
