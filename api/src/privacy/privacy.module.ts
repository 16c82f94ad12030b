import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { TimeBankModule } from '../time-bank/time-bank.module.js';
import { ErasureRepository } from './erasure.repository.js';
import { ErasureService } from './erasure.service.js';
import { MemberDataRepository } from './member-data.repository.js';
import { MemberDataService } from './member-data.service.js';
import { PrivacyController } from './privacy.controller.js';
import { RetentionRepository } from './retention.repository.js';
import { RetentionSweepService } from './retention-sweep.service.js';

/** Place retention per territory, and each member's copy and erasure of their data. */
@Module({
  imports: [AuthModule, TimeBankModule],
  controllers: [PrivacyController],
  providers: [
    MemberDataService,
    MemberDataRepository,
    ErasureService,
    ErasureRepository,
    RetentionRepository,
    RetentionSweepService,
  ],
  exports: [RetentionSweepService],
})
export class PrivacyModule {}
