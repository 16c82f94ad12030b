import { Module } from '@nestjs/common';
import { RotaController } from './rota.controller.js';
import { RotaRepository } from './rota.repository.js';
import { RotaService } from './rota.service.js';

@Module({ controllers: [RotaController], providers: [RotaService, RotaRepository] })
export class RotaModule {}
