import { Module } from '@nestjs/common';
import { PlacesModule } from '../places/places.module.js';
import { ReportsModule } from '../reports/reports.module.js';
import { TasksModule } from '../tasks/tasks.module.js';
import { TerritoriesModule } from '../territories/territories.module.js';
import { RideAccessService } from './ride-access.service.js';
import { RideRepository } from './ride.repository.js';
import { RidesController } from './rides.controller.js';
import { RidesService } from './rides.service.js';

@Module({
  imports: [TerritoriesModule, ReportsModule, PlacesModule, TasksModule],
  controllers: [RidesController],
  providers: [RidesService, RideRepository, RideAccessService],
  exports: [RideRepository, RidesService],
})
export class RidesModule {}
