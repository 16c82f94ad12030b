import { Controller, Delete, Get, HttpCode, Inject, Param, Post, Req, Res } from '@nestjs/common';
import type { CalendarFeedView } from '@navette/contracts';
import type { Request, Response } from 'express';
import type { AuthMember } from '../auth/auth-member.js';
import { CurrentMember, Public, Roles } from '../auth/auth.decorators.js';
import { CalendarFeedService } from './calendar-feed.service.js';

/** A driver's shifts as a calendar feed: made and revoked by the driver, read by their calendar application. */
@Controller()
export class CalendarController {
  constructor(@Inject(CalendarFeedService) private readonly feeds: CalendarFeedService) {}

  /** A new feed address (the previous one stops working). */
  @Post('me/calendar-feed')
  @Roles('driver')
  @HttpCode(201)
  async issue(@CurrentMember() member: AuthMember, @Req() request: Request): Promise<CalendarFeedView> {
    const token = await this.feeds.issue(member.id);
    return { url: `${request.protocol}://${request.get('host') ?? 'localhost'}/api/calendar/${token}.ics` };
  }

  @Delete('me/calendar-feed')
  @Roles('driver')
  @HttpCode(204)
  async revoke(@CurrentMember() member: AuthMember): Promise<void> {
    await this.feeds.revoke(member.id);
  }

  /** The feed itself: no login, the address is the credential. */
  @Get('calendar/:token.ics')
  @Public()
  async feed(@Param('token') token: string, @Res({ passthrough: true }) response: Response): Promise<string> {
    const text = await this.feeds.render(token);
    response.type('text/calendar; charset=utf-8').setHeader('cache-control', 'private, no-store');
    return text;
  }
}
