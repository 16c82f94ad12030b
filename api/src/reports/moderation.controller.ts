import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import type { PairBlockView, ReportEvidence, ReportView } from '@navette/contracts';
import type { AuthMember } from '../auth/auth-member.js';
import { CurrentMember, Roles } from '../auth/auth.decorators.js';
import { ClearPairDto, DecideDto, ResolveAppealDto } from './dto/decide.dto.js';
import { ReportsService } from './reports.service.js';
import { uuidParam } from '../common/uuid.pipe.js';
import { ApiDoc } from '../api-docs/api-doc.decorator.js';
import { ApiTags } from '@nestjs/swagger';

const uuid = uuidParam();

/** The coordinator's abuse queue: reports with evidence, decisions with reasons, pair blocks. */
@ApiTags('moderation')
@Controller('moderation')
@Roles('coordinator')
export class ModerationController {
  constructor(@Inject(ReportsService) private readonly reports: ReportsService) {}

  @ApiDoc({
    summary: 'Report queue',
    description: 'Reports in the coordinator’s territories, optionally of one status.',
    replies: { 200: ['ReportView'] },
    query: {
      status: {
        description: 'Only reports of this status (optional)',
        schema: { type: 'string', enum: ['open', 'decided', 'appealed'] },
      },
    },
  })
  @Get('reports')
  queue(@CurrentMember() member: AuthMember, @Query('status') status?: string): Promise<ReportView[]> {
    return this.reports.queue(member, status);
  }

  @ApiDoc({
    summary: 'Report evidence',
    description: 'One report with its evidence and decision.',
    replies: { 200: 'ReportEvidence' },
  })
  @Get('reports/:id')
  evidence(@CurrentMember() member: AuthMember, @Param('id', uuid) id: string): Promise<ReportEvidence> {
    return this.reports.evidence(member, id);
  }

  @ApiDoc({
    summary: 'Decide a report',
    description: 'Records the coordinator’s decision and its reason.',
    replies: { 200: 'ReportEvidence' },
    errors: ['CONFLICT'],
  })
  @Post('reports/:id/decision')
  @HttpCode(200)
  decide(
    @CurrentMember() member: AuthMember,
    @Param('id', uuid) id: string,
    @Body() body: DecideDto,
  ): Promise<ReportEvidence> {
    return this.reports.decide(member, id, body);
  }

  @ApiDoc({
    summary: 'Pair blocks',
    description: 'Pairs of members kept apart by the dispatcher.',
    replies: { 200: ['PairBlockView'] },
  })
  @Get('pair-blocks')
  pairBlocks(@CurrentMember() member: AuthMember): Promise<PairBlockView[]> {
    return this.reports.pairBlocks(member);
  }

  @ApiDoc({
    summary: 'Clear a pair block',
    description: 'Lets the pair be matched again; the reason is logged.',
    replies: { 204: null },
  })
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
  @ApiDoc({
    summary: 'Resolve an appeal',
    description: 'Overturning restores the member; either way the reason is logged.',
    replies: { 204: null },
    errors: ['CONFLICT'],
  })
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
