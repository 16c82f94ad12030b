import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import type { MyTimeBank, TerritoryTimeBank } from '@navette/contracts';
import type { AuthMember } from '../auth/auth-member.js';
import { CurrentMember, Roles } from '../auth/auth.decorators.js';
import { TimeBankService } from './time-bank.service.js';
import { uuidParam } from '../common/uuid.pipe.js';

const uuid = uuidParam();

@Controller()
export class TimeBankController {
  constructor(@Inject(TimeBankService) private readonly timeBank: TimeBankService) {}

  /** The caller's hours given (as driver) and received (as rider), optionally of `?from&to` (ISO 8601). */
  @Get('me/time-bank')
  mine(
    @CurrentMember() member: AuthMember,
    @Query('from') from?: string,
    @Query('to') to?: string,
  ): Promise<MyTimeBank> {
    return this.timeBank.mine(member, from, to);
  }

  /** Per member, for the territory's coordinators and admins, optionally of `?from&to`. */
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
