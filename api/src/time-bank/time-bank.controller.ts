import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import type { MyTimeBank, TerritoryTimeBank } from '@navette/contracts';
import type { AuthMember } from '../auth/auth-member.js';
import { CurrentMember, Roles } from '../auth/auth.decorators.js';
import { TimeBankService } from './time-bank.service.js';
import { uuidParam } from '../common/uuid.pipe.js';
import { ApiDoc, periodQuery } from '../api-docs/api-doc.decorator.js';
import { ApiTags } from '@nestjs/swagger';

const uuid = uuidParam();

@ApiTags('time-bank')
@Controller()
export class TimeBankController {
  constructor(@Inject(TimeBankService) private readonly timeBank: TimeBankService) {}

  /** The caller's hours given (as driver) and received (as rider), optionally of `?from&to` (ISO 8601). */
  @ApiDoc({
    summary: 'My time bank',
    description: 'The caller’s hours given (as driver) and received (as rider) over a period.',
    replies: { 200: 'MyTimeBank' },
    query: { from: periodQuery('from'), to: periodQuery('to') },
  })
  @Get('me/time-bank')
  mine(
    @CurrentMember() member: AuthMember,
    @Query('from') from?: string,
    @Query('to') to?: string,
  ): Promise<MyTimeBank> {
    return this.timeBank.mine(member, from, to);
  }

  /** Per member, for the territory's coordinators and admins, optionally of `?from&to`. */
  @ApiDoc({
    summary: 'Territory time bank',
    description: 'Hours per member, for the territory’s coordinators and admins.',
    replies: { 200: 'TerritoryTimeBank' },
    query: { from: periodQuery('from'), to: periodQuery('to') },
  })
  @Get('territories/:id/time-bank')
  @Roles('coordinator')
  territory(
    @CurrentMember() member: AuthMember,
    @Param('id', uuid) id: string,
    @Query('from') from?: string,
    @Query('to') to?: string,
  ): Promise<TerritoryTimeBank> {
    return this.timeBank.ofTerritory(member, id, from, to);
  }
}
