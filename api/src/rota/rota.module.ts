import { Module } from '@nestjs/common';
import { PlanningQueueService } from './planning-queue.service.js';
import { RotaController } from './rota.controller.js';
import { RotaRepository } from './rota.repository.js';
import { RotaService } from './rota.service.js';

@Module({ controllers: [RotaController], providers: [RotaService, RotaRepository, PlanningQueueService] })
export class RotaModule {}
