import { Inject, Injectable } from '@nestjs/common';
import type { RotaView } from '@navette/contracts';
import {
  GreatCircleTravelTimes,
  planRoutes,
  TravelMatrix,
  type TripRequest,
  type Vehicle,
} from '@navette/matching';
import type { AuthMember } from '../auth/auth-member.js';
import { AppError, notFound } from '../common/app-error.js';
import { RotaRepository } from './rota.repository.js';

const DAY_SECONDS = 86_400;
/** Boarding and alighting at each stop, seconds (as in live dispatch). */
const STOP_SERVICE_SECONDS = 20;
/** Time the search may take for one day's plan, milliseconds. */
const PLAN_BUDGET_MS = 2000;

/**
 * The next day's rota: every ride booked ahead for a day, planned at once over the territory's
 * drivers with the same engine as live dispatch (construction by insertion, then LNS).
 */
@Injectable()
export class RotaService {
  constructor(@Inject(RotaRepository) private readonly rota: RotaRepository) {}

  async plan(member: AuthMember, territoryId: string, date: string): Promise<RotaView> {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(`${date}T00:00:00Z`))) {
      throw new AppError('VALIDATION_FAILED', 'date must be YYYY-MM-DD', 'date');
    }
    const dayStart = new Date(`${date}T00:00:00Z`);
    const scope = await this.rota.managedScope(territoryId, member.id, member.role === 'admin');
    if (!scope) throw notFound('territory');
    const rides = await this.rota.bookedRides(
      scope,
      dayStart,
      new Date(dayStart.getTime() + DAY_SECONDS * 1000),
    );
    const drivers = await this.rota.drivers(scope);
    const requests: TripRequest[] = rides.map((r) => ({
      id: r.id,
      kind: 'ride',
      pickup: r.pickup,
      dropoff: r.dropoff,
      load: { seats: r.seats, wheelchairs: r.wheelchairPlaces },
      pickupWindow: [r.pickupAtSeconds, r.pickupAtSeconds + r.maxWaitSeconds],
      maxDetourFactor: r.maxDetourFactor,
      pickupServiceSeconds: STOP_SERVICE_SECONDS,
      dropoffServiceSeconds: STOP_SERVICE_SECONDS,
      booking: 'ahead',
    }));
    const vehicles: Vehicle[] = drivers.map((d) => ({
      id: d.id,
      at: d.home,
      availableFromSeconds: dayStart.getTime() / 1000,
      capacity: { seats: d.seats, wheelchairs: d.wheelchairPlaces, cargo: d.cargoUnits },
    }));
    const points = [...vehicles.map((v) => v.at), ...requests.flatMap((r) => [r.pickup, r.dropoff])];
    const plan = planRoutes(
      {
        requests,
        vehicles,
        travel: TravelMatrix.build(new GreatCircleTravelTimes(), points),
        now: dayStart.getTime() / 1000,
      },
      { seed: 1, iterations: 5000, timeLimitMs: PLAN_BUDGET_MS, clock: () => performance.now() },
    );
    const names = new Map(drivers.map((d) => [d.id, d.name]));
    return {
      territoryId,
      date,
      routes: plan.routes
        .filter((r) => r.stops.length > 0)
        .map((r) => ({
          driverId: r.vehicleId,
          driverName: names.get(r.vehicleId) ?? '',
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
