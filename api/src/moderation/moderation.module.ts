import { Module } from '@nestjs/common';
import { ReportsModule } from '../reports/reports.module.js';
import { AbuseSweepRepository } from './abuse-sweep.repository.js';
import { AbuseSweepService } from './abuse-sweep.service.js';

/** Periodic automatic abuse checks; the queue and decisions themselves live in `reports/`. */
@Module({
  imports: [ReportsModule],
  providers: [AbuseSweepService, AbuseSweepRepository],
  exports: [AbuseSweepService],
})
export class ModerationModule {}
