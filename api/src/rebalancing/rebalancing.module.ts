import { Module } from '@nestjs/common';
import { FairnessModule } from '../fairness/fairness.module.js';
import { RotaModule } from '../rota/rota.module.js';
import { WaitingSpotController } from './waiting-spot.controller.js';
import { WaitingSpotRepository } from './waiting-spot.repository.js';
import { WaitingSpotService } from './waiting-spot.service.js';

@Module({
  imports: [FairnessModule, RotaModule],
  controllers: [WaitingSpotController],
  providers: [WaitingSpotService, WaitingSpotRepository],
  exports: [WaitingSpotService],
})
export class RebalancingModule {}
