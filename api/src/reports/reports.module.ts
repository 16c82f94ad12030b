import { Module } from '@nestjs/common';
import { AbuseChecksService } from './abuse-checks.service.js';
import { ReportRepository } from './report.repository.js';
import { ModerationController } from './moderation.controller.js';
import { ReportsController } from './reports.controller.js';
import { ReportsService } from './reports.service.js';

@Module({
  controllers: [ReportsController, ModerationController],
  providers: [ReportsService, ReportRepository, AbuseChecksService],
  exports: [AbuseChecksService, ReportRepository],
})
export class ReportsModule {}
