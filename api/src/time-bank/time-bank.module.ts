import { Module } from '@nestjs/common';
import { TimeBankController } from './time-bank.controller.js';
import { TimeBankRepository } from './time-bank.repository.js';
import { TimeBankService } from './time-bank.service.js';

@Module({
  controllers: [TimeBankController],
  providers: [TimeBankService, TimeBankRepository],
  exports: [TimeBankService],
})
export class TimeBankModule {}
