import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import type { FairnessReport } from '@navette/contracts';
import type { AuthMember } from '../auth/auth-member.js';
import { CurrentMember, Roles } from '../auth/auth.decorators.js';
import { FairnessService } from './fairness.service.js';
import { uuidParam } from '../common/uuid.pipe.js';
import { ApiDoc, periodQuery } from '../api-docs/api-doc.decorator.js';
import { ApiTags } from '@nestjs/swagger';

const uuid = uuidParam();

@ApiTags('fairness')
@Controller('territories')
@Roles('coordinator')
export class FairnessController {
  constructor(@Inject(FairnessService) private readonly fairness: FairnessService) {}

  /** Service rate, waits and refusals per zone, their inequality, drivers' load against availability, lending. */
  @ApiDoc({
    summary: 'Fairness report',
    description:
      'Service rate, waits and refusals per zone, their inequality, drivers’ load against availability, and lending.',
    replies: { 200: 'FairnessReport' },
    query: { from: periodQuery('from'), to: periodQuery('to') },
  })
  @Get(':id/fairness')
  report(
    @CurrentMember() member: AuthMember,
    @Param('id', uuid) id: string,
    @Query('from') from?: string,
    @Query('to') to?: string,
  ): Promise<FairnessReport> {
    return this.fairness.report(member, id, from, to);
  }
}
