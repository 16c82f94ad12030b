import { Inject, Injectable } from '@nestjs/common';
import {
  rooms,
  type LngLat,
  type RotaSignupView,
  type RotaSwapView,
  type ShiftView,
} from '@navette/contracts';
import { withTransaction, type Queryable } from '@navette/sql';
import { DataSource } from 'typeorm';
import { AppError, notFound } from '../common/app-error.js';
import { OutboundEventsPublisher } from '../redis/outbound-events.publisher.js';
import { AbuseChecksService } from '../reports/abuse-checks.service.js';
import { ShiftsService } from '../shifts/shifts.service.js';
import { RotaSignupsRepository, type LockedOccurrence } from './rota-signups.repository.js';
import { limitRefusal } from './volunteer-limits.js';

/** How early before its start a scheduled shift may be started, minutes. */
export const EARLY_START_MINUTES = 30;

/**
 * A driver's side of the rota: sign up (or join the waiting list), withdraw (late after the
 * territory's cut-off; the first eligible driver waiting moves up in the same transaction), offer
 * a place to another driver and accept one, and start the scheduled shift. Every change locks the
 * occurrence row first (lock order step 6, ADR 0027), so two drivers never take one last place.
 */
@Injectable()
export class RotaSignupsService {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(RotaSignupsRepository) private readonly signups: RotaSignupsRepository,
    @Inject(ShiftsService) private readonly shifts: ShiftsService,
    @Inject(OutboundEventsPublisher) private readonly events: OutboundEventsPublisher,
    @Inject(AbuseChecksService) private readonly abuse: AbuseChecksService,
  ) {}

  async signUp(driverId: string, slotId: string, date: string, waitlist: boolean): Promise<RotaSignupView> {
    checkDate(date);
    if (!(await this.signups.slotVisibleTo(driverId, slotId))) throw notFound('slot');
    const id = await withTransaction(this.db, async (tx) => {
      const occurrence = await this.signups.lockOccurrence(tx, slotId, date);
      if (!occurrence) throw new AppError('NOT_FOUND', `the slot does not happen on ${date}`, 'date');
      if (occurrence.startsAt.getTime() <= Date.now())
        throw new AppError('CONFLICT', 'the shift has already started', 'date');
      const live = await this.signups.liveSignupOf(tx, occurrence.id, driverId);
      if (live)
        throw new AppError(
          'CONFLICT',
          `you are already ${live.status === 'signed' ? 'signed up' : 'on the waiting list'}`,
        );
      await this.checkLimits(tx, occurrence, driverId);
      const full = (await this.signups.signedCount(tx, occurrence.id)) >= occurrence.driversNeeded;
      if (full && !waitlist)
        throw new AppError(
          'CONFLICT',
          'the shift has all the drivers it needs: join its waiting list',
          'waitlist',
        );
      return this.signups.insert(tx, occurrence.id, driverId, full ? 'waiting' : 'signed');
    });
    return this.signups.view(this.db, id);
  }

  /**
   * Withdraws the driver's sign-up (or leaves the waiting list). Within the territory's cut-off
   * before the start it is late: recorded, and counted with late cancellations by the abuse checks.
   */
  async withdraw(driverId: string, signupId: string): Promise<RotaSignupView> {
    const found = await this.signups.signup(this.db, signupId);
    if (!found || found.driverId !== driverId) throw notFound('sign-up');
    const result = await withTransaction(this.db, async (tx) => {
      const occurrence = (await this.signups.lockById(tx, found.occurrenceId))!;
      const signup = (await this.signups.signup(tx, signupId))!;
      if (signup.status !== 'signed' && signup.status !== 'waiting')
        throw new AppError('CONFLICT', `this sign-up is already ${signup.status}`);
      if (signup.shiftId) throw new AppError('CONFLICT', 'the shift is under way: end it instead');
      const late =
        signup.status === 'signed' &&
        occurrence.startsAt.getTime() - Date.now() < occurrence.withdrawCutoffMinutes * 60_000;
      await this.signups.end(tx, signupId, 'withdrawn', late);
      const promoted =
        signup.status === 'signed' && occurrence.startsAt.getTime() > Date.now()
          ? await this.promoteFirst(tx, occurrence)
          : undefined;
      return { late, promoted, occurrence };
    });
    if (result.promoted) await this.announcePromotion(result.promoted, result.occurrence);
    if (result.late) await this.abuse.checkQuietly(driverId);
    return this.signups.view(this.db, signupId);
  }

  /** Offers the driver's place to `toDriverId`, or to any driver of the territory (null). */
  async offerSwap(driverId: string, signupId: string, toDriverId: string | null): Promise<RotaSwapView> {
    const found = await this.signups.signup(this.db, signupId);
    if (!found || found.driverId !== driverId) throw notFound('sign-up');
    if (toDriverId === driverId)
      throw new AppError('VALIDATION_FAILED', 'offer your place to someone else', 'toDriverId');
    if (toDriverId && !(await this.signups.isDriver(toDriverId))) throw notFound('driver');
    const swapId = await withTransaction(this.db, async (tx) => {
      const occurrence = (await this.signups.lockById(tx, found.occurrenceId))!;
      const signup = (await this.signups.signup(tx, signupId))!;
      if (signup.status !== 'signed') throw new AppError('CONFLICT', 'only a signed place can be swapped');
      if (occurrence.startsAt.getTime() <= Date.now())
        throw new AppError('CONFLICT', 'the shift has already started');
      const id = await this.signups.openSwap(tx, signupId, toDriverId);
      if (!id) throw new AppError('CONFLICT', 'this place is already offered');
      return id;
    });
    const view = await this.signups.view(this.db, signupId);
    return { id: swapId, signupId, fromDriverName: view.driverName, toDriverId };
  }

  /** Takes a place offered: the offering driver's sign-up is handed over, the taker is signed. */
  async acceptSwap(driverId: string, swapId: string): Promise<RotaSignupView> {
    const swap = await this.signups.swap(this.db, swapId);
    const offered = swap && (await this.signups.signup(this.db, swap.signupId));
    if (!swap || !offered || (swap.toDriverId !== null && swap.toDriverId !== driverId))
      throw notFound('swap');
    const id = await withTransaction(this.db, async (tx) => {
      const occurrence = (await this.signups.lockById(tx, offered.occurrenceId))!;
      if (!(await this.signups.slotVisibleTo(driverId, occurrence.slotId))) throw notFound('swap');
      const now = (await this.signups.swap(tx, swapId, true))!;
      const signup = (await this.signups.signup(tx, offered.id))!;
      if (now.status !== 'open' || signup.status !== 'signed')
        throw new AppError('CONFLICT', 'this place is no longer offered');
      if (signup.driverId === driverId) throw new AppError('CONFLICT', 'this is your own place');
      if (occurrence.startsAt.getTime() <= Date.now())
        throw new AppError('CONFLICT', 'the shift has already started');
      const live = await this.signups.liveSignupOf(tx, occurrence.id, driverId);
      if (live?.status === 'signed')
        throw new AppError('CONFLICT', 'you are already signed up for this shift');
      await this.checkLimits(tx, occurrence, driverId);
      // Leaving the waiting list for the place itself; then the place changes hands.
      if (live) await this.signups.end(tx, live.id, 'withdrawn');
      await this.signups.end(tx, signup.id, 'handed-over');
      await this.signups.acceptSwap(tx, swapId, driverId);
      return this.signups.insert(tx, occurrence.id, driverId, 'signed');
    });
    return this.signups.view(this.db, id);
  }

  /** One tap: starts a shift where the driver stands and links it to the scheduled slot. */
  async start(driverId: string, signupId: string, position: LngLat): Promise<ShiftView> {
    const found = await this.signups.signup(this.db, signupId);
    if (!found || found.driverId !== driverId) throw notFound('sign-up');
    if (found.status !== 'signed') throw new AppError('CONFLICT', `this sign-up is ${found.status}`);
    const { startsAt, endsAt } = (await this.signups.times(signupId))!;
    const now = Date.now();
    if (now < startsAt.getTime() - EARLY_START_MINUTES * 60_000)
      throw new AppError(
        'CONFLICT',
        `the shift can be started from ${EARLY_START_MINUTES} minutes before it begins`,
      );
    if (now >= endsAt.getTime()) throw new AppError('CONFLICT', 'the shift is over');
    const shift = await this.shifts.start(driverId, position);
    await this.signups.linkShift(signupId, shift.id);
    return shift;
  }

  private async checkLimits(tx: Queryable, occurrence: LockedOccurrence, driverId: string): Promise<void> {
    if (await this.signups.overlapping(tx, occurrence, driverId))
      throw new AppError('CONFLICT', 'you are signed up for another shift at that time');
    const refusal = limitRefusal(await this.signups.facts(tx, occurrence.id, driverId));
    if (refusal) throw new AppError('VOLUNTEER_LIMIT', refusal.message, refusal.field);
  }

  /** Moves up the first driver waiting whose own limits still allow the shift; they stay waiting otherwise. */
  private async promoteFirst(
    tx: Queryable,
    occurrence: LockedOccurrence,
  ): Promise<{ id: string; driverId: string } | undefined> {
    for (const candidate of await this.signups.waiting(tx, occurrence.id)) {
      if (await this.signups.overlapping(tx, occurrence, candidate.driverId)) continue;
      if (limitRefusal(await this.signups.facts(tx, occurrence.id, candidate.driverId))) continue;
      await this.signups.promote(tx, candidate.id);
      return candidate;
    }
    return undefined;
  }

  private async announcePromotion(
    promoted: { id: string; driverId: string },
    occurrence: LockedOccurrence,
  ): Promise<void> {
    await this.events.publish(rooms.driver(promoted.driverId), 'rota:promoted', {
      signupId: promoted.id,
      slotId: occurrence.slotId,
      date: occurrence.date,
      startsAt: occurrence.startsAt.toISOString(),
    });
  }
}

/** Refuses anything but a real calendar date YYYY-MM-DD (not 2026-02-30), naming the field. */
export function checkDate(date: string, field = 'date'): void {
  const ms = /^\d{4}-\d{2}-\d{2}$/.test(date) ? Date.parse(`${date}T00:00:00Z`) : NaN;
  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== date)
    throw new AppError('VALIDATION_FAILED', `${field} must be a date, YYYY-MM-DD`, field);
}
