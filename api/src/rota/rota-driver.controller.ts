import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type {
  MyRotaPlanView,
  RotaOccurrenceView,
  RotaSignupView,
  RotaSwapView,
  ShiftView,
} from '@navette/contracts';
import { ApiDoc } from '../api-docs/api-doc.decorator.js';
import type { AuthMember } from '../auth/auth-member.js';
import { CurrentMember, Roles } from '../auth/auth.decorators.js';
import { AppError } from '../common/app-error.js';
import { uuidParam } from '../common/uuid.pipe.js';
import { OfferSwapDto, SignupDto, StartSignupDto } from './dto/rota.dto.js';
import { RotaSignupsService } from './rota-signups.service.js';
import { RotaService } from './rota.service.js';

const uuid = uuidParam();
/** Longest stretch of days a driver's list covers. */
const MAX_DAYS = 28;

/** A driver's rota: open shifts, sign-ups, waiting lists, swaps, and starting a scheduled shift. */
@ApiTags('rota')
@Controller('rota')
@Roles('driver')
export class RotaDriverController {
  constructor(
    @Inject(RotaService) private readonly rota: RotaService,
    @Inject(RotaSignupsService) private readonly signups: RotaSignupsService,
  ) {}

  @ApiDoc({
    summary: 'Shifts to sign up for',
    description:
      'The shifts of the driver’s territories (home, the ones containing it and nested in it) not yet over, with who signed up, the waiting list, open swaps and the driver’s own sign-up.',
    replies: { 200: ['RotaOccurrenceView'] },
    query: {
      from: {
        description: 'First day, YYYY-MM-DD (optional; default today)',
        schema: { type: 'string', format: 'date' },
      },
      days: { description: `How many days (1 to ${MAX_DAYS}; default 14)`, schema: { type: 'integer' } },
    },
  })
  @Get('shifts')
  list(
    @CurrentMember() member: AuthMember,
    @Query('from') from?: string,
    @Query('days') days?: string,
  ): Promise<RotaOccurrenceView[]> {
    const n = days === undefined ? 14 : Number(days);
    if (!Number.isInteger(n) || n < 1 || n > MAX_DAYS)
      throw new AppError('VALIDATION_FAILED', `days must be a whole number from 1 to ${MAX_DAYS}`, 'days');
    return this.rota.openSlots(member.id, from, n);
  }

  @ApiDoc({
    summary: 'Sign up for a shift',
    description:
      'Signs the driver up for the slot on that date, or puts them on its waiting list when it is full and `waitlist` is true. Refused with VOLUNTEER_LIMIT (the field names the setting) beyond the driver’s quiet hours, declared weekly hours or weekly trip limit.',
    replies: { 201: 'RotaSignupView' },
    errors: ['CONFLICT', 'VOLUNTEER_LIMIT'],
  })
  @Post('slots/:slotId/dates/:date/signups')
  @HttpCode(201)
  signUp(
    @CurrentMember() member: AuthMember,
    @Param('slotId', uuid) slotId: string,
    @Param('date') date: string,
    @Body() body: SignupDto,
  ): Promise<RotaSignupView> {
    return this.signups.signUp(member.id, slotId, date, body.waitlist ?? false);
  }

  @ApiDoc({
    summary: 'Withdraw from a shift',
    description:
      'Withdraws the sign-up (or leaves the waiting list). After the territory’s cut-off it is late: recorded and counted like a late cancellation. The first driver waiting moves up at once.',
    replies: { 200: 'RotaSignupView' },
    errors: ['CONFLICT'],
  })
  @Post('signups/:id/withdrawal')
  @HttpCode(200)
  withdraw(@CurrentMember() member: AuthMember, @Param('id', uuid) id: string): Promise<RotaSignupView> {
    return this.signups.withdraw(member.id, id);
  }

  @ApiDoc({
    summary: 'Offer a place',
    description: 'Offers the driver’s place on a shift to one driver, or to any driver of the territory.',
    replies: { 201: 'RotaSwapView' },
    errors: ['CONFLICT'],
  })
  @Post('signups/:id/swaps')
  @HttpCode(201)
  offerSwap(
    @CurrentMember() member: AuthMember,
    @Param('id', uuid) id: string,
    @Body() body: OfferSwapDto,
  ): Promise<RotaSwapView> {
    return this.signups.offerSwap(member.id, id, body.toDriverId ?? null);
  }

  @ApiDoc({
    summary: 'Take an offered place',
    description: 'The driver takes the place offered: the offering driver is no longer signed, this one is.',
    replies: { 200: 'RotaSignupView' },
    errors: ['CONFLICT', 'VOLUNTEER_LIMIT'],
  })
  @Post('swaps/:id/acceptance')
  @HttpCode(200)
  acceptSwap(@CurrentMember() member: AuthMember, @Param('id', uuid) id: string): Promise<RotaSignupView> {
    return this.signups.acceptSwap(member.id, id);
  }

  @ApiDoc({
    summary: 'Start a scheduled shift',
    description:
      'One tap: starts the driver’s shift where they stand, linked to the slot they signed up for (from 30 minutes before it begins until it ends).',
    replies: { 200: 'ShiftView' },
    errors: ['CONFLICT', 'OUT_OF_TERRITORY'],
  })
  @Post('signups/:id/start')
  @HttpCode(200)
  start(
    @CurrentMember() member: AuthMember,
    @Param('id', uuid) id: string,
    @Body() body: StartSignupDto,
  ): Promise<ShiftView> {
    return this.signups.start(member.id, id, body.position);
  }

  @ApiDoc({
    summary: 'My planned stops',
    description:
      'The driver’s stops for a day in the plan of the booked rides over the rota (the coordinator’s plan), with place names.',
    replies: { 200: 'MyRotaPlanView' },
    errors: ['PLANNER_UNAVAILABLE'],
    query: { date: { description: 'The day, YYYY-MM-DD', schema: { type: 'string', format: 'date' } } },
  })
  @Get('plan')
  myPlan(@CurrentMember() member: AuthMember, @Query('date') date?: string): Promise<MyRotaPlanView> {
    return this.rota.myPlan(member.id, date ?? new Date().toISOString().slice(0, 10));
  }
}
