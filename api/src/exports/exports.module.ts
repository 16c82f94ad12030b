import { Module } from '@nestjs/common';
import { ExportRepository } from './export.repository.js';
import { ExportsController } from './exports.controller.js';
import { ExportsService } from './exports.service.js';

@Module({
  controllers: [ExportsController],
  providers: [ExportsService, ExportRepository],
})
export class ExportsModule {}
