import { Body, Controller, Get, Headers, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { AuditEntry, ManualOfferResult, OverrideResult, TerritoryLiveView } from '@navette/contracts';
import { ApiDoc } from '../api-docs/api-doc.decorator.js';
import type { AuthMember } from '../auth/auth-member.js';
import { CurrentMember, Roles } from '../auth/auth.decorators.js';
import { uuidParam } from '../common/uuid.pipe.js';
import { ManualOfferDto, OverrideDto } from './dto/override.dto.js';
import { ManualOfferService } from './manual-offer.service.js';
import { LiveService } from './live.service.js';
import { OverridesService } from './overrides.service.js';
import { languageOf } from './wait-reasons.js';

const uuid = uuidParam();
const offerUuid = uuidParam('offerId');
const driverUuid = uuidParam('driverId');
const rideUuid = uuidParam('rideId');

/** The coordinator's console: what happens now in their territories, and their hand on dispatch (ADR 0021). */
@ApiTags('console')
@Controller('territories')
@Roles('coordinator')
export class ConsoleController {
  constructor(
    @Inject(LiveService) private readonly live: LiveService,
    @Inject(OverridesService) private readonly overrides: OverridesService,
    @Inject(ManualOfferService) private readonly manual: ManualOfferService,
  ) {}

  /** Drivers on shift with their state and waiting rides with why they wait; `Accept-Language` fr or en. */
  @ApiDoc({
    summary: 'Live state',
    description:
      'Drivers on shift named with their state, and waiting rides with their age and why they wait, in words (Accept-Language fr or en).',
    replies: { 200: 'TerritoryLiveView' },
  })
  @Get(':id/live')
  state(
    @CurrentMember() member: AuthMember,
    @Param('id', uuid) id: string,
    @Headers('accept-language') acceptLanguage?: string,
  ): Promise<TerritoryLiveView> {
    return this.live.of(member, id, languageOf(acceptLanguage));
  }

  /** The audit log of the territory and those within it: who decided what, about whom, why. */
  @ApiDoc({
    summary: 'Audit log',
    description:
      'Decisions taken in the territory and those within it (reports, pair blocks, roles, dispatch overrides), newest first, at most 200.',
    replies: { 200: ['AuditEntry'] },
  })
  @Get(':id/audit-log')
  auditLog(@CurrentMember() member: AuthMember, @Param('id', uuid) id: string): Promise<AuditEntry[]> {
    return this.live.auditLog(member, id);
  }

  /** Offers a waiting ride to a chosen driver if the engine finds it feasible (409 with its reason if not). */
  @ApiDoc({
    summary: 'Offer a ride to a driver',
    description:
      'A coordinator’s manual offer; the engine’s feasibility check still applies (409 with its reason); logged with the reason.',
    replies: { 201: 'ManualOfferResult' },
    errors: ['CONFLICT', 'PLANNER_UNAVAILABLE'],
  })
  @Post(':id/rides/:rideId/offer')
  @HttpCode(201)
  offer(
    @CurrentMember() member: AuthMember,
    @Param('id', uuid) id: string,
    @Param('rideId', rideUuid) rideId: string,
    @Body() body: ManualOfferDto,
  ): Promise<ManualOfferResult> {
    return this.manual.offer(member, id, rideId, body.driverId, body.reason);
  }

  /** Withdraws a pending offer; the ride goes back to matching at once, keeping its place. */
  @ApiDoc({
    summary: 'Withdraw an offer',
    description: 'The ride goes back to matching at once, keeping its place; logged with the reason.',
    replies: { 200: 'OverrideResult' },
    errors: ['CONFLICT'],
  })
  @Post(':id/offers/:offerId/withdrawal')
  @HttpCode(200)
  withdrawOffer(
    @CurrentMember() member: AuthMember,
    @Param('id', uuid) id: string,
    @Param('offerId', offerUuid) offerId: string,
    @Body() body: OverrideDto,
  ): Promise<OverrideResult> {
    return this.overrides.withdrawOffer(member, id, offerId, body.reason);
  }

  /** Releases a driver: their pending offer and the rides they go to fetch go back to matching. */
  @ApiDoc({
    summary: 'Release a driver',
    description:
      'Their pending offer and the rides they go to fetch go back to matching; logged with the reason.',
    replies: { 200: 'OverrideResult' },
    errors: ['CONFLICT'],
  })
  @Post(':id/drivers/:driverId/release')
  @HttpCode(200)
  releaseDriver(
    @CurrentMember() member: AuthMember,
    @Param('id', uuid) id: string,
    @Param('driverId', driverUuid) driverId: string,
    @Body() body: OverrideDto,
  ): Promise<OverrideResult> {
    return this.overrides.releaseDriver(member, id, driverId, body.reason);
  }
}
