import { Body, Controller, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import type { DecisionView, MyPairBlockView, ReportView } from '@navette/contracts';
import type { AuthMember } from '../auth/auth-member.js';
import { CurrentMember } from '../auth/auth.decorators.js';
import { AppealDto } from './dto/decide.dto.js';
import { FileReportDto } from './dto/file-report.dto.js';
import { ReportsService } from './reports.service.js';
import { uuidParam } from '../common/uuid.pipe.js';
import { ApiDoc } from '../api-docs/api-doc.decorator.js';
import { ApiTags } from '@nestjs/swagger';

const uuid = uuidParam();

/** Members file reports and read the decisions about themselves. */
@ApiTags('reports')
@Controller()
export class ReportsController {
  constructor(@Inject(ReportsService) private readonly reports: ReportsService) {}

  @ApiDoc({
    summary: 'File a report',
    description: 'Reports a member after a ride, with what happened.',
    replies: { 201: 'ReportView' },
    errors: ['FORBIDDEN', 'CONFLICT'],
  })
  @Post('reports')
  file(@CurrentMember() member: AuthMember, @Body() body: FileReportDto): Promise<ReportView> {
    return this.reports.file(member, body);
  }

  @ApiDoc({
    summary: 'Decisions about me',
    description: 'The moderation decisions about the caller.',
    replies: { 200: ['DecisionView'] },
  })
  @Get('me/decisions')
  decisions(@CurrentMember() member: AuthMember): Promise<DecisionView[]> {
    return this.reports.myDecisions(member);
  }

  @ApiDoc({
    summary: 'Pair blocks about me',
    description:
      'The members the caller is no longer matched with (two failures in a row, one way or the other), until a coordinator clears it.',
    replies: { 200: ['MyPairBlockView'] },
  })
  @Get('me/pair-blocks')
  pairBlocks(@CurrentMember() member: AuthMember): Promise<MyPairBlockView[]> {
    return this.reports.myPairBlocks(member);
  }

  @ApiDoc({
    summary: 'Appeal a decision',
    description: 'Appeals a decision about the caller; answers their decisions.',
    replies: { 200: ['DecisionView'] },
    errors: ['CONFLICT'],
  })
  @Post('me/decisions/:id/appeal')
  @HttpCode(200)
  appeal(
    @CurrentMember() member: AuthMember,
    @Param('id', uuid) id: string,
    @Body() body: AppealDto,
  ): Promise<DecisionView[]> {
    return this.reports.appeal(member, id, body.text);
  }
}
