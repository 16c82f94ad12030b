import { Body, Controller, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import type { OfferView, RouteView, TripView, OfferDeclined } from '@navette/contracts';
import type { AuthMember } from '../auth/auth-member.js';
import { CurrentMember, Roles } from '../auth/auth.decorators.js';
import { TripMarkDto } from './dto/trip-mark.dto.js';
import { OffersService } from './offers.service.js';
import { TripsService } from './trips.service.js';
import { uuidParam } from '../common/uuid.pipe.js';
import { ApiDoc } from '../api-docs/api-doc.decorator.js';
import { ApiTags } from '@nestjs/swagger';

const uuid = uuidParam();

/** The driver's side over HTTP; the socket gateway offers the same actions with acks. */
@ApiTags('dispatch')
@Controller()
@Roles('driver')
export class DispatchController {
  constructor(
    @Inject(OffersService) private readonly offers: OffersService,
    @Inject(TripsService) private readonly trips: TripsService,
  ) {}

  @ApiDoc({
    summary: 'Pending offers',
    description: 'The offers waiting for this driver’s answer.',
    replies: { 200: ['OfferView'] },
  })
  @Get('offers/pending')
  pending(@CurrentMember() member: AuthMember): Promise<OfferView[]> {
    return this.offers.pendingFor(member.id);
  }

  @ApiDoc({
    summary: 'Accept an offer',
    description: 'Takes the offered ride; the trip is answered.',
    replies: { 200: 'TripView' },
    errors: ['OFFER_NOT_PENDING', 'CONFLICT'],
  })
  @Post('offers/:id/accept')
  @HttpCode(200)
  accept(@CurrentMember() member: AuthMember, @Param('id', uuid) id: string): Promise<TripView> {
    return this.offers.accept(member.id, id);
  }

  @ApiDoc({
    summary: 'Decline an offer',
    description: 'Refuses the offered ride; the dispatcher asks another driver.',
    replies: { 200: 'OfferDeclined' },
    errors: ['OFFER_NOT_PENDING'],
  })
  @Post('offers/:id/decline')
  @HttpCode(200)
  decline(@CurrentMember() member: AuthMember, @Param('id', uuid) id: string): Promise<OfferDeclined> {
    return this.offers.decline(member.id, id);
  }

  @ApiDoc({
    summary: 'Current trips',
    description: 'The trips this driver has accepted and not finished.',
    replies: { 200: ['TripView'] },
  })
  @Get('trips/current')
  current(@CurrentMember() member: AuthMember): Promise<TripView[]> {
    return this.trips.current(member.id);
  }

  /** The stops ahead, in order: pooled rides interleave. */
  @ApiDoc({
    summary: 'Route ahead',
    description: 'The stops ahead, in order: pooled rides interleave.',
    replies: { 200: 'RouteView' },
  })
  @Get('trips/route')
  route(@CurrentMember() member: AuthMember): Promise<RouteView> {
    return this.trips.route(member.id);
  }

  @ApiDoc({
    summary: 'Mark a trip',
    description:
      'Records a pickup, a drop-off or a no-show on one of the driver’s trips, with how far the driver was from the stop (from `position`, else the last reported position).',
    replies: { 200: 'TripView' },
    errors: ['CONFLICT'],
  })
  @Post('trips/:rideId/mark')
  @HttpCode(200)
  mark(
    @CurrentMember() member: AuthMember,
    @Param('rideId', uuid) rideId: string,
    @Body() body: TripMarkDto,
  ): Promise<TripView> {
    return this.trips.mark(member.id, rideId, body);
  }
}
