import { Body, Controller, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import type { OfferView, RouteView, TripView } from '@navette/contracts';
import type { AuthMember } from '../auth/auth-member.js';
import { CurrentMember, Roles } from '../auth/auth.decorators.js';
import { TripMarkDto } from './dto/trip-mark.dto.js';
import { OffersService } from './offers.service.js';
import { TripsService } from './trips.service.js';
import { uuidParam } from '../common/uuid.pipe.js';

const uuid = uuidParam();

/** The driver's side over HTTP; the socket gateway offers the same actions with acks. */
@Controller()
@Roles('driver')
export class DispatchController {
  constructor(
    @Inject(OffersService) private readonly offers: OffersService,
    @Inject(TripsService) private readonly trips: TripsService,
  ) {}

  @Get('offers/pending')
  pending(@CurrentMember() member: AuthMember): Promise<OfferView[]> {
    return this.offers.pendingFor(member.id);
  }

  @Post('offers/:id/accept')
  @HttpCode(200)
  accept(@CurrentMember() member: AuthMember, @Param('id', uuid) id: string): Promise<TripView> {
    return this.offers.accept(member.id, id);
  }

  @Post('offers/:id/decline')
  @HttpCode(200)
  decline(@CurrentMember() member: AuthMember, @Param('id', uuid) id: string): Promise<{ offerId: string }> {
    return this.offers.decline(member.id, id);
  }

  @Get('trips/current')
  current(@CurrentMember() member: AuthMember): Promise<TripView[]> {
    return this.trips.current(member.id);
  }

  /** The stops ahead, in order: pooled rides interleave. */
  @Get('trips/route')
  route(@CurrentMember() member: AuthMember): Promise<RouteView> {
    return this.trips.route(member.id);
  }

  @Post('trips/:rideId/mark')
  @HttpCode(200)
  mark(
    @CurrentMember() member: AuthMember,
    @Param('rideId', uuid) rideId: string,
    @Body() body: TripMarkDto,
  ): Promise<TripView> {
    return this.trips.mark(member.id, rideId, body.event);
  }
}
