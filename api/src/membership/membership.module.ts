import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { InvitationsService } from './invitations.service.js';
import { MembershipLinkRepository } from './membership-link.repository.js';
import { MembershipController } from './membership.controller.js';
import { PasswordsService } from './passwords.service.js';
import { RoleRepository } from './role.repository.js';
import { RolesService } from './roles.service.js';

/** How people join (invitations), keep access (passwords) and gain or lose roles (ADR 0021). */
@Module({
  imports: [AuthModule],
  controllers: [MembershipController],
  providers: [InvitationsService, PasswordsService, RolesService, MembershipLinkRepository, RoleRepository],
})
export class MembershipModule {}
