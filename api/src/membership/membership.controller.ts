import { Body, Controller, Get, HttpCode, Inject, Ip, Param, Post, Put } from '@nestjs/common';
import type {
  DriveRequestView,
  LoginResponse,
  MemberView,
  MembershipLinkView,
  RegistrationView,
} from '@navette/contracts';
import type { AuthMember } from '../auth/auth-member.js';
import { CurrentMember, Public, Roles } from '../auth/auth.decorators.js';
import { uuidParam } from '../common/uuid.pipe.js';
import {
  ChangePasswordDto,
  CreateInvitationDto,
  DriveRequestDto,
  IssueResetDto,
  JoinDto,
  RegisterDto,
  RegistrationSettingDto,
  RequestDecisionDto,
  ResetPasswordDto,
  ResetRequestDto,
  RoleChangeDto,
} from './dto/membership.dto.js';
import { DriveRequestsService } from './drive-requests.service.js';
import { InvitationsService } from './invitations.service.js';
import { PasswordsService } from './passwords.service.js';
import { RegistrationsService } from './registrations.service.js';
import { RolesService } from './roles.service.js';

const memberId = uuidParam('memberId');
const uuid = uuidParam();

/**
 * Joining (by invitation, or by open registration a coordinator approves), passwords, asking to
 * drive, and the roles coordinators grant and withdraw (ADR 0021).
 */
@Controller()
export class MembershipController {
  constructor(
    @Inject(InvitationsService) private readonly invitations: InvitationsService,
    @Inject(PasswordsService) private readonly passwords: PasswordsService,
    @Inject(RolesService) private readonly roles: RolesService,
    @Inject(RegistrationsService) private readonly registrations: RegistrationsService,
    @Inject(DriveRequestsService) private readonly driveRequests: DriveRequestsService,
  ) {}

  @Post('invitations')
  invite(
    @CurrentMember() member: AuthMember,
    @Body() body: CreateInvitationDto,
  ): Promise<MembershipLinkView> {
    return this.invitations.invite(member, body.territoryId);
  }

  @Public()
  @Post('auth/join')
  join(@Body() body: JoinDto, @Ip() ip: string): Promise<LoginResponse> {
    return this.invitations.join(body, ip);
  }

  @Post('me/password')
  @HttpCode(204)
  changePassword(@CurrentMember() member: AuthMember, @Body() body: ChangePasswordDto): Promise<void> {
    return this.passwords.change(member, body);
  }

  @Roles('coordinator')
  @Post('members/:memberId/reset-links')
  issueReset(
    @CurrentMember() member: AuthMember,
    @Param('memberId', memberId) id: string,
    @Body() body: IssueResetDto,
  ): Promise<MembershipLinkView> {
    return this.passwords.issueReset(member, id, body.territoryId);
  }

  @Public()
  @Post('auth/reset-request')
  @HttpCode(202)
  requestReset(@Body() body: ResetRequestDto, @Ip() ip: string): Promise<{ status: 'pending' }> {
    return this.passwords.requestReset(body.email, ip);
  }

  @Public()
  @Post('auth/reset')
  @HttpCode(204)
  reset(@Body() body: ResetPasswordDto, @Ip() ip: string): Promise<void> {
    return this.passwords.reset(body, ip);
  }

  @Roles('coordinator')
  @Post('members/:memberId/roles')
  @HttpCode(200)
  grant(
    @CurrentMember() member: AuthMember,
    @Param('memberId', memberId) id: string,
    @Body() body: RoleChangeDto,
  ): Promise<MemberView> {
    return this.roles.grant(member, id, body);
  }

  @Roles('coordinator')
  @Post('members/:memberId/roles/withdrawal')
  @HttpCode(200)
  withdraw(
    @CurrentMember() member: AuthMember,
    @Param('memberId', memberId) id: string,
    @Body() body: RoleChangeDto,
  ): Promise<MemberView> {
    return this.roles.withdraw(member, id, body);
  }

  @Roles('coordinator')
  @Put('territories/:id/registration')
  setRegistration(
    @CurrentMember() member: AuthMember,
    @Param('id', uuid) id: string,
    @Body() body: RegistrationSettingDto,
  ): Promise<{ open: boolean }> {
    return this.registrations.setOpen(member, id, body.open);
  }

  @Public()
  @Post('auth/register')
  @HttpCode(202)
  register(@Body() body: RegisterDto, @Ip() ip: string): Promise<{ status: 'pending' }> {
    return this.registrations.register(body, ip);
  }

  @Roles('coordinator')
  @Get('territories/:id/registrations')
  registrationsOf(
    @CurrentMember() member: AuthMember,
    @Param('id', uuid) id: string,
  ): Promise<RegistrationView[]> {
    return this.registrations.pending(member, id);
  }

  @Roles('coordinator')
  @Post('registrations/:id/decision')
  @HttpCode(200)
  decideRegistration(
    @CurrentMember() member: AuthMember,
    @Param('id', uuid) id: string,
    @Body() body: RequestDecisionDto,
  ): Promise<RegistrationView> {
    return this.registrations.decide(member, id, body);
  }

  @Post('me/drive-request')
  askToDrive(@CurrentMember() member: AuthMember, @Body() body: DriveRequestDto): Promise<DriveRequestView> {
    return this.driveRequests.ask(member, body);
  }

  @Roles('coordinator')
  @Get('territories/:id/drive-requests')
  driveRequestsOf(
    @CurrentMember() member: AuthMember,
    @Param('id', uuid) id: string,
  ): Promise<DriveRequestView[]> {
    return this.driveRequests.pending(member, id);
  }

  @Roles('coordinator')
  @Post('drive-requests/:id/decision')
  @HttpCode(200)
  decideDriveRequest(
    @CurrentMember() member: AuthMember,
    @Param('id', uuid) id: string,
    @Body() body: RequestDecisionDto,
  ): Promise<DriveRequestView> {
    return this.driveRequests.decide(member, id, body);
  }
}
