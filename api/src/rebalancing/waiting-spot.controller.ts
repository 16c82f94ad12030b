import { Body, Controller, Get, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { WaitingSpotView } from '@navette/contracts';
import { ApiDoc } from '../api-docs/api-doc.decorator.js';
import type { AuthMember } from '../auth/auth-member.js';
import { CurrentMember, Roles } from '../auth/auth.decorators.js';
import { WaitingSpotAnswerDto } from './waiting-spot-answer.dto.js';
import { WaitingSpotService } from './waiting-spot.service.js';

/** Suggestions to idle drivers of where to wait, toward worse-served zones (issue 13, ADR 0034). */
@ApiTags('rebalancing')
@Controller('drivers/me/waiting-spot')
@Roles('driver')
export class WaitingSpotController {
  constructor(@Inject(WaitingSpotService) private readonly spots: WaitingSpotService) {}

  @ApiDoc({
    summary: 'Where to wait',
    description:
      'For an idle driver on shift: a waiting spot in a zone that forecast demand and recent service say needs a driver more than where they are heading, or why there is none. Asking again returns the same suggestion while it still holds.',
    replies: { 200: 'WaitingSpotView' },
  })
  @Get()
  suggestion(@CurrentMember() member: AuthMember): Promise<WaitingSpotView> {
    return this.spots.suggestion(member.id);
  }

  @ApiDoc({
    summary: 'Answer a waiting spot',
    description:
      '"Go there" (followed) or "Not now" (declined: recorded, no penalty, no new suggestion for 20 minutes). Answers what the driver sees next.',
    replies: { 200: 'WaitingSpotView' },
  })
  @Post('answer')
  @HttpCode(200)
  answer(@CurrentMember() member: AuthMember, @Body() body: WaitingSpotAnswerDto): Promise<WaitingSpotView> {
    return this.spots.answer(member.id, body);
  }
}
