import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { DriveRequestRepository } from './drive-request.repository.js';
import { DriveRequestsService } from './drive-requests.service.js';
import { InvitationsService } from './invitations.service.js';
import { MailerService } from './mailer.service.js';
import { MembershipLinkRepository } from './membership-link.repository.js';
import { MembershipController } from './membership.controller.js';
import { PasswordsService } from './passwords.service.js';
import { RegistrationRepository } from './registration.repository.js';
import { RegistrationsService } from './registrations.service.js';
import { RoleRepository } from './role.repository.js';
import { RolesService } from './roles.service.js';

/** How people join (invitations, open registration), keep access (passwords) and gain or lose roles (ADR 0021). */
@Module({
  imports: [AuthModule],
  controllers: [MembershipController],
  providers: [
    InvitationsService,
    PasswordsService,
    RolesService,
    RegistrationsService,
    DriveRequestsService,
    MembershipLinkRepository,
    RoleRepository,
    RegistrationRepository,
    DriveRequestRepository,
    MailerService,
  ],
})
export class MembershipModule {}
