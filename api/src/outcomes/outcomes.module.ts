import { Module } from '@nestjs/common';
import { ReportsModule } from '../reports/reports.module.js';
import { OutcomeRepository } from './outcome.repository.js';
import { OutcomesController } from './outcomes.controller.js';
import { OutcomesService } from './outcomes.service.js';

@Module({
  imports: [ReportsModule],
  controllers: [OutcomesController],
  providers: [OutcomesService, OutcomeRepository],
})
export class OutcomesModule {}
