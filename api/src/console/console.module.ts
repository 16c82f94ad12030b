import { Module } from '@nestjs/common';
import { DispatchModule } from '../dispatch/dispatch.module.js';
import { RidesModule } from '../rides/rides.module.js';
import { AuditLogRepository } from './audit-log.repository.js';
import { ConsoleController } from './console.controller.js';
import { LiveRepository } from './live.repository.js';
import { LiveService } from './live.service.js';
import { ManualOfferService } from './manual-offer.service.js';
import { OverrideRepository } from './override.repository.js';
import { OverridesService } from './overrides.service.js';

/** The coordinator's console API: the live state of their territories and overrides of dispatch (ADR 0021). */
@Module({
  imports: [DispatchModule, RidesModule],
  controllers: [ConsoleController],
  providers: [
    AuditLogRepository,
    LiveService,
    LiveRepository,
    OverridesService,
    OverrideRepository,
    ManualOfferService,
  ],
})
export class ConsoleModule {}
