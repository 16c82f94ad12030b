import { Module } from '@nestjs/common';
import { ConsoleController } from './console.controller.js';
import { LiveRepository } from './live.repository.js';
import { LiveService } from './live.service.js';

/** The coordinator's console API: the live state of their territories (ADR 0021). */
@Module({
  controllers: [ConsoleController],
  providers: [LiveService, LiveRepository],
})
export class ConsoleModule {}
