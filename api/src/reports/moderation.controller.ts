import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import type { PairBlockView, ReportEvidence, ReportView } from '@navette/contracts';
import type { AuthMember } from '../auth/auth-member.js';
import { CurrentMember, Roles } from '../auth/auth.decorators.js';
import { ClearPairDto, DecideDto, ResolveAppealDto } from './dto/decide.dto.js';
import { ReportsService } from './reports.service.js';
import { uuidParam } from '../common/uuid.pipe.js';

const uuid = uuidParam();

/** The coordinator's abuse queue: reports with evidence, decisions with reasons, pair blocks. */
@Controller('moderation')
@Roles('coordinator')
export class ModerationController {
  constructor(@Inject(ReportsService) private readonly reports: ReportsService) {}

  @Get('reports')
  queue(@CurrentMember() member: AuthMember, @Query('status') status?: string): Promise<ReportView[]> {
    return this.reports.queue(member, status);
  }

  @Get('reports/:id')
  evidence(@CurrentMember() member: AuthMember, @Param('id', uuid) id: string): Promise<ReportEvidence> {
    return this.reports.evidence(member, id);
  }

  @Post('reports/:id/decision')
  @HttpCode(200)
  decide(
    @CurrentMember() member: AuthMember,
    @Param('id', uuid) id: string,
    @Body() body: DecideDto,
  ): Promise<ReportEvidence> {
    return this.reports.decide(member, id, body);
  }

  @Get('pair-blocks')
  pairBlocks(@CurrentMember() member: AuthMember): Promise<PairBlockView[]> {
    return this.reports.pairBlocks(member);
  }

  @Post('pair-blocks/:id/clear')
  @HttpCode(204)
  clear(
    @CurrentMember() member: AuthMember,
    @Param('id', uuid) id: string,
    @Body() body: ClearPairDto,
  ): Promise<void> {
    return this.reports.clearPairBlock(member, id, body.reason);
  }

  /** Answer an appeal: overturning restores the member; either way the reason is logged. */
  @Post('appeals/:id/resolve')
  @HttpCode(204)
  resolve(
    @CurrentMember() member: AuthMember,
    @Param('id', uuid) id: string,
    @Body() body: ResolveAppealDto,
  ): Promise<void> {
    return this.reports.resolveAppeal(member, id, body.outcome, body.reason);
  }
}
