import { Module } from '@nestjs/common';
import { TerritoriesModule } from '../territories/territories.module.js';
import { FairnessController } from './fairness.controller.js';
import { FairnessRepository } from './fairness.repository.js';
import { FairnessService } from './fairness.service.js';

@Module({
  imports: [TerritoriesModule],
  controllers: [FairnessController],
  providers: [FairnessService, FairnessRepository],
  exports: [FairnessRepository],
})
export class FairnessModule {}
