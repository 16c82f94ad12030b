import { Inject, Injectable } from '@nestjs/common';
import type {
  MyRotaPlanView,
  RotaOccurrenceView,
  RotaRules,
  RotaSlotView,
  RotaView,
  RotaWeekView,
} from '@navette/contracts';
import { rotaPlanInput } from '@navette/sql';
import { DataSource } from 'typeorm';
import type { AuthMember } from '../auth/auth-member.js';
import { AppError, notFound } from '../common/app-error.js';
import type { CreateSlotDto } from './dto/rota.dto.js';
import { PlanningQueueService } from './planning-queue.service.js';
import { FORECAST_WEEKS, RotaCoverageRepository } from './rota-coverage.repository.js';
import { RotaSignupsRepository } from './rota-signups.repository.js';
import { RotaSlotsRepository } from './rota-slots.repository.js';
import { RotaRepository } from './rota.repository.js';
import { checkDate } from './rota-signups.service.js';

/** Rides one signed driver is assumed to carry in an hour, for the coverage's shortfall. */
export const RIDES_PER_DRIVER_HOUR = 2;
/** Weeks of rota the fairness looks at: the week shown and the ones before it. */
const FAIRNESS_WEEKS = 4;

const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/**
 * The coordinator's rota: slots, the week's coverage (sign-ups, gaps, forecast demand, fairness,
 * flags), and a day's booked rides planned over the drivers signed up for that day's shifts. The
 * API reads; the dispatcher plans (`plan-day` job), so the search never stalls this process.
 */
@Injectable()
export class RotaService {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(RotaRepository) private readonly rota: RotaRepository,
    @Inject(RotaSlotsRepository) private readonly slots: RotaSlotsRepository,
    @Inject(RotaSignupsRepository) private readonly signups: RotaSignupsRepository,
    @Inject(RotaCoverageRepository) private readonly coverage: RotaCoverageRepository,
    @Inject(PlanningQueueService) private readonly planning: PlanningQueueService,
  ) {}

  private async scope(member: AuthMember, territoryId: string): Promise<string[]> {
    const scope = await this.rota.managedScope(territoryId, member.id, member.role === 'admin');
    if (!scope) throw notFound('territory');
    return scope;
  }

  /** The plan of the territory's local day `date` (default: tomorrow there). */
  async plan(member: AuthMember, territoryId: string, date: string | undefined): Promise<RotaView> {
    if (date !== undefined) checkDate(date);
    const scope = await this.scope(member, territoryId);
    const day = date ?? addDays(await this.slots.today(territoryId), 1);
    return this.planning.plan(await rotaPlanInput(this.db, territoryId, scope, day));
  }

  async createSlot(member: AuthMember, territoryId: string, body: CreateSlotDto): Promise<RotaSlotView> {
    checkDate(body.firstDate, 'firstDate');
    if (body.untilDate) checkDate(body.untilDate, 'untilDate');
    if (body.repeat === 'once' && body.untilDate)
      throw new AppError('VALIDATION_FAILED', 'untilDate is for weekly slots only', 'untilDate');
    if (body.untilDate && body.untilDate < body.firstDate)
      throw new AppError('VALIDATION_FAILED', 'untilDate must not be before firstDate', 'untilDate');
    await this.scope(member, territoryId);
    return this.slots.create(territoryId, body, member.id);
  }

  async removeSlot(member: AuthMember, territoryId: string, slotId: string): Promise<void> {
    if (!(await this.slots.remove(await this.scope(member, territoryId), slotId))) throw notFound('slot');
  }

  async setRules(member: AuthMember, territoryId: string, rules: Partial<RotaRules>): Promise<RotaRules> {
    await this.scope(member, territoryId);
    return this.slots.setRules(territoryId, rules);
  }

  /** The week from `from` (default: today, local): slots, sign-ups, gaps, demand, fairness, flags. */
  async week(member: AuthMember, territoryId: string, from: string | undefined): Promise<RotaWeekView> {
    if (from !== undefined) checkDate(from, 'from');
    const scope = await this.scope(member, territoryId);
    const { timezone } = await this.slots.rules(territoryId);
    const start = from ?? (await this.slots.today(territoryId));
    const end = addDays(start, 7);
    const fairness = await this.coverage.fairness(
      scope,
      timezone,
      addDays(start, -7 * (FAIRNESS_WEEKS - 1)),
      end,
    );
    const totalMinutes = fairness.reduce((sum, d) => sum + d.shiftMinutes, 0);
    const totalDeclared = fairness.reduce((sum, d) => sum + d.declaredHoursPerWeek, 0);
    return {
      territoryId,
      timezone,
      from: start,
      slots: await this.slots.slots(scope, start, end),
      occurrences: await this.slots.occurrences(scope, start, end),
      hours: (await this.coverage.hours(scope, timezone, start)).map((h) => ({
        at: h.at.toISOString(),
        expectedRides: Math.round(h.expectedRides * 100) / 100,
        signedDrivers: h.signedDrivers,
        capacityRides: h.signedDrivers * RIDES_PER_DRIVER_HOUR,
        shortfall: h.expectedRides > h.signedDrivers * RIDES_PER_DRIVER_HOUR,
      })),
      forecast: { weeks: FORECAST_WEEKS, ridesPerDriverHour: RIDES_PER_DRIVER_HOUR },
      fairness: fairness.map((d) => ({
        driverId: d.driverId,
        name: d.name,
        shifts: d.shifts,
        shiftHours: Math.round((d.shiftMinutes / 60) * 10) / 10,
        shiftShare: totalMinutes ? d.shiftMinutes / totalMinutes : 0,
        declaredHoursPerWeek: d.declaredHoursPerWeek,
        declaredShare: totalDeclared ? d.declaredHoursPerWeek / totalDeclared : 0,
        lateWithdrawals: d.lateWithdrawals,
        noShows: d.noShows,
      })),
      flags: (await this.coverage.flags(scope, start, end)).map((f) => ({
        ...f,
        pickupAt: new Date(f.pickupAt).toISOString(),
        flaggedAt: new Date(f.flaggedAt).toISOString(),
      })),
    };
  }

  /** Occurrences of the driver's territories over `days` local days from `from` (default today, UTC). */
  async openSlots(driverId: string, from: string | undefined, days: number): Promise<RotaOccurrenceView[]> {
    if (from !== undefined) checkDate(from, 'from');
    const start = from ?? new Date().toISOString().slice(0, 10);
    const scope = await this.signups.driverTerritories(driverId);
    if (scope.length === 0) return [];
    const now = Date.now();
    return (await this.slots.occurrences(scope, start, addDays(start, days), driverId)).filter(
      (o) => Date.parse(o.endsAt) > now,
    );
  }

  /**
   * The driver's planned stops for a local day: the plan of each territory where they hold a
   * signed shift that day (the same plan, from the same input, as the coordinator's), their part.
   */
  async myPlan(driverId: string, date: string): Promise<MyRotaPlanView> {
    checkDate(date);
    const stops: MyRotaPlanView['stops'] = [];
    for (const territoryId of await this.rota.signedTerritories(driverId, date)) {
      const scope = await this.rota.subtree(territoryId);
      const plan = await this.planning.plan(await rotaPlanInput(this.db, territoryId, scope, date));
      const mine = plan.routes.filter((r) => r.driverId === driverId).flatMap((r) => r.stops);
      const names = await this.rota.stopNames(mine.map((s) => s.rideId));
      for (const stop of mine) {
        const name = names.get(stop.rideId);
        stops.push({ ...stop, placeName: (stop.type === 'pickup' ? name?.pickup : name?.dropoff) ?? null });
      }
    }
    return { date, stops: stops.sort((a, b) => a.at.localeCompare(b.at)) };
  }
}
