import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { AbuseChecksService } from './abuse-checks.service.js';
import { ReportRepository } from './report.repository.js';
import { ModerationController } from './moderation.controller.js';
import { ReportsController } from './reports.controller.js';
import { ReportsService } from './reports.service.js';

@Module({
  imports: [AuthModule],
  controllers: [ReportsController, ModerationController],
  providers: [ReportsService, ReportRepository, AbuseChecksService],
  exports: [AbuseChecksService, ReportRepository],
})
export class ReportsModule {}
