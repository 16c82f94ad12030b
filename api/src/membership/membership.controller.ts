import { Body, Controller, Get, HttpCode, Inject, Ip, Param, Post, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type {
  DriveRequestView,
  LoginResponse,
  MemberView,
  MembershipLinkView,
  PendingAnswer,
  RegistrationSetting,
  RegistrationView,
} from '@navette/contracts';
import { ApiDoc } from '../api-docs/api-doc.decorator.js';
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
@ApiTags('membership')
@Controller()
export class MembershipController {
  constructor(
    @Inject(InvitationsService) private readonly invitations: InvitationsService,
    @Inject(PasswordsService) private readonly passwords: PasswordsService,
    @Inject(RolesService) private readonly roles: RolesService,
    @Inject(RegistrationsService) private readonly registrations: RegistrationsService,
    @Inject(DriveRequestsService) private readonly driveRequests: DriveRequestsService,
  ) {}

  @ApiDoc({
    summary: 'Invite a newcomer',
    description:
      'A single-use, expiring invitation link into a territory: a coordinator within their territories, a member into their home territory (their vouch then counts).',
    replies: { 201: 'MembershipLinkView' },
  })
  @Post('invitations')
  invite(
    @CurrentMember() member: AuthMember,
    @Body() body: CreateInvitationDto,
  ): Promise<MembershipLinkView> {
    return this.invitations.invite(member, body.territoryId);
  }

  @Public()
  @ApiDoc({
    summary: 'Join by invitation',
    description:
      'The invitee names themselves and sets a password; they join as a rider of the territory, signed in.',
    replies: { 201: 'LoginResponse' },
    errors: ['CONFLICT', 'RATE_LIMITED'],
  })
  @Post('auth/join')
  join(@Body() body: JoinDto, @Ip() ip: string): Promise<LoginResponse> {
    return this.invitations.join(body, ip);
  }

  @ApiDoc({
    summary: 'Change my password',
    description:
      'The current password is required; the new one is checked against common passwords. Every other session of the member ends; the answer carries a new token for this one.',
    replies: { 200: 'LoginResponse' },
    errors: ['FORBIDDEN', 'RATE_LIMITED'],
  })
  @Post('me/password')
  @HttpCode(200)
  changePassword(
    @CurrentMember() member: AuthMember,
    @Body() body: ChangePasswordDto,
  ): Promise<LoginResponse> {
    return this.passwords.change(member, body);
  }

  @Roles('coordinator')
  @ApiDoc({
    summary: 'Issue a reset link',
    description: 'A single-use password reset link for a member of the coordinator’s territories.',
    replies: { 201: 'MembershipLinkView' },
    errors: ['RATE_LIMITED'],
  })
  @Post('members/:memberId/reset-links')
  issueReset(
    @CurrentMember() member: AuthMember,
    @Param('memberId', memberId) id: string,
    @Body() body: IssueResetDto,
  ): Promise<MembershipLinkView> {
    return this.passwords.issueReset(member, id, body.territoryId);
  }

  @Public()
  @ApiDoc({
    summary: 'Ask for a reset by email',
    description:
      'Mails a reset link when mail is configured and the email belongs to a member; the same answer for everyone.',
    replies: { 202: 'PendingAnswer' },
    errors: ['RATE_LIMITED'],
  })
  @Post('auth/reset-request')
  @HttpCode(202)
  requestReset(@Body() body: ResetRequestDto, @Ip() ip: string): Promise<PendingAnswer> {
    return this.passwords.requestReset(body.email, ip);
  }

  @Public()
  @ApiDoc({
    summary: 'Reset a password',
    description: 'With a reset link’s token, once.',
    replies: { 204: null },
    errors: ['RATE_LIMITED'],
  })
  @Post('auth/reset')
  @HttpCode(204)
  reset(@Body() body: ResetPasswordDto, @Ip() ip: string): Promise<void> {
    return this.passwords.reset(body, ip);
  }

  @Roles('coordinator')
  @ApiDoc({
    summary: 'Grant a role',
    description: 'A coordinator grants driver or coordinator within their scope, with a reason; logged.',
    replies: { 200: 'MemberView' },
    errors: ['CONFLICT'],
  })
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
  @ApiDoc({
    summary: 'Withdraw a role',
    description: 'A coordinator withdraws a role within their scope, with a reason; logged.',
    replies: { 200: 'MemberView' },
    errors: ['CONFLICT'],
  })
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
  @ApiDoc({
    summary: 'Members of a territory',
    description:
      'The members whose home is the territory or one nested in it (at most 500, by name), for its coordinators: to grant and withdraw roles and issue reset links.',
    replies: { 200: ['MemberView'] },
  })
  @Get('territories/:id/members')
  membersOf(@CurrentMember() member: AuthMember, @Param('id', uuid) id: string): Promise<MemberView[]> {
    return this.roles.membersOf(member, id);
  }

  @Roles('coordinator')
  @ApiDoc({
    summary: 'Whether registration is open',
    description: 'Whether newcomers may ask to join the territory without an invitation.',
    replies: { 200: 'RegistrationSetting' },
  })
  @Get('territories/:id/registration')
  registration(
    @CurrentMember() member: AuthMember,
    @Param('id', uuid) id: string,
  ): Promise<RegistrationSetting> {
    return this.registrations.isOpen(member, id);
  }

  @Roles('coordinator')
  @ApiDoc({
    summary: 'Open or close registration',
    description: 'Whether newcomers may register without an invitation, pending a coordinator’s approval.',
    replies: { 200: 'RegistrationSetting' },
  })
  @Put('territories/:id/registration')
  setRegistration(
    @CurrentMember() member: AuthMember,
    @Param('id', uuid) id: string,
    @Body() body: RegistrationSettingDto,
  ): Promise<RegistrationSetting> {
    return this.registrations.setOpen(member, id, body.open);
  }

  @Public()
  @ApiDoc({
    summary: 'Register',
    description:
      'Asks to join a territory open to registration; the same answer for everyone, a coordinator decides.',
    replies: { 202: 'PendingAnswer' },
    errors: ['RATE_LIMITED'],
  })
  @Post('auth/register')
  @HttpCode(202)
  register(@Body() body: RegisterDto, @Ip() ip: string): Promise<PendingAnswer> {
    return this.registrations.register(body, ip);
  }

  @Roles('coordinator')
  @ApiDoc({
    summary: 'Registrations to decide',
    description: 'The pending registrations of a territory, for its coordinators.',
    replies: { 200: ['RegistrationView'] },
  })
  @Get('territories/:id/registrations')
  registrationsOf(
    @CurrentMember() member: AuthMember,
    @Param('id', uuid) id: string,
  ): Promise<RegistrationView[]> {
    return this.registrations.pending(member, id);
  }

  @Roles('coordinator')
  @ApiDoc({
    summary: 'Decide a registration',
    description: 'Approve, or refuse with a reason.',
    replies: { 200: 'RegistrationView' },
    errors: ['CONFLICT'],
  })
  @Post('registrations/:id/decision')
  @HttpCode(200)
  decideRegistration(
    @CurrentMember() member: AuthMember,
    @Param('id', uuid) id: string,
    @Body() body: RequestDecisionDto,
  ): Promise<RegistrationView> {
    return this.registrations.decide(member, id, body);
  }

  @ApiDoc({
    summary: 'Ask to drive',
    description: 'A rider declares their vehicle and weekly availability; a coordinator decides.',
    replies: { 201: 'DriveRequestView' },
    errors: ['CONFLICT'],
  })
  @Post('me/drive-request')
  askToDrive(@CurrentMember() member: AuthMember, @Body() body: DriveRequestDto): Promise<DriveRequestView> {
    return this.driveRequests.ask(member, body);
  }

  @ApiDoc({
    summary: 'My requests to drive',
    description: 'The caller’s requests to drive and their answers, newest first.',
    replies: { 200: ['DriveRequestView'] },
  })
  @Get('me/drive-requests')
  myDriveRequests(@CurrentMember() member: AuthMember): Promise<DriveRequestView[]> {
    return this.driveRequests.mine(member);
  }

  @Roles('coordinator')
  @ApiDoc({
    summary: 'Requests to drive',
    description: 'The pending requests to drive of a territory, for its coordinators.',
    replies: { 200: ['DriveRequestView'] },
  })
  @Get('territories/:id/drive-requests')
  driveRequestsOf(
    @CurrentMember() member: AuthMember,
    @Param('id', uuid) id: string,
  ): Promise<DriveRequestView[]> {
    return this.driveRequests.pending(member, id);
  }

  @Roles('coordinator')
  @ApiDoc({
    summary: 'Decide a request to drive',
    description:
      'Approve (the vehicle is added and the driver role granted, logged), or refuse with a reason.',
    replies: { 200: 'DriveRequestView' },
    errors: ['CONFLICT'],
  })
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
