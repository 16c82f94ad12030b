import { Body, Controller, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import type { DecisionView, ReportView } from '@navette/contracts';
import type { AuthMember } from '../auth/auth-member.js';
import { CurrentMember } from '../auth/auth.decorators.js';
import { AppealDto } from './dto/decide.dto.js';
import { FileReportDto } from './dto/file-report.dto.js';
import { ReportsService } from './reports.service.js';
import { uuidParam } from '../common/uuid.pipe.js';

const uuid = uuidParam();

/** Members file reports and read the decisions about themselves. */
@Controller()
export class ReportsController {
  constructor(@Inject(ReportsService) private readonly reports: ReportsService) {}

  @Post('reports')
  file(@CurrentMember() member: AuthMember, @Body() body: FileReportDto): Promise<ReportView> {
    return this.reports.file(member, body);
  }

  @Get('me/decisions')
  decisions(@CurrentMember() member: AuthMember): Promise<DecisionView[]> {
    return this.reports.myDecisions(member);
  }

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
