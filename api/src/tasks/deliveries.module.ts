import { Module } from '@nestjs/common';
import { DispatchModule } from '../dispatch/dispatch.module.js';
import { RidesModule } from '../rides/rides.module.js';
import { DeliveriesController } from './deliveries.controller.js';
import { HandoverService } from './handover.service.js';
import { TasksModule } from './tasks.module.js';
import { TrackingService } from './tracking.service.js';

/** After a task was asked for: the driver's handover, the sender's code and link, the tracking page. */
@Module({
  imports: [TasksModule, RidesModule, DispatchModule],
  controllers: [DeliveriesController],
  providers: [HandoverService, TrackingService],
})
export class DeliveriesModule {}
