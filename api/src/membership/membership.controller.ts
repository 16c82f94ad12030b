import { Body, Controller, HttpCode, Inject, Ip, Param, Post } from '@nestjs/common';
import type { LoginResponse, MemberView, MembershipLinkView } from '@navette/contracts';
import type { AuthMember } from '../auth/auth-member.js';
import { CurrentMember, Public, Roles } from '../auth/auth.decorators.js';
import { uuidParam } from '../common/uuid.pipe.js';
import {
  ChangePasswordDto,
  CreateInvitationDto,
  IssueResetDto,
  JoinDto,
  ResetPasswordDto,
  RoleChangeDto,
} from './dto/membership.dto.js';
import { InvitationsService } from './invitations.service.js';
import { PasswordsService } from './passwords.service.js';
import { RolesService } from './roles.service.js';

const memberId = uuidParam('memberId');

/** Joining by invitation, passwords, and the roles coordinators grant and withdraw (ADR 0021). */
@Controller()
export class MembershipController {
  constructor(
    @Inject(InvitationsService) private readonly invitations: InvitationsService,
    @Inject(PasswordsService) private readonly passwords: PasswordsService,
    @Inject(RolesService) private readonly roles: RolesService,
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
}
