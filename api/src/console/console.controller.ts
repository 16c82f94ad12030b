import { Controller, Get, Headers, Inject, Param } from '@nestjs/common';
import type { TerritoryLiveView } from '@navette/contracts';
import type { AuthMember } from '../auth/auth-member.js';
import { CurrentMember, Roles } from '../auth/auth.decorators.js';
import { uuidParam } from '../common/uuid.pipe.js';
import { LiveService } from './live.service.js';
import { languageOf } from './wait-reasons.js';

const uuid = uuidParam();

/** The coordinator's console: what happens now in their territories (ADR 0021). */
@Controller('territories')
@Roles('coordinator')
export class ConsoleController {
  constructor(@Inject(LiveService) private readonly live: LiveService) {}

  /** Drivers on shift with their state and waiting rides with why they wait; `Accept-Language` fr or en. */
  @Get(':id/live')
  state(
    @CurrentMember() member: AuthMember,
    @Param('id', uuid) id: string,
    @Headers('accept-language') acceptLanguage?: string,
  ): Promise<TerritoryLiveView> {
    return this.live.of(member, id, languageOf(acceptLanguage));
  }
}
