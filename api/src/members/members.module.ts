import { Module } from '@nestjs/common';
import { MembersController } from './members.controller.js';
import { MembersService } from './members.service.js';
import { VouchRepository } from './vouch.repository.js';

@Module({ controllers: [MembersController], providers: [MembersService, VouchRepository] })
export class MembersModule {}
