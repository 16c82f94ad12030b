import { Module } from '@nestjs/common';
import { ReportsModule } from '../reports/reports.module.js';
import { ShiftsModule } from '../shifts/shifts.module.js';
import { PlanningQueueService } from './planning-queue.service.js';
import { RotaCoverageRepository } from './rota-coverage.repository.js';
import { RotaDriverController } from './rota-driver.controller.js';
import { RotaSignupsRepository } from './rota-signups.repository.js';
import { RotaSignupsService } from './rota-signups.service.js';
import { RotaSlotsRepository } from './rota-slots.repository.js';
import { RotaController } from './rota.controller.js';
import { RotaRepository } from './rota.repository.js';
import { RotaService } from './rota.service.js';

@Module({
  imports: [ShiftsModule, ReportsModule],
  controllers: [RotaController, RotaDriverController],
  providers: [
    RotaService,
    RotaRepository,
    RotaSlotsRepository,
    RotaSignupsRepository,
    RotaSignupsService,
    RotaCoverageRepository,
    PlanningQueueService,
  ],
  exports: [RotaCoverageRepository],
})
export class RotaModule {}
