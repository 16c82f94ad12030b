import { Controller, Delete, Get, HttpCode, Inject, Param, Post, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { CalendarFeedView } from '@navette/contracts';
import type { Response } from 'express';
import { ApiDoc } from '../api-docs/api-doc.decorator.js';
import type { AuthMember } from '../auth/auth-member.js';
import { CurrentMember, Public, Roles } from '../auth/auth.decorators.js';
import { APP_CONFIG, publicUrlOf, type AppConfig } from '../config/app-config.js';
import { CalendarFeedService } from './calendar-feed.service.js';

/** A driver's shifts as a calendar feed: made and revoked by the driver, read by their calendar application. */
@ApiTags('calendar')
@Controller()
export class CalendarController {
  constructor(
    @Inject(CalendarFeedService) private readonly feeds: CalendarFeedService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** A new feed address (the previous one stops working). */
  @ApiDoc({
    summary: 'Make a calendar feed',
    description:
      'A new iCalendar feed address of the driver’s shifts, on the configured public address (PUBLIC_URL); the previous one stops working.',
    replies: { 201: 'CalendarFeedView' },
  })
  @Post('me/calendar-feed')
  @Roles('driver')
  @HttpCode(201)
  async issue(@CurrentMember() member: AuthMember): Promise<CalendarFeedView> {
    const token = await this.feeds.issue(member.id);
    // The public address comes from configuration, never from the request's Host header (any client sets it).
    return { url: new URL(`api/calendar/${token}.ics`, publicUrlOf(this.config)).href };
  }

  /** Revokes the feed: its address stops working. */
  @ApiDoc({
    summary: 'Revoke the calendar feed',
    description: 'The driver’s feed address stops working.',
    replies: { 204: null },
  })
  @Delete('me/calendar-feed')
  @Roles('driver')
  @HttpCode(204)
  async revoke(@CurrentMember() member: AuthMember): Promise<void> {
    await this.feeds.revoke(member.id);
  }

  /** The feed itself: no login, the address is the credential. */
  @ApiDoc({
    summary: 'A driver’s calendar feed',
    description: 'The driver’s shifts as iCalendar; no login, the address is the credential.',
    replies: { 200: { mediaType: 'text/calendar', schema: { type: 'string' } } },
  })
  @Get('calendar/:token.ics')
  @Public()
  async feed(@Param('token') token: string, @Res({ passthrough: true }) response: Response): Promise<string> {
    const text = await this.feeds.render(token);
    response.type('text/calendar; charset=utf-8').setHeader('cache-control', 'private, no-store');
    return text;
  }
}
