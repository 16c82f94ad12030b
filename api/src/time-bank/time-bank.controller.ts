import { Controller, Get, Inject, Param } from '@nestjs/common';
import type { MyTimeBank, TerritoryTimeBank } from '@navette/contracts';
import type { AuthMember } from '../auth/auth-member.js';
import { CurrentMember, Roles } from '../auth/auth.decorators.js';
import { TimeBankService } from './time-bank.service.js';
import { uuidParam } from '../common/uuid.pipe.js';

const uuid = uuidParam();

@Controller()
export class TimeBankController {
  constructor(@Inject(TimeBankService) private readonly timeBank: TimeBankService) {}

  /** The caller's hours given (as driver) and received (as rider). */
  @Get('me/time-bank')
  mine(@CurrentMember() member: AuthMember): Promise<MyTimeBank> {
    return this.timeBank.mine(member);
  }

  /** Per member, for the territory's coordinators and admins. */
  @Get('territories/:id/time-bank')
  @Roles('coordinator')
  territory(@CurrentMember() member: AuthMember, @Param('id', uuid) id: string): Promise<TerritoryTimeBank> {
    return this.timeBank.ofTerritory(member, id);
  }
}
