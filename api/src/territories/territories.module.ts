import { Module } from '@nestjs/common';
import { TerritoriesController } from './territories.controller.js';
import { TerritoryAdminRepository } from './territory-admin.repository.js';
import { TerritoryAdminService } from './territory-admin.service.js';
import { TerritoryRepository } from './territory.repository.js';

@Module({
  controllers: [TerritoriesController],
  providers: [TerritoryRepository, TerritoryAdminRepository, TerritoryAdminService],
  exports: [TerritoryRepository],
})
export class TerritoriesModule {}
