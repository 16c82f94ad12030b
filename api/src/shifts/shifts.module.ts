import { Module } from '@nestjs/common';
import { DispatchModule } from '../dispatch/dispatch.module.js';
import { RidesModule } from '../rides/rides.module.js';
import { TerritoriesModule } from '../territories/territories.module.js';
import { ShiftRepository } from './shift.repository.js';
import { ShiftsController } from './shifts.controller.js';
import { PositionReports } from './position-reports.js';
import { ShiftsService } from './shifts.service.js';

@Module({
  imports: [DispatchModule, RidesModule, TerritoriesModule],
  controllers: [ShiftsController],
  providers: [ShiftsService, ShiftRepository, PositionReports],
  exports: [ShiftsService],
})
export class ShiftsModule {}
