import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Patch, Post } from '@nestjs/common';
import type { MemberSettings, VouchCodeView, VouchesView } from '@navette/contracts';
import type { AuthMember } from '../auth/auth-member.js';
import { CurrentMember } from '../auth/auth.decorators.js';
import { GiveVouchDto } from './dto/give-vouch.dto.js';
import { UpdateSettingsDto } from './dto/update-settings.dto.js';
import { VouchByCodeDto } from './dto/vouch-by-code.dto.js';
import { MembersService } from './members.service.js';
import { uuidParam } from '../common/uuid.pipe.js';
import { ApiDoc } from '../api-docs/api-doc.decorator.js';
import { ApiTags } from '@nestjs/swagger';

const uuid = uuidParam('memberId');

/** Trust between members (vouches) and each member's own limits. */
@ApiTags('members')
@Controller()
export class MembersController {
  constructor(@Inject(MembersService) private readonly members: MembersService) {}

  @ApiDoc({
    summary: 'My vouches',
    description: 'Whom the caller vouches for and who vouches for them.',
    replies: { 200: 'VouchesView' },
  })
  @Get('vouches')
  list(@CurrentMember() member: AuthMember): Promise<VouchesView> {
    return this.members.list(member.id);
  }

  @ApiDoc({
    summary: 'Vouch for a member',
    description: 'The caller vouches for another member; answers the caller’s vouches.',
    replies: { 200: 'VouchesView' },
  })
  @Post('vouches')
  @HttpCode(200)
  vouch(@CurrentMember() member: AuthMember, @Body() body: GiveVouchDto): Promise<VouchesView> {
    return this.members.vouch(member.id, body.memberId);
  }

  @ApiDoc({
    summary: 'Vouch by code',
    description:
      'The caller vouches for the member who shared this code with them (no one is found by browsing); answers the caller’s vouches.',
    replies: { 200: 'VouchesView' },
    errors: ['RATE_LIMITED'],
  })
  @Post('vouches/by-code')
  @HttpCode(200)
  vouchByCode(@CurrentMember() member: AuthMember, @Body() body: VouchByCodeDto): Promise<VouchesView> {
    return this.members.vouchByCode(member.id, body.code);
  }

  @ApiDoc({
    summary: 'My vouch code',
    description: 'The code (and link) the caller shares so that another member can vouch for them.',
    replies: { 200: 'VouchCodeView' },
  })
  @Get('me/vouch-code')
  vouchCode(@CurrentMember() member: AuthMember): Promise<VouchCodeView> {
    return this.members.vouchCode(member.id);
  }

  @ApiDoc({
    summary: 'Renew my vouch code',
    description: 'A new code to share; the old one no longer works. Vouches already given stay.',
    replies: { 200: 'VouchCodeView' },
  })
  @Post('me/vouch-code/renewal')
  @HttpCode(200)
  renewVouchCode(@CurrentMember() member: AuthMember): Promise<VouchCodeView> {
    return this.members.vouchCode(member.id, true);
  }

  @ApiDoc({
    summary: 'Withdraw a vouch',
    description: 'The caller no longer vouches for this member; answers the caller’s vouches.',
    replies: { 200: 'VouchesView' },
  })
  @Delete('vouches/:memberId')
  withdraw(
    @CurrentMember() member: AuthMember,
    @Param('memberId', uuid) memberId: string,
  ): Promise<VouchesView> {
    return this.members.withdraw(member.id, memberId);
  }

  @ApiDoc({
    summary: 'My settings',
    description: 'The caller’s own limits, every one (null when not set).',
    replies: { 200: 'MemberSettings' },
  })
  @Get('me/settings')
  readSettings(@CurrentMember() member: AuthMember): Promise<MemberSettings> {
    return this.members.settings(member.id);
  }

  @ApiDoc({
    summary: 'Change my settings',
    description: 'Changes the caller’s own limits; null clears one. Answers every setting.',
    replies: { 200: 'MemberSettings' },
  })
  @Patch('me/settings')
  settings(@CurrentMember() member: AuthMember, @Body() body: UpdateSettingsDto): Promise<MemberSettings> {
    return this.members.updateSettings(member.id, body);
  }
}
